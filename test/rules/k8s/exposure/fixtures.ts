/**
 * Compliant exposure manifests for the clinic namespace of test/helpers/fixtures.ts: the api
 * Deployment behind a ClusterIP Service, reached through an Ingress that terminates TLS for its
 * host. Each exposure test copies one with clone() and breaks exactly one thing.
 */
import { PHI_LABEL } from '../../../../lib/labels';
import { deployment, NS } from '../../../helpers/fixtures';
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
  metadata: { name: 'api', namespace: NS },
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

/**
 * The fixture Deployment's pod as any pod-bearing kind, in namespace `ns`, named `name`, with
 * its pod labels' PHI classification set to `phi`.
 */
export function workload(kind: string, ns: string, phi: 'true' | 'false', name = 'api'): any {
  const d = clone(deployment) as any;
  d.metadata = { name, namespace: ns, labels: { ...d.metadata.labels, [PHI_LABEL]: phi } };
  const template = d.spec.template;
  template.metadata.labels[PHI_LABEL] = phi;
  switch (kind) {
    case 'Pod':
      return { apiVersion: 'v1', kind, metadata: { ...d.metadata, labels: template.metadata.labels }, spec: template.spec };
    case 'CronJob':
      return { apiVersion: 'batch/v1', kind, metadata: d.metadata, spec: { schedule: '0 * * * *', jobTemplate: { spec: { template } } } };
    case 'Job':
      return { apiVersion: 'batch/v1', kind, metadata: d.metadata, spec: { template } };
    case 'ReplicationController':
      return { apiVersion: 'v1', kind, metadata: d.metadata, spec: { selector: d.spec.selector.matchLabels, template } };
    default:
      return { apiVersion: 'apps/v1', kind, metadata: d.metadata, spec: { selector: d.spec.selector, template } };
  }
}

/** The compliant Service and Ingress, as fresh copies. */
export function compliantExposure(): object[] {
  return clone([service, ingress]);
}
