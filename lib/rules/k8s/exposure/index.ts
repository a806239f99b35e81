import { ingressTls } from './ingress-tls';
import { phiConfigMapCredential } from './phi-configmap-credential';
import { phiInlineSecret } from './phi-inline-secret';
import { phiServiceExposure } from './phi-service-exposure';
import type { RulePack } from '../../../check/rule';

/** Exposure of PHI: Services, Ingresses, inline Secrets and credentials in ConfigMaps. */
export const exposurePack: RulePack = {
  name: 'kubernetes-exposure',
  description:
    'Exposure of PHI: no NodePort, LoadBalancer or externalIPs Services for PHI workloads, TLS on every Ingress host, ' +
    'no inline Secret data and no credentials in ConfigMaps in PHI namespaces.',
  rules: [phiServiceExposure, ingressTls, phiInlineSecret, phiConfigMapCredential],
};
