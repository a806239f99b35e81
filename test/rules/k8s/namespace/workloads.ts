import { POD_KINDS } from '../../../../lib/rules/k8s/pod';
import { deployment } from '../../../helpers/fixtures';
import { clone } from '../../../helpers/rule-test';

/** The compliant fixture deployment's pod, wrapped as any pod-bearing kind. */
export function workloadOfKind(kind: string): any {
  const d = clone(deployment) as any;
  const template = d.spec.template;
  switch (kind) {
    case 'Pod':
      return { apiVersion: 'v1', kind, metadata: { ...d.metadata, labels: template.metadata.labels, annotations: template.metadata.annotations }, spec: template.spec };
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

/** Path of the pod labels in each kind. */
export const POD_LABELS_PATH: Record<string, string> = Object.fromEntries(
  POD_KINDS.map((k) => [k, k === 'Pod' ? 'metadata.labels' : k === 'CronJob' ? 'spec.jobTemplate.spec.template.metadata.labels' : 'spec.template.metadata.labels']),
);
