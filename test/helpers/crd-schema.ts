/**
 * Strict validation of custom resources against the upstream CRDs pinned in crds/ (the same
 * files lib/imports/ is generated from), for tests: what an API server with those CRDs installed
 * and `--validate=strict` (server-side field validation) accepts.
 *
 * - The object's group must have a CRD here; its kind and version must be one the CRD serves
 *   (`external-secrets.io/v1beta1` is refused: v2.9.0 no longer serves it).
 * - The spec is validated against that version's `openAPIV3Schema` with ajv. As for structural
 *   schemas on the API server, an object schema with `properties` rejects unknown fields unless it
 *   says `x-kubernetes-preserve-unknown-fields` or has `additionalProperties`;
 *   `x-kubernetes-int-or-string` accepts an integer or a string; `nullable` allows null.
 * - The formats the CRDs declare are checked (`date-time`, `int32`/`int64` as integers, `byte` as
 *   base64; `duration` as Go's time.ParseDuration). Fields the CRDs declare as plain strings (Velero's
 *   `ttl`, External Secrets' `refreshInterval`) are not parsed by the API server either.
 * - Metadata: a DNS-1123 name, string labels and annotations, label values of at most 63
 *   characters; a namespace only on namespaced kinds, and required on them.
 * - Not checked: CEL rules (`x-kubernetes-validations`) and admission webhooks of the operators.
 */
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { pinnedCrds } from '../../scripts/pinned-crds';

interface JsonSchema { [keyword: string]: unknown }
interface CrdVersion { readonly name: string; readonly served: boolean; readonly schema?: { readonly openAPIV3Schema: JsonSchema } }
interface Crd {
  readonly spec: {
    readonly group: string;
    readonly scope: 'Namespaced' | 'Cluster';
    readonly names: { readonly kind: string };
    readonly versions: readonly CrdVersion[];
  };
}
interface KindSchemas { readonly scope: Crd['spec']['scope']; readonly served: ReadonlySet<string>; readonly validators: Map<string, ValidateFunction> }

const GO_DURATION = /^(?:0|[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h)(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))*)$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const METADATA_FIELDS = new Set(['name', 'namespace', 'labels', 'annotations', 'generateName', 'finalizers', 'ownerReferences']);

let loaded: { readonly ajv: Ajv; readonly kinds: Map<string, KindSchemas>; readonly groups: Set<string> } | undefined;

/** The API groups the pinned CRDs define (`velero.io`, ...). */
export function customResourceGroups(): ReadonlySet<string> {
  return load().groups;
}

/**
 * Validates every object whose API group one of the pinned CRDs defines; returns one line per
 * problem (`Schedule velero/daily: spec.template.tll: unknown field`). Objects of
 * other groups are not looked at: validate those with test/helpers/schema.ts.
 */
