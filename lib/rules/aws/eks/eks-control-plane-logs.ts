import type { Rule } from '../../../check/rule';
import { CONTROL_PLANE_LOG_TYPES, EKS_CLUSTER } from '../support/eks';

/** Every control-plane log type goes to CloudWatch Logs. */
export const eksControlPlaneLogs: Rule = {
  id: 'aws-eks-control-plane-logs',
  title: 'An EKS cluster must send all five control-plane log types to CloudWatch Logs',
  description:
    'EKS writes no control-plane logs unless enabledClusterLogTypes lists them. The audit log records who read or changed ' +
    'which object (Secrets, pods, RBAC), the authenticator log which IAM identity became which Kubernetes user, and the ' +
    'api, controllerManager and scheduler logs what the control plane did: together the record of activity in the ' +
    `system that holds PHI. All five (${CONTROL_PLANE_LOG_TYPES.join(', ')}) are required.`,
  severity: 'error',
  controls: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
  kinds: [EKS_CLUSTER],
  fix: `Set enabledClusterLogTypes: ${JSON.stringify(CONTROL_PLANE_LOG_TYPES)} (HipaaEksCluster does).`,
  check(resource, _ctx, report) {
    const types: unknown = resource.body.enabledClusterLogTypes;
    const enabled = Array.isArray(types) ? types : [];
    const missing = CONTROL_PLANE_LOG_TYPES.filter((t) => !enabled.includes(t));
    if (missing.length > 0) {
      report({ path: 'enabledClusterLogTypes', message: `EKS cluster '${resource.name}' does not log ${missing.join(', ')} (enabledClusterLogTypes ${Array.isArray(types) ? `is ${JSON.stringify(types)}` : 'is not set'})` });
    }
  },
};
