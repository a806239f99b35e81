import {
  BINDING_KINDS,
  BuiltinEditBinding,
  checkBuiltinEditBinding,
  CORE,
  coversGroup,
  onlyNames,
  policyRules,
  RBAC_GROUP,
  resourceIndex,
  ROLE_KINDS,
} from './policy';
import type { Rule } from '../../../check/rule';

/** A permission that lets its holder gain permissions it was not given. */
interface Escalation {
  /** The verb that grants it. */
  readonly verb: string;
  /** API group and resource it applies to; any one of them is enough. */
  readonly on: readonly (readonly [group: string, resource: string])[];
  /** What the holder can do with it. */
  readonly why: string;
}

const ESCALATIONS: readonly Escalation[] = [
  {
    verb: 'escalate',
    on: [[RBAC_GROUP, 'roles'], [RBAC_GROUP, 'clusterroles']],
    why: 'the holder can write roles with permissions it does not hold itself',
  },
  {
    verb: 'bind',
    on: [[RBAC_GROUP, 'roles'], [RBAC_GROUP, 'clusterroles']],
    why: 'the holder can bind roles with permissions it does not hold itself, to itself or anyone',
  },
  {
    verb: 'impersonate',
    on: [[CORE, 'users'], [CORE, 'groups'], [CORE, 'serviceaccounts'], ['authentication.k8s.io', 'uids']],
    why: 'the holder can act as other users, groups or ServiceAccounts, with their permissions',
  },
  {
    verb: 'create',
    on: [[CORE, 'serviceaccounts/token']],
    why: 'the holder can mint tokens for ServiceAccounts and act as them',
  },
];

/** The finding on a binding to the built-in admin or edit ClusterRole. */
const EDIT_BINDING: BuiltinEditBinding = {
  grants: 'can impersonate every ServiceAccount',
  fix: 'Bind a Role that lists what the subjects need (the built-in view role cannot impersonate), or waive with the reason they must.',
};

/** No escalate, bind, impersonate, or ServiceAccount token creation. */
export const rbacPrivilegeEscalation: Rule = {
  id: 'k8s-rbac-privilege-escalation',
  title: 'Roles must not grant escalate, bind, impersonate or ServiceAccount token creation',
  description:
    'RBAC stops a subject from granting permissions it does not hold, except through the verbs that exist to get ' +
    'around that check: escalate and bind on roles, impersonate on users, groups, ServiceAccounts and UIDs, and ' +
    'create on serviceaccounts/token. The Kubernetes "Role Based Access Control Good Practices" list each as a ' +
    'privilege escalation path; a holder of any of them can reach every permission in its scope, so access to PHI ' +
    'would no longer be what the roles say. The built-in ClusterRoles admin and edit can impersonate ' +
    'ServiceAccounts, so bindings to them are flagged too.',
  severity: 'error',
  controls: ['164.308(a)(3)', '164.308(a)(4)', '164.312(a)(1)'],
  kinds: [...ROLE_KINDS, ...BINDING_KINDS],
  fix:
    'Remove escalate, bind and impersonate, and create on serviceaccounts/token, from the role. Controllers that ' +
    'must manage RBAC get a dedicated role narrowed with resourceNames and a waiver for ' +
    'k8s-rbac-privilege-escalation saying why.',
  check(resource, ctx, report) {
    if (checkBuiltinEditBinding(resource, ctx, report, EDIT_BINDING)) return;
    const rules = policyRules(resource);
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i];
      const verbs = rule?.verbs;
      if (!Array.isArray(verbs)) continue;
      // One finding per verbs entry, listing everything it grants (a `*` grants all four).
      const grants = new Map<number, Array<{ what: string; why: string }>>();
      for (const e of ESCALATIONS) {
        const own = verbs.indexOf(e.verb);
        const j = own >= 0 ? own : verbs.indexOf('*');
        if (j < 0) continue;
        const on = grantedOn(rule, e);
        if (on === undefined) continue;
        const list = grants.get(j) ?? [];
        list.push({ what: `${e.verb} on ${on}`, why: e.why });
        grants.set(j, list);
      }
      for (const [j, list] of grants) {
        report({
          path: `rules[${i}].verbs[${j}]`,
          message: list.length === 1
            ? `verb '${verbs[j]}' grants ${list[0].what}${onlyNames(rule)}: ${list[0].why}`
            : `verb '${verbs[j]}' grants ${joinAnd(list.map((g) => `${g.what} (${g.why})`))}${onlyNames(rule)}`,
        });
      }
    }
  },
};

/** `a`, `a and b`, `a, b and c`. */
function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The first resource the escalation applies to that the PolicyRule covers, if any. */
function grantedOn(rule: any, e: Escalation): string | undefined {
  for (const [group, res] of e.on) {
    if (coversGroup(rule, group) && resourceIndex(rule, res) >= 0) return res;
  }
  return undefined;
}
