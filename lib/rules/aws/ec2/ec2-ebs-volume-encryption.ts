import type { Rule } from '../../../check/rule';
import { customerManagedKeyProblem } from '../support/customer-managed-key';
import { EBS_VOLUME, isEncrypted } from '../support/ec2';

/** An EBS volume is encrypted under a customer-managed key. */
export const ec2EbsVolumeEncryption: Rule = {
  id: 'aws-ec2-ebs-volume-encryption',
  title: 'An EBS volume must be encrypted with a customer-managed KMS key',
  description:
    'An EBS volume created in the program (a data disk, a volume for a static PersistentVolume) must be encrypted with ' +
    'a kmsKeyId naming a customer-managed key, so the account controls and audits who may decrypt it and its ' +
    'snapshots. Volumes the EBS CSI driver creates are covered by the StorageClass rules (k8s-storage-class-encryption).',
  severity: 'error',
  controls: ['164.312(a)(2)(iv)'],
  kinds: [EBS_VOLUME],
  fix: 'Set encrypted: true and kmsKeyId: <customer-managed key ARN>.',
  check(resource, _ctx, report) {
    if (!isEncrypted(resource.body.encrypted)) {
      report({ path: 'encrypted', message: `EBS volume '${resource.name}' is not encrypted` });
      return;
    }
    const problem = customerManagedKeyProblem(resource.body.kmsKeyId);
    if (problem) report({ path: 'kmsKeyId', message: `EBS volume '${resource.name}' is encrypted, but kmsKeyId: ${problem}` });
  },
};
