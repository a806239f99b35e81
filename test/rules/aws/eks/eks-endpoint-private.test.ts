import { cluster, findings } from './fixtures';
import { eksEndpointPrivate } from '../../../../lib/rules/aws/eks/eks-endpoint-private';

const SUBNETS = ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'];

describe('aws-eks-endpoint-private', () => {
  test('flags the EKS default (public to 0.0.0.0/0, no private endpoint)', () => {
    expect(findings(eksEndpointPrivate, [cluster({ vpcConfig: { subnetIds: SUBNETS } })])).toEqual([
      "prod vpcConfig.endpointPrivateAccess: EKS cluster 'prod' has no private endpoint: nodes and tools in the VPC reach the API over the public one",
      "prod vpcConfig.publicAccessCidrs: EKS cluster 'prod' has a public endpoint (endpointPublicAccess is not false) open to 0.0.0.0/0: publicAccessCidrs is not set",
    ]);
  });

  test('flags open and wide public CIDRs', () => {
    const vpcConfig = { subnetIds: SUBNETS, endpointPrivateAccess: true, endpointPublicAccess: true, publicAccessCidrs: ['0.0.0.0/0', '10.0.0.0/8', '203.0.113.0/24', '2001:db8::/32'] };
    expect(findings(eksEndpointPrivate, [cluster({ vpcConfig })])).toEqual([
      "prod vpcConfig.publicAccessCidrs[0]: EKS cluster 'prod' has a public endpoint: '0.0.0.0/0' admits the whole internet",
      "prod vpcConfig.publicAccessCidrs[1]: EKS cluster 'prod' has a public endpoint: '10.0.0.0/8' is wider than /16, more than one network (give the office or VPN egress ranges)",
      "prod vpcConfig.publicAccessCidrs[3]: EKS cluster 'prod' has a public endpoint: '2001:db8::/32' is wider than /48, more than one network (give the office or VPN egress ranges)",
    ]);
  });

  test('passes a private endpoint, and a public one restricted to narrow blocks', () => {
    expect(findings(eksEndpointPrivate, [cluster()])).toEqual([]);
    expect(findings(eksEndpointPrivate, [cluster({ vpcConfig: { subnetIds: SUBNETS, endpointPrivateAccess: true, endpointPublicAccess: true, publicAccessCidrs: ['203.0.113.0/24', '198.51.100.7/32'] } })])).toEqual([]);
  });
});
