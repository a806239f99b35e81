/**
 * Small builders for the Pod Security Standards tests: a minimal pod that meets the restricted
 * profile (the same shape the pod-security-admission library starts its fixtures from: one
 * container and one init container), and wrappers that put a pod into every pod-bearing kind.
 */
import { deployment } from '../../../helpers/fixtures';
import { clone } from '../../../helpers/rule-test';

/** A Pod with one container and one init container that meets the restricted profile. */
export function restrictedPod(): any {
  const hardened = () => ({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'base', namespace: 'clinic' },
    spec: {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      initContainers: [{ name: 'init', image: 'registry.example/init', securityContext: hardened() }],
      containers: [{ name: 'app', image: 'registry.example/app', securityContext: hardened() }],
    },
  };
}

/** The compliant Deployment of test/helpers/fixtures.ts, copied, with its pod spec and metadata at hand. */
export function compliantDeployment(): { d: any; spec: any; meta: any; container: any } {
  const d: any = clone(deployment);
  return { d, spec: d.spec.template.spec, meta: d.spec.template.metadata, container: d.spec.template.spec.containers[0] };
}

/** Where each pod-bearing kind keeps its pod spec. */
export const SPEC_PATH: Readonly<Record<string, string>> = {
  Pod: 'spec',
  Deployment: 'spec.template.spec',
  StatefulSet: 'spec.template.spec',
  DaemonSet: 'spec.template.spec',
  ReplicaSet: 'spec.template.spec',
  ReplicationController: 'spec.template.spec',
  Job: 'spec.template.spec',
  CronJob: 'spec.jobTemplate.spec.template.spec',
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

/** Puts a pod (its metadata and spec) into an object of the given kind. */
export function wrapPod(kind: string, pod: { metadata?: any; spec: any }): any {
  const metadata = { name: `${kind.toLowerCase()}-x`, namespace: 'clinic' };
  const template = { metadata: clone(pod.metadata ?? {}), spec: clone(pod.spec) };
  switch (kind) {
    case 'Pod':
      return { apiVersion: 'v1', kind, metadata: { ...metadata, ...template.metadata, name: metadata.name }, spec: template.spec };
    case 'CronJob':
      return { apiVersion: API_VERSION[kind], kind, metadata, spec: { schedule: '0 * * * *', jobTemplate: { spec: { template } } } };
    default:
      return { apiVersion: API_VERSION[kind], kind, metadata, spec: { template } };
  }
}

/** Every pod-bearing kind. */
export const KINDS: readonly string[] = Object.keys(SPEC_PATH);
