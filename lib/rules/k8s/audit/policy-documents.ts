/**
 * The audit Policies an object carries: the object itself when it is an `audit.k8s.io` Policy
 * (the file the API server reads with --audit-policy-file, given to hipaa-check as YAML), or the
 * Policies in the values of a ConfigMap's `data` (YAML documents of kind Policy). Not a rule.
 */
import * as yaml from 'js-yaml';
import type { Resource } from '../../../check/resource';
import { isAuditPolicy } from '../support/audit-policy';

/** An audit Policy found in an object, with the field path findings are reported under. */
export interface PolicyDocument {
  /** The Policy. */
  readonly policy: Record<string, any>;
  /** Prefix of field paths inside it: `''` for a Policy object, `data["policy.yaml"].` in a ConfigMap. */
  readonly prefix: string;
}

const cache = new WeakMap<object, readonly PolicyDocument[]>();

/** The audit Policies of `resource` (an empty list for other objects). */
export function policyDocuments(resource: Resource): readonly PolicyDocument[] {
  if (resource.kind === 'Policy') return isAuditPolicy(resource.body) ? [{ policy: resource.body, prefix: '' }] : [];
  if (resource.kind !== 'ConfigMap') return [];
  let docs = cache.get(resource.body);
  if (docs === undefined) {
    docs = configMapPolicies(resource.body);
    cache.set(resource.body, docs);
  }
  return docs;
}

function configMapPolicies(body: Record<string, any>): PolicyDocument[] {
  const data = body.data;
  if (data === null || typeof data !== 'object') return [];
  const out: PolicyDocument[] = [];
  for (const [key, value] of Object.entries(data)) {
    // Only values that can be a Policy are parsed (cheap on large ConfigMaps).
    if (typeof value !== 'string' || !value.includes('audit.k8s.io') || !value.includes('Policy')) continue;
    let docs: unknown[];
    try {
      docs = yaml.loadAll(value);
    } catch {
      continue; // unreadablePolicies
    }
    const policies = docs.filter(isAuditPolicy);
    policies.forEach((policy, i) => out.push({ policy, prefix: `data[${JSON.stringify(key)}]${policies.length > 1 ? `[${i}]` : ''}.` }));
  }
  return out;
}

/** A ConfigMap value that looks like an audit Policy (apiVersion audit.k8s.io, kind Policy) but is not valid YAML. */
export interface UnreadablePolicy {
  /** Field path of the value: `data["policy.yaml"]`. */
  readonly path: string;
  /** The YAML parser's reason, first line. */
  readonly reason: string;
}

/** The values of a ConfigMap's `data` that declare an audit Policy but do not parse as YAML (the API server could not load them either). */
export function unreadablePolicies(resource: Resource): UnreadablePolicy[] {
  if (resource.kind !== 'ConfigMap') return [];
  const data = resource.body.data;
  if (data === null || typeof data !== 'object') return [];
  const out: UnreadablePolicy[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== 'string' || !/^\s*apiVersion:\s*["']?audit\.k8s\.io\//m.test(value) || !/^\s*kind:\s*["']?Policy\b/m.test(value)) continue;
    try {
      yaml.loadAll(value);
    } catch (e) {
      out.push({ path: `data[${JSON.stringify(key)}]`, reason: String((e as Error).message).split('\n')[0] });
    }
  }
  return out;
}
