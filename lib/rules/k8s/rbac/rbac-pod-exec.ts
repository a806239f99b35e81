import {
  ALL,
  BINDING_KINDS,
  BuiltinEditBinding,
  checkBuiltinEditBinding,
  CORE,
  coversGroup,
  onlyNames,
  policyRules,
  ROLE_KINDS,
} from './policy';
import type { Rule } from '../../../check/rule';

/** The pod subresources that reach inside a running pod, and what each lets the holder do. */
const SUBRESOURCES = new Map<string, string>([
  ['pods/exec', 'run any command inside the pods and read the PHI they hold'],
  ['pods/attach', "attach to the pods' running processes and read their input and output"],
  ['pods/portforward', 'open connections to any port of the pods, past Services and NetworkPolicies'],
]);
/** `*\/exec` and the like, for the same subresources. */
const STAR_SUBRESOURCES = new Map<string, string>([...SUBRESOURCES.keys()].map((r) => [`*${r.slice(4)}`, r]));
/** Verbs that open these subresources: create (SPDY, POST) and get (WebSocket upgrade, GET). */
const OPENING_VERBS: ReadonlySet<unknown> = new Set(['create', 'get', ALL]);

/** The finding on a binding to the built-in admin or edit ClusterRole. */
const EDIT_BINDING: BuiltinEditBinding = {
  grants: 'can exec, attach and port-forward into every pod',
  fix: 'Bind a Role that lists what the subjects need (the built-in view role cannot exec into pods), or waive with the reason they must.',
};

/** No exec, attach or port-forward into pods. */
export const rbacPodExec: Rule = {
  id: 'k8s-rbac-pod-exec',
  title: 'Roles must not grant exec, attach or port-forward into pods',
  description:
    'pods/exec, pods/attach and pods/portforward reach inside a running pod: whoever holds them can read PHI in ' +
    "memory and on the pod's volumes, read its mounted Secrets and act as its ServiceAccount, outside the " +
    "application's own access control and audit trail; port-forward also bypasses NetworkPolicies. The Kubernetes " +
    '"Role Based Access Control Good Practices" list these as privilege escalation risks. kubectl opens them with ' +
    'create, WebSocket clients with get, so both verbs count. Bindings to the built-in ClusterRoles admin and edit ' +
    'are flagged too, since both grant all three.',
  severity: 'error',
  controls: ['164.308(a)(4)', '164.312(a)(1)'],
  kinds: [...ROLE_KINDS, ...BINDING_KINDS],
  fix:
    'Remove pods/exec, pods/attach and pods/portforward from the role. For break-glass debugging, grant them ' +
    'through a separate, time-limited role that carries a waiver for k8s-rbac-pod-exec with its reason and expiry.',
  check(resource, ctx, report) {
    if (checkBuiltinEditBinding(resource, ctx, report, EDIT_BINDING)) return;
    const rules = policyRules(resource);
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i];
      const resources = rule?.resources;
      if (!Array.isArray(resources) || !coversGroup(rule, CORE)) continue;
      let verbs: string | undefined;
      for (let j = 0; j < resources.length; j++) {
        const r = resources[j];
        let what: string | undefined;
        let target: string;
        if (r === ALL) {
          target = 'pods/exec, pods/attach and pods/portforward';
          what = 'run commands in, attach to and open connections to every pod';
        } else {
          const sub = subresourceOf(r);
          if (sub === undefined) continue;
          target = sub;
          what = SUBRESOURCES.get(sub);
        }
        verbs ??= openingVerbs(rule);
        if (verbs === '') break;
        report({
          path: `rules[${i}].resources[${j}]`,
          message: `grants ${verbs} on ${target}${r !== target ? ` through '${r}'` : ''}${onlyNames(rule)}: the holder can ${what}`,
        });
      }
    }
  },
};

/** `'create', 'get'`: the rule's verbs that open the subresources, or '' when none does. */
function openingVerbs(rule: any): string {
  if (!Array.isArray(rule.verbs)) return '';
  return rule.verbs.filter((v: unknown) => OPENING_VERBS.has(v)).map((v: unknown) => `'${v}'`).join(', ');
}

/** `pods/exec` for an entry `pods/exec` or `*\/exec`; undefined for anything else. */
function subresourceOf(entry: unknown): string | undefined {
  if (typeof entry !== 'string') return undefined;
  return SUBRESOURCES.has(entry) ? entry : STAR_SUBRESOURCES.get(entry);
}
