/**
 * The contract between the classes that provision encrypted storage (EncryptedVolume) and the
 * workloads that claim it (SecureStatefulSet's claim templates, SecureDeployment's claims): a
 * workload only needs the class name and whether the class is meant for PHI.
 */
export interface IEncryptedStorageClass {
  /** Name of the StorageClass claims use (`spec.storageClassName`). */
  readonly storageClassName: string;
  /** Whether the class carries the PHI label, so claims on it are labelled PHI too. */
  readonly phi: boolean;
}
