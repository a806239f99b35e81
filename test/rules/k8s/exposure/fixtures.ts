/**
 * Compliant exposure manifests for the clinic namespace of test/helpers/fixtures.ts: the api
 * Deployment behind a ClusterIP Service, reached through an Ingress that terminates TLS for its
 * host, redirecting to HTTPS and re-encrypting to the pods. Each exposure test copies one with clone() and breaks exactly one thing.
 */
import { PHI_LABEL } from '../../../../lib/labels';
import { NS } from '../../../helpers/fixtures';
import { clone } from '../../../helpers/rule-test';

export const HOST = 'api.clinic.example.com';

export const service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'api', namespace: NS },
  spec: {
    type: 'ClusterIP',
    selector: { 'app.kubernetes.io/name': 'api' },
    ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }],
  },
};

export const ingress = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: {
    name: 'api',
    namespace: NS,
    // Redirect to HTTPS and re-encrypt to the PHI pods, verifying their certificate (the transport rules).
    annotations: {
      'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true',
      'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS',
      'nginx.ingress.kubernetes.io/proxy-ssl-verify': 'on',
      'nginx.ingress.kubernetes.io/proxy-ssl-secret': `${NS}/api-backend-ca`,
    },
  },
  spec: {
    ingressClassName: 'nginx',
    tls: [{ hosts: [HOST], secretName: 'api-tls' }],
    rules: [
      {
        host: HOST,
        http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 80 } } } }] },
      },
    ],
  },
};

/** A namespace classified as not holding PHI, for the cases where PHI comes only from a workload. */
export function publicNamespace(name = 'public'): any {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { [PHI_LABEL]: 'false' } } };
}

/** The compliant Service and Ingress, as fresh copies. */
export function compliantExposure(): object[] {
  return clone([service, ingress]);
}
