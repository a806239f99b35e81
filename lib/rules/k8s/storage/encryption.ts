/**
 * What a StorageClass shows about encryption at rest, per provisioner. Shared by the storage
 * rules (the class rules judge it, the claim rules inherit it). Not a rule itself.
 */
import type { RuleContext } from '../../../check/context';
import type { Resource } from '../../../check/resource';
import { KMS_KEY_ARN_EXAMPLE, parseKmsKey } from '../support/kms-key';
import { isObject } from '../support/objects';

/** One thing the class lacks, with where and how to fix it. */
export interface EncryptionProblem {
  /** Field path in the StorageClass. */
  readonly path: string;
  /** What is wrong, completing "StorageClass 'x' ...". */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
}

/** What the class shows: a customer-managed key, or what is missing, or that it cannot be told. */
export type ClassEncryption =
  | { readonly status: 'customer-key' }
  | { readonly status: 'not-customer-key'; readonly problems: readonly EncryptionProblem[] }
  | { readonly status: 'unverifiable'; readonly problems: readonly EncryptionProblem[] };

/** Provisioners of EBS volumes: the EBS CSI driver, EKS Auto Mode's, and the in-tree plugin (same parameters). */
export const EBS_PROVISIONERS: ReadonlySet<string> = new Set(['ebs.csi.aws.com', 'ebs.csi.eks.amazonaws.com', 'kubernetes.io/aws-ebs']);
const EFS = 'efs.csi.aws.com';
const GCE_PD: ReadonlySet<string> = new Set(['pd.csi.storage.gke.io', 'kubernetes.io/gce-pd']);
const AZURE_DISK: ReadonlySet<string> = new Set(['disk.csi.azure.com', 'kubernetes.io/azure-disk']);

/** A Cloud KMS key resource name (`disk-encryption-kms-key`). */
export const GCP_KEY = /^projects\/[a-z][a-z0-9-]{4,28}[a-z0-9]\/locations\/[a-z0-9-]+\/keyRings\/[A-Za-z0-9_-]{1,63}\/cryptoKeys\/[A-Za-z0-9_-]{1,63}$/;
/** An Azure disk encryption set resource id (`diskEncryptionSetID`). */
export const AZURE_DES = /^\/subscriptions\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/resourceGroups\/[-\w.()]{1,90}\/providers\/Microsoft\.Compute\/diskEncryptionSets\/[-\w.]{1,80}$/i;

/** The form of {@link GCP_KEY}, for messages. */
export const GCP_KEY_EXAMPLE = 'projects/<project>/locations/<region>/keyRings/<ring>/cryptoKeys/<key>';
/** The form of {@link AZURE_DES}, for messages. */
export const AZURE_DES_EXAMPLE = '/subscriptions/<subscription id>/resourceGroups/<group>/providers/Microsoft.Compute/diskEncryptionSets/<name>';

/**
 * {@link classEncryption} of a StorageClass of the checked set, computed once per check: the
 * claim rules ask it for every claim, and most claims of an app share a few classes.
 */
export function classEncryptionIn(ctx: RuleContext, sc: Resource): ClassEncryption {
  const byClass = ctx.memo('k8s-storage/class-encryption', () => new Map<Resource, ClassEncryption>());
  let found = byClass.get(sc);
  if (found === undefined) byClass.set(sc, (found = classEncryption(sc)));
  return found;
}

