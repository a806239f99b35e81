import { cluster, findings, KEY } from './fixtures';
import { eksSecretsEncryption } from '../../../../lib/rules/aws/eks/eks-secrets-encryption';

describe('aws-eks-secrets-encryption', () => {
  test('flags a cluster without Secrets encryption, and one under an AWS-managed alias or a bare key id', () => {
    expect(findings(eksSecretsEncryption, [cluster({ encryptionConfig: undefined })])).toEqual([
      "prod encryptionConfig.resources: EKS cluster 'prod' does not envelope-encrypt Secrets: encryptionConfig.resources is not set, without \"secrets\"",
    ]);
    expect(findings(eksSecretsEncryption, [cluster({ encryptionConfig: { resources: ['secrets'], provider: { keyArn: 'arn:aws:kms:us-east-1:123456789012:alias/aws/eks' } } })])).toEqual([
      "prod encryptionConfig.provider.keyArn: EKS cluster 'prod' encrypts Secrets, but provider.keyArn: 'arn:aws:kms:us-east-1:123456789012:alias/aws/eks' is an AWS-managed key, whose key policy the account cannot restrict or audit",
    ]);
    expect(findings(eksSecretsEncryption, [cluster({ encryptionConfig: { resources: ['secrets'], provider: { keyArn: '1234abcd-12ab-34cd-56ef-1234567890ab' } } })])).toEqual([
      "prod encryptionConfig.provider.keyArn: EKS cluster 'prod' encrypts Secrets, but provider.keyArn: '1234abcd-12ab-34cd-56ef-1234567890ab' is not a key ARN",
    ]);
  });

  test('passes Secrets under a customer-managed key ARN', () => {
    expect(findings(eksSecretsEncryption, [cluster({ encryptionConfig: { resources: ['secrets'], provider: { keyArn: KEY } } })])).toEqual([]);
  });
});
