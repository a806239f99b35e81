/**
 * One builder for every pod-bearing kind: a pod (by default the pod template of the compliant
 * Deployment of ./fixtures) wrapped as a Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet,
 * ReplicationController, Job or CronJob, and where each kind keeps its pod. Tests use these to
 * check a rule on every kind at the kind's own paths.
 */
import { deployment, NS, podSpec } from './fixtures';
import { clone } from './rule-test';
import { PHI_LABEL } from '../../lib/labels';

/** Prefix of the pod template's fields in each pod-bearing kind ('' for a Pod, which is its own pod). */
const POD_PREFIX: Readonly<Record<string, string>> = {
  Pod: '',
  Deployment: 'spec.template.',
  StatefulSet: 'spec.template.',
  DaemonSet: 'spec.template.',
  ReplicaSet: 'spec.template.',
  ReplicationController: 'spec.template.',
  Job: 'spec.template.',
  CronJob: 'spec.jobTemplate.spec.template.',
};

const API_VERSION: Readonly<Record<string, string>> = {
  Pod: 'v1',
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  ReplicaSet: 'apps/v1',
  ReplicationController: 'v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
};

/** Every pod-bearing kind, for test.each. */
export const WORKLOAD_KINDS: readonly string[] = Object.keys(POD_PREFIX);

function pathsOf(field: string): Readonly<Record<string, string>> {
  return Object.fromEntries(WORKLOAD_KINDS.map((k) => [k, POD_PREFIX[k] + field]));
}

/** Path of the pod spec in each kind: `spec`, `spec.template.spec` or `spec.jobTemplate.spec.template.spec`. */
export const POD_SPEC_PATH = pathsOf('spec');
/** Path of the pod metadata in each kind. */
export const POD_METADATA_PATH = pathsOf('metadata');
/** Path of the pod labels in each kind. */
export const POD_LABELS_PATH = pathsOf('metadata.labels');

export interface WorkloadOptions {
  /** The pod to wrap, copied: its metadata (optional) and spec. Default: the fixture Deployment's pod template. */
  readonly pod?: { metadata?: Record<string, any>; spec: Record<string, any> };
  /** Name of the object. Default `api`. */
  readonly name?: string;
  /** Namespace of the object. Default the fixtures' namespace. */
  readonly namespace?: string;
  /** Sets `PHI_LABEL` to this value on the pod labels, and so on the object (and job template) labels too. */
  readonly phi?: 'true' | 'false';
}

/**
 * The pod wrapped as an object of `kind`. The object and (for a CronJob) its job template carry
 * copies of the pod's labels; a selector on the pod's `app.kubernetes.io/name` label where the
 * kind has one (none when the pod has no such label); Jobs and CronJobs get `restartPolicy: Never`
 * unless the pod sets one. A Pod takes the pod's metadata under the object's name and namespace.
 */
export function workloadOfKind(kind: string, options: WorkloadOptions = {}): any {
  const template: { metadata: Record<string, any>; spec: Record<string, any> } = clone({
    metadata: options.pod ? options.pod.metadata ?? {} : deployment.spec.template.metadata,
    spec: options.pod ? options.pod.spec : deployment.spec.template.spec,
  });
  if (options.phi) template.metadata.labels = { ...template.metadata.labels, [PHI_LABEL]: options.phi };
  const labels: Record<string, string> | undefined = template.metadata.labels;
  const metadata: Record<string, any> = { name: options.name ?? 'api', namespace: options.namespace ?? NS };
  if (labels) metadata.labels = clone(labels);
  const app = labels?.['app.kubernetes.io/name'];
  const matchLabels = app === undefined ? undefined : { 'app.kubernetes.io/name': app };
  const apiVersion = API_VERSION[kind];
  switch (kind) {
    case 'Pod':
      return { apiVersion, kind, metadata: { ...template.metadata, ...metadata }, spec: template.spec };
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
      return { apiVersion, kind, metadata, spec: { ...(matchLabels && { selector: { matchLabels } }), template } };
    case 'StatefulSet':
      return { apiVersion, kind, metadata, spec: { serviceName: metadata.name, ...(matchLabels && { selector: { matchLabels } }), template } };
    case 'ReplicationController':
      return { apiVersion, kind, metadata, spec: { ...(matchLabels && { selector: matchLabels }), template } };
    case 'Job':
      template.spec.restartPolicy ??= 'Never';
      return { apiVersion, kind, metadata, spec: { template } };
    case 'CronJob':
      template.spec.restartPolicy ??= 'Never';
      return {
        apiVersion,
        kind,
        metadata,
        spec: { schedule: '0 3 * * *', jobTemplate: { ...(labels && { metadata: { labels: clone(labels) } }), spec: { template } } },
      };
    default:
      throw new Error(`not a pod-bearing kind: ${kind}`);
  }
}

/** The pod spec of an object made by {@link workloadOfKind}. */
export function specOf(obj: any): any {
  return obj.kind === 'Pod' ? obj.spec : obj.kind === 'CronJob' ? obj.spec.jobTemplate.spec.template.spec : obj.spec.template.spec;
}

/** A copy of the fixtures' container renamed, for use as an init or ephemeral container. */
export function containerNamed(name: string): any {
  const c = clone(podSpec.containers[0]) as any;
  c.name = name;
  return c;
}
