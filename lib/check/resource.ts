/**
 * The engine's object model. It is deliberately generic: a Kubernetes manifest, a Pulumi
 * resource (type token + inputs) or a Dockerfile all become a Resource with a kind, an
 * identity, a body and where it came from.
 */

/** Where an object came from, for messages and reports. */
export interface SourceLocation {
  /** File the object was read from. @default - not read from a file */
  readonly file?: string;
  /** 1-based line in `file` where the object starts. @default - unknown */
  readonly line?: number;
  /** Construct path of the object in a cdk8s app. @default - not from a construct */
  readonly constructPath?: string;
}

/** An object the rules check. */
export interface Resource {
  /** What the object is: a Kubernetes kind (`Deployment`), later a cloud type token. */
  readonly kind: string;
  /** API group/version for Kubernetes objects. @default - none */
  readonly apiVersion?: string;
  /** Name of the object. */
  readonly name: string;
  /** Namespace, for namespaced Kubernetes objects. @default - cluster-scoped or not set */
  readonly namespace?: string;
  /** The object itself, as it would be written out. */
  readonly body: Record<string, any>;
  /** Where it came from. @default - unknown */
  readonly source?: SourceLocation;
}

/** How a finding names the object it is about. */
export interface ResourceRef {
  /** Kind of the object. */
  readonly kind: string;
  /** Name of the object. */
  readonly name: string;
  /** Namespace of the object. @default - none */
  readonly namespace?: string;
}

/** Wraps a Kubernetes manifest (already parsed) as a Resource. */
export function fromManifest(manifest: Record<string, any>, source?: SourceLocation): Resource {
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) {
    throw new Error(`Not a Kubernetes object${where(source)}: expected a mapping, got ${Array.isArray(manifest) ? 'a list' : typeof manifest}`);
  }
  const kind = manifest.kind;
  if (typeof kind !== 'string' || kind === '') {
    throw new Error(`Not a Kubernetes object${where(source)}: it has no 'kind'`);
  }
  const metadata = manifest.metadata ?? {};
  return {
    kind,
    apiVersion: typeof manifest.apiVersion === 'string' ? manifest.apiVersion : undefined,
    name: typeof metadata.name === 'string' ? metadata.name : '',
    namespace: typeof metadata.namespace === 'string' ? metadata.namespace : undefined,
    body: manifest,
    source,
  };
}

/** `Kind namespace/name`, the way findings print an object. */
export function describeResource(r: ResourceRef): string {
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name || '<unnamed>'}`;
}

function where(source?: SourceLocation): string {
  if (!source) return '';
  if (source.constructPath) return ` at ${source.constructPath}`;
  if (source.file) return ` in ${source.file}${source.line ? `:${source.line}` : ''}`;
  return '';
}
