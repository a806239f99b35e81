/**
 * Pulumi resources as the engine sees them: the type token (`aws:kms/key:Key`) is the kind, the
 * resource's logical name is the name and its inputs are the body. The AWS pack reads these, from
 * a Pulumi program under mocks, from CrossGuard or from any list of registered resources.
 */
import type { Resource } from './resource';

/** A resource a Pulumi program registered. */
export interface PulumiResourceDescription {
  /** Type token, e.g. `aws:kms/key:Key`. */
  readonly type: string;
  /** Logical name given to the resource in the program. */
  readonly name: string;
  /** The resource's inputs (resolved values), camelCase as in the Pulumi SDKs. */
  readonly inputs: Record<string, any>;
  /** The resource's URN, for reports. @default - none */
  readonly urn?: string;
}

// `<package>:<module>:<Type>`, where the module may be empty (`pulumi:pulumi:Stack`, `aws:index/provider:Provider`).
const TYPE_TOKEN = /^[A-Za-z0-9_-]+:[A-Za-z0-9_./-]*:[A-Za-z0-9_]+$/;

/** Whether a kind is a Pulumi type token rather than a Kubernetes kind. */
export function isPulumiType(kind: string): boolean {
  return kind.includes(':') && TYPE_TOKEN.test(kind);
}

/** Wraps a registered Pulumi resource as a Resource for the engine. */
export function fromPulumiResource(r: PulumiResourceDescription): Resource {
  if (typeof r.type !== 'string' || !isPulumiType(r.type)) {
    throw new Error(`Not a Pulumi resource: type ${JSON.stringify(r.type)} is not a type token such as aws:kms/key:Key`);
  }
  if (typeof r.name !== 'string' || r.name === '') throw new Error(`Pulumi resource of type ${r.type} has no name`);
  const inputs = r.inputs !== null && typeof r.inputs === 'object' && !Array.isArray(r.inputs) ? r.inputs : {};
  return { kind: r.type, name: r.name, body: inputs, source: r.urn ? { constructPath: r.urn } : undefined };
}