export function validateCustomResources(objects: readonly unknown[]): string[] {
  const { kinds, groups } = load();
  const lines: string[] = [];
  for (const object of objects) {
    if (!isObject(object) || typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') continue;
    const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/', 2) : ['', object.apiVersion];
    if (!groups.has(group)) continue;
    const meta = isObject(object.metadata) ? object.metadata : {};
    const id = `${object.kind} ${typeof meta.namespace === 'string' ? `${meta.namespace}/` : ''}${String(meta.name)}`;
    const schemas = kinds.get(`${group}/${object.kind}`);
    if (!schemas) {
      lines.push(`${id}: no CRD defines kind ${object.kind} in group ${group}`);
      continue;
    }
    if (!schemas.served.has(version)) {
      lines.push(`${id}: ${object.apiVersion} is not served (served: ${[...schemas.served].map((v) => `${group}/${v}`).join(', ')})`);
      continue;
    }
    lines.push(...metadataProblems(meta, schemas.scope).map((p) => `${id}: ${p}`));
    const validate = schemas.validators.get(version)!;
    // apiVersion and kind were checked above; Istio's and Linkerd's schemas do not list them (nor metadata).
    const { metadata: _metadata, apiVersion: _apiVersion, kind: _kind, ...rest } = object;
    if (!validate(rest)) lines.push(...(validate.errors ?? []).map((e) => `${id}: ${describe(e)}`));
  }
  return lines;
}

function metadataProblems(meta: Record<string, unknown>, scope: Crd['spec']['scope']): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(meta)) if (!METADATA_FIELDS.has(key)) problems.push(`metadata.${key}: unknown field`);
  if (typeof meta.name !== 'string' || meta.name.length > 253 || !DNS_SUBDOMAIN.test(meta.name)) {
    problems.push(`metadata.name: ${JSON.stringify(meta.name)} is not a DNS-1123 subdomain`);
  }
  if (scope === 'Cluster' && meta.namespace !== undefined) problems.push('metadata.namespace: a cluster-scoped object has no namespace');
  if (scope === 'Namespaced' && typeof meta.namespace !== 'string') problems.push('metadata.namespace: required for a namespaced object');
  for (const field of ['labels', 'annotations'] as const) {
    const map = meta[field];
    if (map === undefined) continue;
    if (!isObject(map)) {
      problems.push(`metadata.${field}: must be a map of strings`);
      continue;
    }
    for (const [k, v] of Object.entries(map)) {
      if (typeof v !== 'string') problems.push(`metadata.${field}.${k}: must be a string`);
      else if (field === 'labels' && (v.length > 63 || !LABEL_VALUE.test(v))) problems.push(`metadata.labels.${k}: ${JSON.stringify(v)} is not a valid label value`);
    }
  }
  return problems;
}

function describe(e: ErrorObject): string {
  const where = e.instancePath.replace(/^\//, '').replace(/\/(\d+)(?=\/|$)/g, '[$1]').replace(/\//g, '.');
  if (e.keyword === 'additionalProperties') {
    const field = (e.params as { additionalProperty: string }).additionalProperty;
    return `${where ? `${where}.` : ''}${field}: unknown field`;
  }
  return `${where || '(object)'}: ${e.message ?? e.keyword}`;
}

function load(): NonNullable<typeof loaded> {
  if (loaded) return loaded;
  const ajv = new Ajv({ strict: false, allErrors: true, allowUnionTypes: true });
  addFormats(ajv, ['date-time', 'date', 'uri']);
  ajv.addFormat('duration', GO_DURATION);
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('byte', /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/);
  const kinds = new Map<string, KindSchemas>();
  const groups = new Set<string>();
  for (const { crd } of pinnedCrds() as unknown as { crd: Crd }[]) {
    const validators = new Map<string, ValidateFunction>();
    for (const v of crd.spec.versions.filter((x) => x.served)) {
      validators.set(v.name, ajv.compile(structural(v.schema?.openAPIV3Schema ?? { type: 'object' })));
    }
    groups.add(crd.spec.group);
    kinds.set(`${crd.spec.group}/${crd.spec.names.kind}`, { scope: crd.spec.scope, served: new Set(validators.keys()), validators });
  }
  loaded = { ajv, kinds, groups };
  return loaded;
}

/** The schema as the API server applies it: unknown fields pruned means refused under strict validation. */
function structural(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'properties' && isObject(v)) {
      out.properties = Object.fromEntries(Object.entries(v).map(([name, s]) => [name, structural(s as JsonSchema)]));
    } else if ((k === 'items' || k === 'additionalProperties' || k === 'not') && isObject(v)) {
      out[k] = structural(v as JsonSchema);
    } else if ((k === 'allOf' || k === 'anyOf' || k === 'oneOf') && Array.isArray(v)) {
      // Structural schemas use these only to add value validations, never types: keep the
      // required/enum checks, drop anything that would need the parent's properties.
      out[k] = v.map((s: JsonSchema) => structural({ ...s, type: undefined }));
    } else if (k.startsWith('x-kubernetes-') || k === 'description' || k === 'type' && v === undefined) {
      continue;
    } else {
      out[k] = v;
    }
  }
  if (schema['x-kubernetes-int-or-string'] === true) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  if (schema.type === 'object' && schema.properties !== undefined && schema.additionalProperties === undefined && !preserve) {
    out.additionalProperties = false;
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
