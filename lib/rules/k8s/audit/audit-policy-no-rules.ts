import { policyDocuments } from './policy-documents';
import type { Rule } from '../../../check/rule';

/** An audit Policy must have rules. */
export const auditPolicyNoRules: Rule = {
  id: 'k8s-audit-policy-no-rules',
  title: 'An audit Policy must have rules',
  description:
    'The API server gives each request the level of the first rule of the audit Policy that matches it, and a request ' +
    'that no rule matches is not logged. A Policy without rules therefore records nothing: no reads, no writes, no RBAC ' +
    'changes, no exec into pods, while the audit policy file flag of the API server suggests that auditing is on. Checked on Policy ' +
    'documents (audit.k8s.io) given as files and in the data of ConfigMaps.',
  severity: 'error',
  controls: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
  kinds: ['Policy', 'ConfigMap'],
  fix: 'Write the Policy with AuditSink (hipaa-constructs/cdk8s), or add rules ending with a catch-all `- level: Metadata`.',
  check(resource, _ctx, report) {
    for (const { policy, prefix } of policyDocuments(resource)) {
      if (Array.isArray(policy.rules) && policy.rules.length > 0) continue;
      report({ path: `${prefix}rules`, message: 'the audit Policy has no rules, so the API server logs no request at all' });
    }
  },
};
