import { auditPolicyNoRules } from './audit-policy-no-rules';
import { auditPolicyRbacExec } from './audit-policy-rbac-exec';
import { auditPolicySecretBodies } from './audit-policy-secret-bodies';
import { auditPolicyValid } from './audit-policy-valid';
import { logForwarderRedaction } from './log-forwarder-redaction';
import { logForwarderTls } from './log-forwarder-tls';
import type { RulePack } from '../../../check/rule';

/** Audit: the API server's audit Policy and the forwarding of logs off the cluster. */
export const auditPack: RulePack = {
  name: 'kubernetes-audit',
  description:
    'Audit: API server audit Policies (files and ConfigMaps) that the API server loads and that log something, never the bodies of Secrets, ConfigMaps ' +
    'or TokenReviews, and always RBAC changes and exec/attach/port-forward; Fluent Bit log forwarders that redact PHI ' +
    'and send over TLS.',
  rules: [auditPolicyNoRules, auditPolicyValid, auditPolicySecretBodies, auditPolicyRbacExec, logForwarderRedaction, logForwarderTls],
};
