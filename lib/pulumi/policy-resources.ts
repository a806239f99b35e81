/**
 * The resources of a Pulumi stack, as CrossGuard hands them to a stack policy, turned into the
 * engine's resources: Kubernetes objects (`kubernetes:<group>/<version>:<Kind>`, whose properties
 * are the manifest) and AWS resources (`aws:<module>/<type>:<Type>`, whose properties are the
 * inputs the AWS pack reads). Everything else (components, providers, the stack) is not checked
 * and is counted by type.
 */
import { plainProperties, rulesView } from './policy-unknowns';
import { fromPulumiResource } from '../check/pulumi-resource';
import { fromManifest, Resource } from '../check/resource';

/** A resource of the stack as CrossGuard gives it to a stack policy (a subset of @pulumi/policy's PolicyResource). */
export interface PolicyStackResource {
  /** Type token, e.g. `aws:kms/key:Key` or `kubernetes:apps/v1:Deployment`. */
  readonly type: string;
  /** The resource's properties (its outputs; during preview, values not yet known are unknown). */
  readonly props: Record<string, any>;
  /** The resource's URN. */
  readonly urn: string;
  /** The resource's logical name. */
  readonly name: string;
}

/** A stack's resources as the engine sees them. */
export interface StackResources {
  /** Resources the rules check (Kubernetes objects and AWS resources), in stack order. */
  readonly resources: readonly Resource[];
  /** How many resources of each other type were not checked (components, providers, other clouds). */
  readonly ignored: Readonly<Record<string, number>>;
  /** Paths of the values unknown during preview, by URN (only resources that have some). */
  readonly unknown: Readonly<Record<string, readonly string[]>>;
  /** The whole input written as one string: equal strings mean the same stack, as far as the rules can tell. */
  readonly fingerprint: string;
}

const KUBERNETES_TYPE = /^kubernetes:([^:/]+)\/([^:/]+):([A-Za-z0-9]+)$/;

/** Converts CrossGuard's stack resources (see {@link PolicyStackResource}) for the engine. */
export function stackResources(list: readonly PolicyStackResource[]): StackResources {
  const resources: Resource[] = [];
  const ignored: Record<string, number> = {};
  const unknown: Record<string, string[]> = {};
  const seen: unknown[] = [];
  for (const r of list) {
    const plain = plainProperties(r.props);
    seen.push([r.type, r.urn, r.name, plain.value]);
    const resource = toResource(r, plain);
    if (resource === undefined) {
      ignored[r.type] = (ignored[r.type] ?? 0) + 1;
      continue;
    }
    if (plain.unknownPaths.length > 0) unknown[r.urn] = [...plain.unknownPaths];
    resources.push(resource);
  }
  return { resources, ignored, unknown, fingerprint: JSON.stringify(seen) };
}

function toResource(r: PolicyStackResource, plain: ReturnType<typeof plainProperties>): Resource | undefined {
  if (typeof r.type !== 'string') return undefined;
  const source = { constructPath: r.urn };
  if (r.type.startsWith('aws:')) {
    if (r.type.startsWith('aws:index/provider:')) return undefined;
    return fromPulumiResource({ type: r.type, name: r.name, inputs: rulesView(plain), urn: r.urn });
  }
  const k8s = KUBERNETES_TYPE.exec(r.type);
  if (!k8s) return undefined;
  const [, group, version, kind] = k8s;
  // Components (yaml/v2 ConfigGroup, Helm charts) share the prefix but are not objects: they have no kind.
  if (plain.value.kind !== kind) return undefined;
  const apiVersion = group === 'core' ? version : `${group}/${version}`;
  const body: Record<string, any> = {};
  for (const [key, value] of Object.entries(plain.value)) {
    // The provider's own state (`__inputs` in older versions) is not part of the object.
    if (!key.startsWith('__')) body[key] = value;
  }
  body.apiVersion = apiVersion;
  const view = rulesView({ value: body, unknownPaths: plain.unknownPaths });
  const resource = fromManifest(view, source);
  return resource.name === '' ? { ...resource, name: r.name } : resource;
}
