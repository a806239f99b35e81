import type { Rule } from '../../../check/rule';
import { EKS_ACCESS_POLICY_ASSOCIATION } from '../support/eks';

/** Access policies that give write access to every resource of their scope, Secrets included. */
export const ADMIN_ACCESS_POLICIES = ['AmazonEKSClusterAdminPolicy', 'AmazonEKSAdminPolicy'] as const;

/** Cluster admin goes to IAM roles by exact ARN. */
export const eksClusterAdminPrincipal: Rule = {
  id: 'aws-eks-cluster-admin-principal',
  title: 'EKS admin access policies must be associated with exact IAM role ARNs',
  description:
    'AmazonEKSClusterAdminPolicy and AmazonEKSAdminPolicy read and change everything in their scope, Secrets included. ' +
    'An association whose principal contains a wildcard admits principals nobody reviewed; one with an IAM user gives ' +
    'admin to long-lived access keys rather than to a role assumed for a session (with MFA and a CloudTrail record of ' +
    'who assumed it). Admin associations name IAM roles by their exact ARN.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(d)'],
  kinds: [EKS_ACCESS_POLICY_ASSOCIATION],
  fix: 'Associate admin access policies with IAM role ARNs (arn:aws:iam::<account>:role/<name>) that people assume for a session.',
  check(resource, _ctx, report) {
    const policy: unknown = resource.body.policyArn;
    const admin = typeof policy === 'string' ? ADMIN_ACCESS_POLICIES.find((p) => policy.endsWith(`:cluster-access-policy/${p}`)) : undefined;
    if (!admin) return;
    const principal: unknown = resource.body.principalArn;
    if (typeof principal !== 'string' || principal.includes('*') || principal.includes('?')) {
      report({ path: 'principalArn', message: `${admin} is associated with ${JSON.stringify(principal)}, not one exact principal` });
      return;
    }
    if (!/^arn:aws[a-z-]*:iam::\d{12}:role\//.test(principal)) {
      report({ path: 'principalArn', message: `${admin} is associated with '${principal}', which is not an IAM role (IAM users hold long-lived keys)` });
    }
  },
};
