import { classEncryption } from './encryption';
import type { Rule } from '../../../check/rule';

/** A StorageClass whose encryption the check cannot tell is reported, so someone verifies it. */
export const storageClassEncryptionUnverified: Rule = {
  id: 'k8s-storage-class-encryption-unverified',
  title: 'StorageClasses whose encryption cannot be verified are reported',
  description:
    'For provisioners other than AWS EBS, GCE PD and Azure Disk the class does not show whether volumes are encrypted at ' +
    'rest with a customer-managed key. The AWS EFS CSI driver (efs.csi.aws.com) provisions access points on an existing ' +
    'file system, whose encryption at rest is set when the file system is created, outside Kubernetes. A warning asks ' +
    'for that evidence; record it in a waiver reason once verified.',
  severity: 'warning',
  controls: ['164.312(a)(2)(iv)'],
  kinds: ['StorageClass'],
  fix: 'Verify the backend encrypts at rest with a customer-managed key (for EFS: the file system is Encrypted with a customer KmsKeyId), ' +
    'then waive this finding with that evidence in its reason; or use a provisioner whose class sets the key.',
  check(resource, _ctx, report) {
    const found = classEncryption(resource);
    if (found.status !== 'unverifiable') return;
    for (const p of found.problems) report({ path: p.path, message: `StorageClass '${resource.name}' ${p.message}`, fix: p.fix });
  },
};
