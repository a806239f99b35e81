import type { Rule } from '../../../check/rule';
import { customerManagedKeyProblem } from '../support/customer-managed-key';
import { EKS_CLUSTER } from '../support/eks';

/** Kubernetes Secrets in etcd are envelope-encrypted with a customer-managed key. */
export const eksSecretsEncryption: Rule = {
  id: 'aws-eks-secrets-encryption',
  title: 'An EKS cluster must envelope-encrypt Kubernetes Secrets with a customer-managed KMS key',
  description:
    'EKS encrypts etcd volumes with an AWS-owned key, but Secrets (database passwords, API tokens for PHI systems) are ' +
    'only envelope-encrypted under a key the account controls when encryptionConfig lists resources ["secrets"] with a ' +
    'provider keyArn. A customer-managed key lets the account restrict who may decrypt them, audit each use in ' +
    'CloudTrail and revoke access by disabling the key.',
  severity: 'error',
  controls: ['164.312(a)(2)(iv)'],
  kinds: [EKS_CLUSTER],
  fix: 'Set encryptionConfig: { resources: ["secrets"], provider: { keyArn: <customer-managed key ARN> } } (HipaaEksCluster does, with its `key`).',
  check(resource, _ctx, report) {
    const config: any = resource.body.encryptionConfig;
    const resources: unknown = config?.resources;
    if (!Array.isArray(resources) || !resources.includes('secrets')) {
      report({
        path: 'encryptionConfig.resources',
        message: `EKS cluster '${resource.name}' does not envelope-encrypt Secrets: encryptionConfig.resources ${Array.isArray(resources) ? `is ${JSON.stringify(resources)}` : 'is not set'}, without "secrets"`,
      });
      return;
    }
    const problem = customerManagedKeyProblem(config?.provider?.keyArn, true);
    if (problem) report({ path: 'encryptionConfig.provider.keyArn', message: `EKS cluster '${resource.name}' encrypts Secrets, but provider.keyArn: ${problem}` });
  },
};
