import { ADMIN, findings, res } from './fixtures';
import { eksClusterAdminPrincipal } from '../../../../lib/rules/aws/eks/eks-cluster-admin-principal';

const association = (principalArn: string, policy = 'AmazonEKSClusterAdminPolicy') =>
  res('aws:eks/accessPolicyAssociation:AccessPolicyAssociation', 'admin', { clusterName: 'prod', principalArn, policyArn: `arn:aws:eks::aws:cluster-access-policy/${policy}`, accessScope: { type: 'cluster' } });

describe('aws-eks-cluster-admin-principal', () => {
  test('flags admin policies for wildcard principals and IAM users', () => {
    expect(findings(eksClusterAdminPrincipal, [association('arn:aws:iam::123456789012:role/*')])).toEqual([
      'admin principalArn: AmazonEKSClusterAdminPolicy is associated with "arn:aws:iam::123456789012:role/*", not one exact principal',
    ]);
    expect(findings(eksClusterAdminPrincipal, [association('arn:aws:iam::123456789012:user/alice', 'AmazonEKSAdminPolicy')])).toEqual([
      "admin principalArn: AmazonEKSAdminPolicy is associated with 'arn:aws:iam::123456789012:user/alice', which is not an IAM role (IAM users hold long-lived keys)",
    ]);
  });

  test('passes an admin role, and view policies for anyone', () => {
    expect(findings(eksClusterAdminPrincipal, [association(ADMIN)])).toEqual([]);
    expect(findings(eksClusterAdminPrincipal, [association('arn:aws:iam::123456789012:user/auditor', 'AmazonEKSViewPolicy')])).toEqual([]);
  });
});
