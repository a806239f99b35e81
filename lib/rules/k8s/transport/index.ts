import { certificateKeyStrength } from './certificate-key-strength';
import { ingressNginxConfig } from './ingress-nginx-config';
import { ingressPhiPlaintextBackend } from './ingress-phi-plaintext-backend';
import { ingressTlsSettings } from './ingress-tls-settings';
import type { RulePack } from '../../../check/rule';

/** Transport security: TLS settings of Ingresses and their controller, re-encryption to PHI backends, certificate keys. */
export const transportPack: RulePack = {
  name: 'kubernetes-transport',
  description:
    'Transport security: Ingresses redirect to HTTPS with TLS 1.2 or later and modern ciphers, re-encrypt to PHI workloads and ' +
    'verify their certificates; the ingress-nginx controller ConfigMap keeps those settings; cert-manager certificates use strong, rotated keys.',
  rules: [ingressTlsSettings, ingressPhiPlaintextBackend, ingressNginxConfig, certificateKeyStrength],
};
