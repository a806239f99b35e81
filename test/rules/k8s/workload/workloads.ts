/** Test helpers: the compliant pod of test/helpers/fixtures.ts wrapped in every pod-bearing kind. */
import { NS, podLabels, podSpec } from '../../../helpers/fixtures';
import { clone } from '../../../helpers/rule-test';

/** Path of the pod spec in each pod-bearing kind. */
export const SPEC_PATHS: Record<string, string> = {
  Pod: 'spec',
  Deployment: 'spec.template.spec',
  StatefulSet: 'spec.template.spec',
  DaemonSet: 'spec.template.spec',
  ReplicaSet: 'spec.template.spec',
  ReplicationController: 'spec.template.spec',
  Job: 'spec.template.spec',
  CronJob: 'spec.jobTemplate.spec.template.spec',
};

/** Every pod-bearing kind, for test.each. */
export const ALL_KINDS = Object.keys(SPEC_PATHS);

/** A compliant object of `kind` named `api` in the fixtures' namespace, carrying `spec` (a copy of the fixtures' pod spec by default). */
export function workload(kind: string, spec: Record<string, any> = clone(podSpec)): any {
  const metadata = { name: 'api', namespace: NS, labels: clone(podLabels) };
  const template = { metadata: { labels: clone(podLabels) }, spec };
  const selector = { matchLabels: { 'app.kubernetes.io/name': 'api' } };
  switch (kind) {
    case 'Pod':
      return { apiVersion: 'v1', kind, metadata, spec };
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
      return { apiVersion: 'apps/v1', kind, metadata, spec: { selector, template } };
    case 'StatefulSet':
      return { apiVersion: 'apps/v1', kind, metadata, spec: { serviceName: 'api', selector, template } };
    case 'ReplicationController':
      return { apiVersion: 'v1', kind, metadata, spec: { selector: selector.matchLabels, template } };
    case 'Job':
      spec.restartPolicy = 'Never';
      return { apiVersion: 'batch/v1', kind, metadata, spec: { template } };
    case 'CronJob':
      spec.restartPolicy = 'Never';
      return {
        apiVersion: 'batch/v1',
        kind,
        metadata,
        spec: { schedule: '0 3 * * *', jobTemplate: { metadata: { labels: clone(podLabels) }, spec: { template } } },
      };
    default:
      throw new Error(`not a pod-bearing kind: ${kind}`);
  }
}

/** The pod spec of an object made by {@link workload}. */
export function specOf(obj: any): any {
  return obj.kind === 'Pod' ? obj.spec : obj.kind === 'CronJob' ? obj.spec.jobTemplate.spec.template.spec : obj.spec.template.spec;
}

/** A copy of the fixtures' container renamed, for use as an init or ephemeral container. */
export function containerNamed(name: string): any {
  const c = clone(podSpec.containers[0]) as any;
  c.name = name;
  return c;
}
