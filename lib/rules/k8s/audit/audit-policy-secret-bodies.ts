import { policyDocuments } from './policy-documents';
import type { Rule } from '../../../check/rule';
import { bodyLeaks, resourceName } from '../support/audit-policy';

/** No audit rule may log the bodies of Secrets, ConfigMaps or TokenReviews. */
export const auditPolicySecretBodies: Rule = {
  id: 'k8s-audit-policy-secret-bodies',
  title: 'An audit Policy must log Secrets, ConfigMaps and TokenReviews at Metadata at most',
  description:
    'At level Request or RequestResponse the audit log holds the request (and response) body: the data of Secrets ' +
    'and ConfigMaps (passwords, keys, sometimes PHI) and the bearer tokens sent to TokenReviews. The audit log is ' +
    'shipped off the cluster and read by more people than the Secrets are, so it must hold who touched them, not ' +
    'their content. A rule at a body level is flagged when it can match one of these resources (rules with no ' +
    'resources restriction match all resources) and no earlier rule takes every request on that resource at None or ' +
    'Metadata (the first matching rule wins). Rules limited to some users, verbs or namespaces count: they still leak ' +
    'for those requests.',
  severity: 'error',
  controls: ['164.312(b)', '164.312(a)(1)', '164.308(a)(3)'],
  kinds: ['Policy', 'ConfigMap'],
  fix:
    'Put a rule `- level: Metadata` with `resources: [{group: "", resources: [secrets, configmaps]}, {group: authentication.k8s.io, ' +
    'resources: [tokenreviews]}]` before any Request or RequestResponse rule, or limit those rules to other resources. AuditSink writes such a Policy.',
  check(resource, _ctx, report) {
    for (const { policy, prefix } of policyDocuments(resource)) {
      for (const leak of bodyLeaks(policy)) {
        const rule = policy.rules[leak.index];
        const how = Array.isArray(rule.resources) && rule.resources.length > 0 ? 'its resources match' : 'it has no resources restriction, so it matches';
        report({
          path: `${prefix}rules[${leak.index}].level`,
          message: `level ${leak.level} logs request bodies and ${how} ${leak.resources.map(resourceName).join(', ')}, which no earlier rule logs at Metadata or None: their data would be written to the audit log`,
        });
      }
    }
  },
};
