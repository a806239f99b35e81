/**
 * The construction-time prop checks, loaded by the first construct that needs them rather than
 * at import: with the shared rule helpers they pull in, they are a fifth of this entry point's
 * modules (npm run bench: load of hipaa-constructs/cdk8s <= 1.15x cdk8s-plus-28).
 */
/* eslint-disable @typescript-eslint/no-require-imports */

/** SecureDeployment's prop checks (lib/cdk8s/workload-props.ts). */
export const workloadProps = (): typeof import('./workload-props') => require('./workload-props');

/** HipaaNamespace's prop checks and the quota and limit-range amounts it writes (lib/cdk8s/namespace-props.ts). */
export const namespaceProps = (): typeof import('./namespace-props') => require('./namespace-props');

/** SecureJob's and SecureCronJob's own prop checks (lib/cdk8s/job-props.ts). */
export const jobProps = (): typeof import('./job-props') => require('./job-props');

/** SecureStatefulSet's own prop checks and claim sizes (lib/cdk8s/stateful-set-props.ts). */
export const statefulSetProps = (): typeof import('./stateful-set-props') => require('./stateful-set-props');

/** EncryptedVolume's prop and claim checks, and what each provider writes (lib/cdk8s/encrypted-volume-props.ts). */
export const encryptedVolumeProps = (): typeof import('./encrypted-volume-props') => require('./encrypted-volume-props');
