import { emptyDirSizeLimit } from './empty-dir-size-limit';
import { envPlaintextCredential } from './env-plaintext-credential';
import { imageDigest } from './image-digest';
import { imageLatestTag } from './image-latest-tag';
import { imagePullPolicy } from './image-pull-policy';
import { imageRegistry } from './image-registry';
import { livenessProbe } from './liveness-probe';
import { noDefaultServiceAccount } from './no-default-service-account';
import { pdbProtectsSomething } from './pdb-protects-something';
import { podDisruptionBudget } from './pod-disruption-budget';
import { readOnlyRootFilesystem } from './read-only-root-filesystem';
import { readinessProbe } from './readiness-probe';
import { resourceLimits } from './resource-limits';
import { resourceRequests } from './resource-requests';
import { runAsNonRootGroup } from './run-as-non-root-group';
import { secretsAsFiles } from './secrets-as-files';
import { serviceAccountToken } from './service-account-token';
import { uniqueObject } from './unique-object';
import { validLabels } from './valid-labels';
import { validLimitRange } from './valid-limit-range';
import { validMounts } from './valid-mounts';
import { validName } from './valid-name';
import { validResourceQuota } from './valid-resource-quota';
import { validResources } from './valid-resources';
import { validSecurityContext } from './valid-security-context';
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
  pdbProtectsSomething,
  podDisruptionBudget,
  readOnlyRootFilesystem,
  readinessProbe,
  resourceLimits,
  resourceRequests,
  runAsNonRootGroup,
  secretsAsFiles,
  serviceAccountToken,
  uniqueObject,
  validLabels,
  validLimitRange,
  validMounts,
  validName,
  validResourceQuota,
  validResources,
  validSecurityContext,
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
    validResources,
    validMounts,
    validSecurityContext,
    runAsNonRootGroup,
    pdbProtectsSomething,
    validLimitRange,
    validResourceQuota,
    uniqueObject,
    validLabels,
  ],
};
