import {
  BINDING_KINDS,
  BuiltinEditBinding,
  checkBuiltinEditBinding,
  CORE,
  coversGroup,
  onlyNames,
  policyRules,
  resourceIndex,
  ROLE_KINDS,
  via,
} from './policy';
import type { Rule } from '../../../check/rule';

/**
 * Verbs that return Secret values: get, list and watch return them, and so does patch (the
 * response is the whole patched object). `*` includes them all.
 */
const READS: ReadonlySet<unknown> = new Set(['get', 'list', 'watch', 'patch', '*']);

/** The finding on a binding to the built-in admin or edit ClusterRole. */
const EDIT_BINDING: BuiltinEditBinding = {
  grants: 'reads every Secret',
  fix: 'Bind a Role that lists what the subjects need (the built-in view role does not read Secrets), or waive with the reason they must read Secrets.',
};

/** Only roles meant to read Secrets may, and they say so with a waiver. */
export const rbacSecretAccess: Rule = {
  id: 'k8s-rbac-secret-access',
  title: 'Only roles meant to read Secrets may read them (each one waived with its reason)',
  description:
    'Secrets hold the credentials and keys that protect PHI: database passwords, API tokens, TLS keys. get returns a ' +
    'Secret; list and watch return every Secret in scope with its values (the Kubernetes "Role Based Access Control ' +
    'Good Practices" call this out); patch returns the whole patched Secret. A role that can read Secrets is flagged ' +
    'unless it carries a waiver saying why it needs to. Bindings to the built-in ClusterRoles admin and edit are ' +
    'flagged too, since both read every Secret in the namespaces they are bound in.',
  severity: 'error',
  controls: ['164.308(a)(4)', '164.312(a)(1)'],
  kinds: [...ROLE_KINDS, ...BINDING_KINDS],
  fix:
    'Remove get, list, watch and patch on secrets from roles that do not need them (mount the Secret into the pod ' +
    'instead of reading it through the API). For a role that must read Secrets, narrow it with resourceNames and ' +
    'add a waiver for k8s-rbac-secret-access in the annotation hipaa-constructs.io/waivers saying why.',
  check(resource, ctx, report) {
    if (checkBuiltinEditBinding(resource, ctx, report, EDIT_BINDING)) return;
    const rules = policyRules(resource);
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i];
      const k = resourceIndex(rule, 'secrets');
      if (k < 0 || !coversGroup(rule, CORE)) continue;
      const verbs: unknown[] = Array.isArray(rule.verbs) ? rule.verbs.filter((v: unknown) => READS.has(v)) : [];
      if (verbs.length === 0) continue;
      report({
        path: `rules[${i}].resources[${k}]`,
        message: `grants ${verbs.map((v) => `'${v}'`).join(', ')} on secrets${via(rule.resources[k])}${onlyNames(rule)}: the holder can read Secret values`,
      });
    }
  },
};
