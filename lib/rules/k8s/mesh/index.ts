import { phiNamespaceMtls } from './phi-namespace-mtls';
import type { RulePack } from '../../../check/rule';

export { phiNamespaceMtlsRule } from './phi-namespace-mtls';
export type { PhiNamespaceMtlsOptions } from './phi-namespace-mtls';

/** Service mesh: mutual TLS for PHI namespaces. */
export const meshPack: RulePack = {
  name: 'kubernetes-mesh',
  description: 'Service mesh: PHI namespaces have mutual TLS (Istio PeerAuthentication STRICT with the pods in the mesh, or Linkerd injection with a deny default), and no PeerAuthentication in a PHI namespace accepts plain text.',
  rules: [phiNamespaceMtls],
};
