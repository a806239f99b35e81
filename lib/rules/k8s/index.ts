import { admissionPack } from './admission';
import { auditPack } from './audit';
import { exposurePack } from './exposure';
import { meshPack } from './mesh';
import { namespacePack } from './namespace';
import { networkPack } from './network';
import { podSecurityPack } from './pod-security';
import { rbacPack } from './rbac';
import { storagePack } from './storage';
import { transportPack } from './transport';
import { workloadPack } from './workload';
import { combinePacks, RulePack } from '../../check/rule';

export {
  podSecurityPack, workloadPack, namespacePack, rbacPack, exposurePack, networkPack, storagePack, transportPack, auditPack, admissionPack, meshPack,
};
export { podTemplate, POD_KINDS, containerLabel } from './pod';
export { phiNamespaceMtlsRule } from './mesh';
export type { PhiNamespaceMtlsOptions } from './mesh';
export type { PodTemplate, ContainerRef } from './pod';

/** The full Kubernetes pack: every Kubernetes rule. */
export const kubernetesPack: RulePack = combinePacks(
  'kubernetes',
  'Every Kubernetes rule: Pod Security Standards, workload hygiene, namespaces and network isolation, RBAC, exposure of PHI, network flows of PHI, storage encryption, secret stores and backups, transport (ingress TLS, certificates), audit policies and log forwarders, image admission and mesh mTLS.',
  podSecurityPack,
  workloadPack,
  namespacePack,
  rbacPack,
  exposurePack,
  networkPack,
  storagePack,
  transportPack,
  auditPack,
  admissionPack,
  meshPack,
);
