import { emptyDirSizeLimit } from './empty-dir-size-limit';
import { envPlaintextCredential } from './env-plaintext-credential';
import { imageDigest } from './image-digest';
import { imageLatestTag } from './image-latest-tag';
import { imagePullPolicy } from './image-pull-policy';
import { imageRegistry } from './image-registry';
import { livenessProbe } from './liveness-probe';
import { noDefaultServiceAccount } from './no-default-service-account';
import { podDisruptionBudget } from './pod-disruption-budget';
import { readOnlyRootFilesystem } from './read-only-root-filesystem';
import { readinessProbe } from './readiness-probe';
import { resourceLimits } from './resource-limits';
import { resourceRequests } from './resource-requests';
import { secretsAsFiles } from './secrets-as-files';
import { serviceAccountToken } from './service-account-token';
import { validName } from './valid-name';
import { workloadPhiLabel } from './workload-phi-label';
import type { RulePack } from '../../../check/rule';

export {
  emptyDirSizeLimit,
  envPlaintextCredential,
  imageDigest,
  imageLatestTag,
  imagePullPolicy,
  imageRegistry,
  livenessProbe,
  noDefaultServiceAccount,
  podDisruptionBudget,
  readOnlyRootFilesystem,
  readinessProbe,
  resourceLimits,
  resourceRequests,
  secretsAsFiles,
  serviceAccountToken,
  validName,
  workloadPhiLabel,
};
export { parseImageReference, compileRegistryPattern, registryPatternMatches } from './image-reference';
export type { ImageReference, RegistryPattern } from './image-reference';

/** Workload hygiene: immutable, bounded, observable, least-privilege workloads with pinned images from allowed registries. */
export const workloadPack: RulePack = {
  name: 'kubernetes-workload',
  description: 'Workload hygiene: immutable, bounded, observable, least-privilege workloads with pinned images from allowed registries.',
  rules: [
    validName,
    readOnlyRootFilesystem,
    resourceRequests,
    resourceLimits,
    livenessProbe,
    readinessProbe,
    imageDigest,
    imageLatestTag,
    imageRegistry,
    imagePullPolicy,
    serviceAccountToken,
    noDefaultServiceAccount,
    secretsAsFiles,
    envPlaintextCredential,
    workloadPhiLabel,
    podDisruptionBudget,
    emptyDirSizeLimit,
  ],
};
