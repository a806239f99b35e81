/**
 * Transport fixtures for the clinic namespace of test/helpers/fixtures.ts: the compliant Service
 * and Ingress of the exposure fixtures (redirect forced, HTTPS to the PHI pods with the backend
 * certificate verified), an ingress-nginx controller ConfigMap and a cert-manager Certificate.
 * Each test copies one with clone() and breaks exactly one thing.
 */
import { NS } from '../../../helpers/fixtures';
import { clone } from '../../../helpers/rule-test';
import { HOST, ingress, service } from '../exposure/fixtures';

export { HOST, ingress, service };

export const controllerConfig = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' } },
  data: {
    'ssl-protocols': 'TLSv1.2 TLSv1.3',
    'ssl-ciphers': 'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384',
    'hsts': 'true',
    'hsts-max-age': '31536000',
    'ssl-redirect': 'true',
    'allow-snippet-annotations': 'false',
  },
};

export const certificate = {
  apiVersion: 'cert-manager.io/v1',
  kind: 'Certificate',
  metadata: { name: 'api-tls', namespace: NS },
  spec: {
    secretName: 'api-tls',
    dnsNames: [HOST],
    issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer', group: 'cert-manager.io' },
    privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
  },
};

/** The compliant Service and Ingress, as fresh copies. */
export function compliantTransport(): object[] {
  return clone([service, ingress, controllerConfig, certificate]);
}
