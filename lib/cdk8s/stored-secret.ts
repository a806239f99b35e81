/**
 * A secret kept in a KmsSecretStore, as a workload mounts it: `secrets: [{ secret, mountPath }]`
 * of SecureDeployment and the other hardened workloads. It knows how it reaches the pod: as a
 * Kubernetes Secret the External Secrets Operator writes (a secret volume, files mode 0400), or
 * through the Secrets Store CSI driver (a read-only CSI volume; no Kubernetes Secret exists).
 */
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';

/** The Secrets Store CSI driver's name, as pods reference it in `csi.driver`. */
export const SECRETS_STORE_CSI_DRIVER = 'secrets-store.csi.k8s.io';

/** How a stored secret reaches the pod. */
export type SecretStoreMode = 'external-secrets' | 'csi';

// Symbol.for: a second copy of this package in node_modules recognizes the handles of the first.
const BRAND = Symbol.for('hipaa-constructs.StoredSecret');

/**
 * Marks the ServiceAccount of an external-secrets-mode KmsSecretStore (its value: the store's
 * construct path): the operator's identity for the store's IAM role, which no pod may run as.
 */
export const OPERATOR_SERVICE_ACCOUNT = Symbol.for('hipaa-constructs.SecretStoreOperatorServiceAccount');

/** What {@link StoredSecret} is made of (written by KmsSecretStore.addSecret). */
export interface StoredSecretProps {
  /** How the secret reaches the pod. */
  readonly mode: SecretStoreMode;
  /** The Kubernetes Secret (external-secrets mode) or SecretProviderClass (csi mode) name. */
  readonly name: string;
  /** Namespace of that object. @default - the chart's (none: `default`) */
  readonly namespace?: string;
  /** Construct path of the store, for messages. */
  readonly storePath: string;
  /** The ServiceAccount pods must run as (csi mode: the AWS provider reads with the pod's identity). @default - any */
  readonly podServiceAccount?: kplus.IServiceAccount;
  /** The Kubernetes Secret (external-secrets mode). @default - none: csi mode writes no Secret */
  readonly kubernetesSecret?: kplus.ISecret;
}

/**
 * A secret of a KmsSecretStore, returned by `addSecret`: pass it as `secret` in a workload's
 * `secrets` list. In `external-secrets` mode it is the Kubernetes Secret an ExternalSecret
 * writes (also available as {@link kubernetesSecret}); in `csi` mode it is a SecretProviderClass,
 * and the pod must run as {@link podServiceAccount} (pass it as the workload's `serviceAccount`).
 */
export class StoredSecret {
  /** Whether `value` is a StoredSecret (also one made by another copy of this package). */
  public static isStoredSecret(value: unknown): value is StoredSecret {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /** How the secret reaches the pod. */
  public readonly mode: SecretStoreMode;
  /** The Kubernetes Secret (external-secrets mode) or SecretProviderClass (csi mode) name. */
  public readonly name: string;
  /** Namespace of that object; a pod mounts it only in the same namespace. @default - the chart's */
  public readonly namespace?: string;
  /** Construct path of the store that holds it. */
  public readonly storePath: string;
  /** The ServiceAccount pods mounting it must run as (csi mode). @default - any */
  public readonly podServiceAccount?: kplus.IServiceAccount;
  /** The Kubernetes Secret the ExternalSecret writes (external-secrets mode). @default - none in csi mode */
  public readonly kubernetesSecret?: kplus.ISecret;

  constructor(props: StoredSecretProps) {
    Object.defineProperty(this, BRAND, { value: true });
    this.mode = props.mode;
    this.name = props.name;
    this.namespace = props.namespace;
    this.storePath = props.storePath;
    this.podServiceAccount = props.podServiceAccount;
    this.kubernetesSecret = props.kubernetesSecret;
  }

  /** `secret 'db' of KmsSecretStore 'chart/store'`, for messages. */
  public describe(): string {
    return `${this.mode === 'csi' ? 'SecretProviderClass' : 'Secret'} '${this.name}' of KmsSecretStore '${this.storePath}'`;
  }

  /**
   * The read-only volume that mounts it in `workload`'s pods: a secret volume with files of mode
   * 0400, or a CSI volume of the Secrets Store driver. Throws when the workload is in another
   * namespace (a pod mounts only Secrets and SecretProviderClasses of its own namespace).
   */
  public volume(workload: kplus.Workload, id: string, name: string): kplus.Volume {
    const namespace = workload.metadata.namespace;
    if (namespace !== this.namespace) {
      throw new Error(
        `[${workload.node.path}] secrets: the ${this.describe()} is in namespace '${this.namespace ?? 'default'}', but this workload is in ` +
          `'${namespace ?? 'default'}'; a pod mounts only what its own namespace holds. Create the KmsSecretStore in the workload's namespace (its chart's).`,
      );
    }
    if (this.mode === 'csi') {
      const attributes = { secretProviderClass: this.name };
      return kplus.Volume.fromCsi(workload as Construct, id, SECRETS_STORE_CSI_DRIVER, { name, readOnly: true, attributes });
    }
    return kplus.Volume.fromSecret(workload as Construct, id, this.kubernetesSecret!, { name, defaultMode: 0o400 });
  }
}
