import type { Rule } from '../../../check/rule';
import { EKS_NODE_GROUP } from '../support/eks';

/** Nodes take no SSH. */
export const eksNodeGroupRemoteAccess: Rule = {
  id: 'aws-eks-node-group-remote-access',
  title: 'An EKS managed node group must not open SSH (remoteAccess)',
  description:
    'remoteAccess puts an EC2 key pair on every node and opens port 22 (to the whole internet when no source security ' +
    'group is given). Whoever holds the key reads every pod\'s volumes and Secrets on the node, outside Kubernetes RBAC ' +
    'and its audit log. Use SSM Session Manager (audited in CloudTrail) or kubectl debug for node access.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(b)'],
  kinds: [EKS_NODE_GROUP],
  fix: 'Remove remoteAccess; reach nodes with SSM Session Manager or `kubectl debug node/<name>`.',
  check(resource, _ctx, report) {
    const remote: unknown = resource.body.remoteAccess;
    if (remote !== undefined && remote !== null) {
      report({ path: 'remoteAccess', message: `node group '${resource.name}' opens SSH to its nodes (remoteAccess is set)` });
    }
  },
};
