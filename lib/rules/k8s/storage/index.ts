import { claimSameNamespace } from './claim-same-namespace';
import { defaultServiceAccountCloudRole } from './default-service-account-cloud-role';
import { externalSecretsV1 } from './external-secrets-v1';
import { inlineSecretWithStore } from './inline-secret-with-store';
import { phiClaimEncryptedStorage } from './phi-claim-encrypted-storage';
import { phiClaimStorageUnknown } from './phi-claim-storage-unknown';
import { phiNamespaceBackup } from './phi-namespace-backup';
import { phiNamespaceBackupUnverified } from './phi-namespace-backup-unverified';
import { phiSnapshotClassRetain } from './phi-snapshot-class-retain';
import { phiStorageRetain } from './phi-storage-retain';
import { phiWorkloadClaimLabel } from './phi-workload-claim-label';
import { secretStoreStaticCredentials } from './secret-store-static-credentials';
import { singleNodeClaim } from './single-node-claim';
import { storageClassEncryption } from './storage-class-encryption';
import { storageClassEncryptionUnverified } from './storage-class-encryption-unverified';
import { veleroLocationKmsKey } from './velero-location-kms-key';
import { veleroScheduleRetention } from './velero-schedule-retention';
import { veleroScheduleRpo } from './velero-schedule-rpo';
import type { RulePack } from '../../../check/rule';

/** Storage, secret stores and backups: encryption at rest, retention, External Secrets API versions, Velero. */
export const storagePack: RulePack = {
  name: 'kubernetes-storage',
  description:
    'Storage, secret stores and backups: StorageClasses encrypt with a customer-managed key, PHI claims use such classes, ' +
    'PHI volumes and snapshots are retained, External Secrets objects use served API versions, stores authenticate with ' +
    'workload identity, no inline Secret data beside a store, Velero locations encrypt ' +
    'with a customer key, Schedules keep backups as long as stated, run as often as their RPO needs and cover every PHI namespace.',
  rules: [
    storageClassEncryption,
    storageClassEncryptionUnverified,
    phiClaimEncryptedStorage,
    phiClaimStorageUnknown,
    phiStorageRetain,
    phiSnapshotClassRetain,
    externalSecretsV1,
    secretStoreStaticCredentials,
    inlineSecretWithStore,
    veleroLocationKmsKey,
    veleroScheduleRetention,
    veleroScheduleRpo,
    phiNamespaceBackup,
    phiNamespaceBackupUnverified,
    singleNodeClaim,
    claimSameNamespace,
    phiWorkloadClaimLabel,
    defaultServiceAccountCloudRole,
  ],
};
