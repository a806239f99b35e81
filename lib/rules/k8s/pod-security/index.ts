import { allowPrivilegeEscalation } from './allow-privilege-escalation';
import { apparmor } from './apparmor';
import { baselineCapabilities } from './baseline-capabilities';
import { dropAllCapabilities } from './drop-all-capabilities';
import { hostNamespaces } from './host-namespaces';
import { hostPathVolumes } from './host-path-volumes';
import { hostPorts } from './host-ports';
import { hostProbes } from './host-probes';
import { hostProcess } from './host-process';
import { privileged } from './privileged';
import { procMount } from './proc-mount';
import { runAsNonRoot } from './run-as-non-root';
import { runAsNonRootUser } from './run-as-non-root-user';
import { seccompProfile } from './seccomp-profile';
import { seccompUnconfined } from './seccomp-unconfined';
import { selinux } from './selinux';
import { sysctls } from './sysctls';
import { volumeTypes } from './volume-types';
import type { Rule, RulePack } from '../../../check/rule';

export {
  allowPrivilegeEscalation,
  apparmor,
  baselineCapabilities,
  dropAllCapabilities,
  hostNamespaces,
  hostPathVolumes,
  hostPorts,
  hostProbes,
  hostProcess,
  privileged,
  procMount,
  runAsNonRoot,
  runAsNonRootUser,
  seccompProfile,
  seccompUnconfined,
  selinux,
  sysctls,
  volumeTypes,
};

/** The baseline profile's controls, in the order of the Kubernetes documentation's table. */
const BASELINE: readonly Rule[] = [
  hostProcess,
  hostNamespaces,
  privileged,
  baselineCapabilities,
  hostPathVolumes,
  hostPorts,
  hostProbes,
  apparmor,
  selinux,
  procMount,
  seccompUnconfined,
  sysctls,
];

/**
 * The restricted profile's own controls. They assume the baseline rules run too: a value the
 * baseline already forbids (a hostPath volume, an added SYS_ADMIN, seccomp Unconfined) is reported
 * once, by the baseline rule, not again by the restricted one.
 */
const RESTRICTED: readonly Rule[] = [
  volumeTypes,
  allowPrivilegeEscalation,
  runAsNonRoot,
  runAsNonRootUser,
  seccompProfile,
  dropAllCapabilities,
];

/** Pod Security Standards baseline profile only, for every pod-bearing kind. */
export const podSecurityBaselinePack: RulePack = {
  name: 'kubernetes-pod-security-baseline',
  description: 'Pod Security Standards baseline profile (Kubernetes documentation), for pods and every workload template.',
  rules: BASELINE,
};

/** Pod Security Standards, baseline and restricted profiles, for every pod-bearing kind. */
export const podSecurityPack: RulePack = {
  name: 'kubernetes-pod-security',
  description: 'Pod Security Standards baseline and restricted profiles (Kubernetes documentation), for pods and every workload template.',
  rules: [...BASELINE, ...RESTRICTED],
};
