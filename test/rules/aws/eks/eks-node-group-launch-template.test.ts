import { findings, res } from './fixtures';
import { eksNodeGroupLaunchTemplate } from '../../../../lib/rules/aws/eks/eks-node-group-launch-template';

const nodeGroup = (extra: Record<string, any> = {}) => res('aws:eks/nodeGroup:NodeGroup', 'general', {
  clusterName: 'prod',
  nodeRoleArn: 'arn:aws:iam::123456789012:role/node',
  subnetIds: ['subnet-0123456789abcdef0'],
  scalingConfig: { minSize: 1, maxSize: 2, desiredSize: 1 },
  ...extra,
});

describe('aws-eks-node-group-launch-template', () => {
  test('flags a node group on EKS\'s generated template, and diskSize', () => {
    expect(findings(eksNodeGroupLaunchTemplate, [nodeGroup({ diskSize: 50 })])).toEqual([
      "general diskSize: node group 'general' sets diskSize, which only applies to EKS's generated launch template; set the root volume in the launch template's blockDeviceMappings",
      "general launchTemplate: node group 'general' has no launch template, so EKS generates one with default metadata and disk settings",
    ]);
  });

  test('passes a node group on a launch template (by id or by name)', () => {
    expect(findings(eksNodeGroupLaunchTemplate, [nodeGroup({ launchTemplate: { id: 'lt-0123', version: '3' } })])).toEqual([]);
    expect(findings(eksNodeGroupLaunchTemplate, [nodeGroup({ launchTemplate: { name: 'nodes', version: '$Latest' } })])).toEqual([]);
  });
});
