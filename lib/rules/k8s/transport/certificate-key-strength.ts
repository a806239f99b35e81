import type { Rule } from '../../../check/rule';

/** Smallest RSA key accepted. */
export const MIN_RSA_BITS = 2048;

/** cert-manager Certificates use RSA of at least 2048 bits or ECDSA of at least P-256, and a fresh key at each renewal. */
export const certificateKeyStrength: Rule = {
  id: 'k8s-certificate-key-strength',
  title: 'cert-manager Certificates must use RSA keys of at least 2048 bits or ECDSA keys of at least 256 bits, rotated at each renewal',
  description:
    'A TLS certificate with a short key can be broken, and one whose private key is never rotated stays exposed for as long as ' +
    'the key lives (HIPAA transmission security: encryption). For a `cert-manager.io` Certificate, spec.privateKey.algorithm ' +
    `(RSA by default) with spec.privateKey.size: RSA below ${MIN_RSA_BITS} bits or ECDSA below 256 bits is flagged, and so is ` +
    'spec.privateKey.rotationPolicy "Never" (the same key reused at every renewal).',
  severity: 'error',
  controls: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
  kinds: ['Certificate'],
  fix: 'Set spec.privateKey to { algorithm: ECDSA, size: 256, rotationPolicy: Always } (SecureIngress does), or RSA with size 2048 or more.',
  check(resource, _ctx, report) {
    if (!resource.apiVersion?.startsWith('cert-manager.io/')) return;
    const key = resource.body.spec?.privateKey ?? {};
    const algorithm = key.algorithm ?? 'RSA';
    const size = key.size;
    if (algorithm === 'RSA' && typeof size === 'number' && size < MIN_RSA_BITS) {
      report({ path: 'spec.privateKey.size', message: `an RSA key of ${size} bits is below ${MIN_RSA_BITS} bits` });
    }
    if (algorithm === 'ECDSA' && typeof size === 'number' && size < 256) {
      report({ path: 'spec.privateKey.size', message: `an ECDSA key of ${size} bits is below 256 bits (P-256)` });
    }
    if (key.rotationPolicy === 'Never') {
      report({ path: 'spec.privateKey.rotationPolicy', message: 'rotationPolicy "Never" reuses the same private key at every renewal' });
    }
  },
};
