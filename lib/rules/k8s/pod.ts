import { isObject } from './support/objects';
import type { Resource } from '../../check/resource';

/** Kinds that carry a pod template (or are a pod). */
export const POD_KINDS: readonly string[] = [
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
];

/** A container of a pod with the path to it. */
export interface ContainerRef {
  /** The container as written. */
  readonly container: Record<string, any>;
  /** Path of the container, e.g. `spec.template.spec.initContainers[0]`. */
  readonly path: string;
  /** Which list it is in. */
  readonly list: 'containers' | 'initContainers' | 'ephemeralContainers';
}

/** The pod part of a workload: its metadata, its spec, and every container. */
export interface PodTemplate {
  /** Pod metadata (the template's, or the Pod's own). */
  readonly metadata: Record<string, any>;
  /** Path of `metadata`, e.g. `spec.template.metadata`. */
  readonly metadataPath: string;
  /** The pod spec. */
  readonly spec: Record<string, any>;
  /** Path of `spec`, e.g. `spec.template.spec`. */
  readonly specPath: string;
  /** Containers, init containers and ephemeral containers, in that order. */
  readonly containers: readonly ContainerRef[];
}

const cache = new WeakMap<object, PodTemplate | null>();
const LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

/** The pod template of a pod-bearing object, or undefined for other kinds (computed once per object). */
export function podTemplate(resource: Resource): PodTemplate | undefined {
  const cached = cache.get(resource.body);
  if (cached !== undefined) return cached ?? undefined;
  const found = locate(resource);
  cache.set(resource.body, found ?? null);
  return found;
}

function locate(resource: Resource): PodTemplate | undefined {
  const b = resource.body;
  let metadata: any;
  let spec: any;
  let base: string;
  switch (resource.kind) {
    case 'Pod':
      metadata = b.metadata;
      spec = b.spec;
      base = '';
      break;
    case 'CronJob':
      metadata = b.spec?.jobTemplate?.spec?.template?.metadata;
      spec = b.spec?.jobTemplate?.spec?.template?.spec;
      base = 'spec.jobTemplate.spec.template.';
      break;
    default:
      if (!POD_KINDS.includes(resource.kind)) return undefined;
      metadata = b.spec?.template?.metadata;
      spec = b.spec?.template?.spec;
      base = 'spec.template.';
  }
  const specPath = `${base}spec`;
  const podSpec = isObject(spec) ? spec : {};
  const containers: ContainerRef[] = [];
  for (const list of LISTS) {
    const items = podSpec[list];
    if (!Array.isArray(items)) continue;
    items.forEach((container, i) => {
      if (isObject(container)) containers.push({ container, path: `${specPath}.${list}[${i}]`, list });
    });
  }
  return {
    metadata: isObject(metadata) ? metadata : {},
    metadataPath: `${base}metadata`,
    spec: podSpec,
    specPath,
    containers,
  };
}

/** `name` of a container for messages: `container 'api'`. */
export function containerLabel(ref: ContainerRef): string {
  const what = ref.list === 'containers' ? 'container' : ref.list === 'initContainers' ? 'init container' : 'ephemeral container';
  const name = ref.container.name;
  // A name that is not a string (a template left unrendered, a mapping) is shown as JSON, never as [object Object].
  return `${what} '${typeof name === 'string' ? name : name === undefined || name === null ? '?' : jsonOf(name)}'`;
}

function jsonOf(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return typeof value;
  }
}