/** What StorageClass `sc` shows about encryption at rest with a customer-managed key. */
export function classEncryption(sc: Resource): ClassEncryption {
  const provisioner: unknown = sc.body.provisioner;
  const params: Record<string, unknown> = isObject(sc.body.parameters) ? sc.body.parameters : {};
  if (typeof provisioner === 'string' && EBS_PROVISIONERS.has(provisioner)) return ebs(params);
  if (typeof provisioner === 'string' && GCE_PD.has(provisioner)) {
    return keyParam(params, 'disk-encryption-kms-key', GCP_KEY, GCP_KEY_EXAMPLE, 'Google-managed key', 'a Cloud KMS key');
  }
  if (typeof provisioner === 'string' && AZURE_DISK.has(provisioner)) {
    return keyParam(params, 'diskEncryptionSetID', AZURE_DES, AZURE_DES_EXAMPLE, 'platform-managed key', 'a disk encryption set with a customer-managed key');
  }
  if (provisioner === EFS) {
    const fs = typeof params.fileSystemId === 'string' ? ` ${params.fileSystemId}` : '';
    return {
      status: 'unverifiable',
      problems: [{
        path: 'provisioner',
        message: `uses the EFS CSI driver: encryption at rest is a property of EFS file system${fs}, which the class cannot show`,
        fix: `Make sure the EFS file system${fs} was created encrypted with a customer-managed KMS key (aws efs describe-file-systems shows Encrypted and KmsKeyId), then waive this finding with that evidence in its reason.`,
      }],
    };
  }
  const what = typeof provisioner === 'string'
    ? `has provisioner '${provisioner}', whose encryption settings are not known to the check`
    : 'sets no provisioner';
  return {
    status: 'unverifiable',
    problems: [{
      path: 'provisioner',
      message: `${what}, so encryption at rest cannot be verified`,
      fix: 'Use a provisioner whose class sets a customer-managed key (ebs.csi.aws.com with encrypted: "true" and kmsKeyId, pd.csi.storage.gke.io with disk-encryption-kms-key, ' +
        'disk.csi.azure.com with diskEncryptionSetID), or verify the backend encrypts with a customer-managed key and waive this finding with that evidence in its reason.',
    }],
  };
}

function ebs(params: Record<string, unknown>): ClassEncryption {
  const problems: EncryptionProblem[] = [];
  const encrypted = params.encrypted;
  if (encrypted !== 'true') {
    problems.push({
      path: 'parameters.encrypted',
      message: encrypted === undefined
        ? 'does not set parameters.encrypted: its EBS volumes are unencrypted unless the account turns on EBS encryption by default'
        : `sets parameters.encrypted to ${JSON.stringify(encrypted)}, not "true": its EBS volumes are not encrypted by the class`,
      fix: 'Set parameters.encrypted: "true" (a quoted string).',
    });
  }
  const key = params.kmsKeyId;
  const fixKey = `Set parameters.kmsKeyId to the ARN of a customer-managed KMS key, e.g. ${KMS_KEY_ARN_EXAMPLE}.`;
  if (key === undefined) {
    problems.push({
      path: 'parameters.kmsKeyId',
      message: 'does not set parameters.kmsKeyId: its volumes are encrypted (if at all) with the AWS-managed key alias/aws/ebs, which you cannot restrict, rotate on your schedule or revoke',
      fix: fixKey,
    });
  } else {
    const parsed = parseKmsKey(key);
    if (parsed.problem !== undefined) {
      problems.push({ path: 'parameters.kmsKeyId', message: `has parameters.kmsKeyId that ${parsed.problem}`, fix: fixKey });
    } else if (parsed.key.awsManaged) {
      problems.push({
        path: 'parameters.kmsKeyId',
        message: `has parameters.kmsKeyId '${key as string}', an AWS-managed key, not a customer-managed one`,
        fix: fixKey,
      });
    }
  }
  return problems.length === 0 ? { status: 'customer-key' } : { status: 'not-customer-key', problems };
}

function keyParam(
  params: Record<string, unknown>,
  field: string,
  format: RegExp,
  example: string,
  providerKey: string,
  what: string,
): ClassEncryption {
  const value = params[field];
  const fix = `Set parameters.${field} to ${what}: ${example}.`;
  if (value === undefined) {
    return { status: 'not-customer-key', problems: [{ path: `parameters.${field}`, message: `does not set parameters.${field}: its disks are encrypted with the ${providerKey}, not a customer-managed one`, fix }] };
  }
  if (typeof value !== 'string' || !format.test(value)) {
    return { status: 'not-customer-key', problems: [{ path: `parameters.${field}`, message: `has parameters.${field} ${JSON.stringify(value)}, which is not of the form ${example}`, fix }] };
  }
  return { status: 'customer-key' };
}
