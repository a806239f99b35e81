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
  /**
   * 1-based line in `source.file` of field paths inside the object (`stages[1].instructions[3]`), for
   * formats whose findings point at a line of their own (a Dockerfile instruction, a Compose key). A
   * finding at a path without an entry takes the line of its nearest parent path that has one, else
   * `source.line`. @default - every finding points at `source.line`
   */
  readonly lines?: Readonly<Record<string, number>>;
  /**
   * Waivers the object carries in the syntax of its own format (a Dockerfile comment, a Compose
   * `x-hipaa-waivers` field), as its reader found them; the engine validates them like annotation
   * waivers. Used for objects that are neither Kubernetes objects (annotation) nor cloud resources (tags).
   * @default - none
   */
  readonly waivers?: readonly CarriedWaiver[];
}

/** A waiver as an object's reader found it, not yet validated. */
export interface CarriedWaiver {
  /**
   * The waiver as a plain object (`ruleId`, `reason`, `expires`, `owner?`, `ticket?`), or, when the
   * reader could not make one of what it read, undefined and a `problem`. @default - none (see `problem`)
   */
  readonly waiver?: unknown;
  /** Why what was read is not a waiver (raised as waiver-invalid at `path`). @default - it is one */
  readonly problem?: string;
  /** Field path where findings about this waiver point (`x-hipaa-waivers[0]`, `comments[2]`). */
  readonly path: string;
}

/**
 * Whether a kind is a Kubernetes kind: one word without a colon. Pulumi type tokens
 * (`aws:kms/key:Key`) and the Docker formats' kinds (`docker:Dockerfile`) have colons.
 */
export function isKubernetesKind(kind: string): boolean {
  return !kind.includes(':');
}

/**
 * The line a finding at `path` points at: the entry of `lines` for the path or its nearest parent
 * path, else the object's own line.
 */
export function lineOfPath(resource: Resource, path: string): number | undefined {
  const lines = resource.lines;
  if (lines !== undefined) {
    for (let p = path; p !== ''; p = parentPath(p)) {
      const line = lines[p];
      if (line !== undefined) return line;
    }
  }
  return resource.source?.line;
}

/** `a.b[2]` -> `a.b` -> `a` -> ``; `a["x.y"]` -> `a`. */
function parentPath(path: string): string {
  if (path.endsWith(']')) {
    const open = path.endsWith('"]') ? path.lastIndexOf('["') : path.lastIndexOf('[');
    return open > 0 ? path.slice(0, open) : '';
  }
  const dot = path.lastIndexOf('.');
  return dot > 0 ? path.slice(0, dot) : '';
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
