import { classEncryption } from './encryption';
import type { Rule } from '../../../check/rule';
import { KMS_KEY_ARN_EXAMPLE } from '../support/kms-key';

/** StorageClasses of the known block-storage provisioners encrypt with a customer-managed key. */
export const storageClassEncryption: Rule = {
  id: 'k8s-storage-class-encryption',
  title: 'StorageClasses must encrypt volumes with a customer-managed key',
  description:
    'Volumes a StorageClass provisions hold whatever the pods write, PHI included. For the AWS EBS CSI driver ' +
    '(ebs.csi.aws.com, EKS Auto Mode\'s ebs.csi.eks.amazonaws.com) and the in-tree kubernetes.io/aws-ebs plugin the class ' +
    'must set encrypted: "true" and a kmsKeyId naming a customer-managed KMS key (key or alias ARN, key id or alias name; ' +
    'AWS-managed aliases under alias/aws/ do not count): without them volumes are unencrypted or encrypted with the ' +
    'AWS-managed key, which cannot be restricted, revoked or audited per application. GCE PD (pd.csi.storage.gke.io) must set ' +
    'disk-encryption-kms-key and Azure Disk (disk.csi.azure.com) diskEncryptionSetID; otherwise the provider-managed key ' +
    'is used. Other provisioners are reported by k8s-storage-class-encryption-unverified.',
  severity: 'error',
  controls: ['164.312(a)(2)(iv)', '164.310(d)(2)(iv)'],
  kinds: ['StorageClass'],
  fix: `Set the class's customer-managed key: for EBS parameters.encrypted: "true" and parameters.kmsKeyId (e.g. ${KMS_KEY_ARN_EXAMPLE}); ` +
    'for GCE PD parameters.disk-encryption-kms-key; for Azure Disk parameters.diskEncryptionSetID.',
  check(resource, _ctx, report) {
    const found = classEncryption(resource);
    if (found.status !== 'not-customer-key') return;
    for (const p of found.problems) report({ path: p.path, message: `StorageClass '${resource.name}' ${p.message}`, fix: p.fix });
  },
};
