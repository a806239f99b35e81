import { findings, res } from './fixtures';
import { eksNodeGroupRemoteAccess } from '../../../../lib/rules/aws/eks/eks-node-group-remote-access';

const nodeGroup = (extra: Record<string, any> = {}) => res('aws:eks/nodeGroup:NodeGroup', 'general', {
  clusterName: 'prod',
  nodeRoleArn: 'arn:aws:iam::123456789012:role/node',
  subnetIds: ['subnet-0123456789abcdef0'],
  scalingConfig: { minSize: 1, maxSize: 2, desiredSize: 1 },
  launchTemplate: { id: 'lt-1', version: '1' },
  ...extra,
});

describe('aws-eks-node-group-remote-access', () => {
  test('flags SSH to the nodes', () => {
    expect(findings(eksNodeGroupRemoteAccess, [nodeGroup({ remoteAccess: { ec2SshKey: 'ops' } })])).toEqual([
      "general remoteAccess: node group 'general' opens SSH to its nodes (remoteAccess is set)",
    ]);
  });

  test('passes a node group without remoteAccess', () => {
    expect(findings(eksNodeGroupRemoteAccess, [nodeGroup()])).toEqual([]);
  });
});
