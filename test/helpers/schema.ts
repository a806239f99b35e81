/**
 * Strict validation of Kubernetes manifests against the Kubernetes 1.28 API schemas, for tests.
 *
 * Like `kubeconform -strict -kubernetes-version 1.28.0`: an unknown field, a value of the wrong
 * type, a missing required field, or an apiVersion/kind that 1.28 does not serve is an error.
 *
 * Source of the schemas: `@kubernetes/client-node` 0.20.x, the official JavaScript client, whose
 * models are generated from the `release-1.28` OpenAPI document (checked below, so a different
 * client line fails loudly instead of validating against another Kubernetes version). Its
 * per-model metadata gives every field's JSON name and type, its type declarations say which
 * fields are required, and its API classes say which apiVersion/kind pairs the API serves. This
 * module turns that into one JSON Schema (draft-07, `additionalProperties: false` on every
 * object) and validates with ajv. Nothing is downloaded.
 *
 * Semantics worth knowing:
 * - `null` in an object field means "unset" (as for the API server): it is dropped before
 *   validation, so `null` for a required field reports it missing.
 * - Integer fields are generated as plain `number` by the client, so `1.5` for `replicas` passes;
 *   int-or-string fields accept an integer or a string. Resource quantities are strings (a bare
 *   number such as `cpu: 1`, which the API server accepts, is reported as the wrong type).
 * - Values (enums, DNS names, quantity syntax) are not checked: that is the API server's
 *   validation, not the schema's.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';

/** The Kubernetes minor version the schemas describe. */
export const KUBERNETES_VERSION = '1.28';

/** One schema error in one object. */
export interface SchemaError {
  /** The object, as `Kind namespace/name` (or `Kind name` when it has no namespace). */
  readonly object: string;
  /** Field path in the object, e.g. `spec.template.spec.containers[0].image`; '' for the object. */
  readonly path: string;
  /** What is wrong, e.g. `unknown field` or `expected integer, got string`. */
  readonly message: string;
}

/** Options for {@link validateManifests}. */
export interface ValidateOptions {
  /**
   * Skip objects whose apiVersion/kind has no 1.28 schema (custom resources) instead of
   * reporting them.
   * @default false
   */
  readonly ignoreUnknownKinds?: boolean;
}

/** Validates one object; returns its errors (none when it is valid). */
export function validateManifest(object: unknown, options: ValidateOptions = {}): SchemaError[] {
  const schemas = load();
  if (!isObject(object)) {
    return [{ object: '(not an object)', path: '', message: `expected an object, got ${typeOf(object)}` }];
  }
  const id = objectId(object);
  const apiVersion = object.apiVersion;
  const kind = object.kind;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    return [{ object: id, path: '', message: 'apiVersion and kind must be strings' }];
  }
  const model = schemas.kinds.get(`${apiVersion}/${kind}`);
  if (!model) {
    if (options.ignoreUnknownKinds) return [];
    return [{
      object: id,
      path: '',
      message: `Kubernetes ${KUBERNETES_VERSION} has no kind ${kind} in apiVersion ${apiVersion}`,
    }];
  }
  const data = withoutNulls(object);
  const validate = schemas.validator(model);
  if (validate(data)) return [];
  return toErrors(id, data, validate.errors ?? []);
}

/** Validates many objects; returns every error as one readable line each, in a stable order. */
export function validateManifests(objects: readonly unknown[], options: ValidateOptions = {}): string[] {
  const lines: string[] = [];
  for (const object of objects) {
    for (const e of validateManifest(object, options)) lines.push(formatError(e));
  }
  return lines;
}

/** Throws an Error listing every schema error in the objects. */
export function assertValidManifests(objects: readonly unknown[], options: ValidateOptions = {}): void {
  const lines = validateManifests(objects, options);
  if (lines.length > 0) {
    throw new Error(
      `${lines.length} Kubernetes ${KUBERNETES_VERSION} schema error(s):\n` + lines.map((l) => `  ${l}`).join('\n'),
    );
  }
}

/** `Deployment clinic/api: spec.replicas: expected number, got string`. */
export function formatError(e: SchemaError): string {
  return e.path ? `${e.object}: ${e.path}: ${e.message}` : `${e.object}: ${e.message}`;
}

// ---------------------------------------------------------------------------------------------
// Loading the schemas (once per process).

interface AttributeType { readonly name: string; readonly baseName: string; readonly type: string }
interface JsonSchema { [keyword: string]: unknown }
interface Schemas {
  /** `apiVersion/kind` -> model name, e.g. `apps/v1/Deployment` -> `V1Deployment`. */
  readonly kinds: ReadonlyMap<string, string>;
  validator(model: string): ValidateFunction;
}

const SCHEMA_ID = `kubernetes-${KUBERNETES_VERSION}`;
let loaded: Schemas | undefined;

function load(): Schemas {
  if (loaded) return loaded;
  const gen = path.join(path.dirname(require.resolve('@kubernetes/client-node/package.json')), 'dist', 'gen');
  const modelDir = path.join(gen, 'model');

  // Refuse a client generated from another Kubernetes release.
  const header = fs.readFileSync(path.join(modelDir, 'v1Pod.js'), 'utf8');
  const release = /The version of the OpenAPI document: release-(\d+\.\d+)/.exec(header)?.[1];
  if (release !== KUBERNETES_VERSION) {
    throw new Error(
      `@kubernetes/client-node was generated from Kubernetes ${release ?? '(unknown)'}, not ${KUBERNETES_VERSION}: ` +
      'pin the 0.20.x line in .projenrc.ts',
    );
  }

  // Every model class with its attribute metadata (JSON name and type of each field). Each
  // generated model file assigns it as a JSON array literal (`V1Pod.attributeTypeMap = [...];`);
  // reading that text is 20x faster under jest than requiring the 557 modules.
  const attributes = new Map<string, readonly AttributeType[]>();
  for (const file of fs.readdirSync(modelDir).filter((f) => f.endsWith('.js')).sort()) {
    const text = fs.readFileSync(path.join(modelDir, file), 'utf8');
    const m = /^(\w+)\.attributeTypeMap = (\[[\s\S]*?^\]);$/m.exec(text);
    if (m) attributes.set(m[1], JSON.parse(m[2]) as AttributeType[]);
  }
  if (attributes.size < 500 || !attributes.has('V1PodSpec')) {
    throw new Error(`could not read the models of @kubernetes/client-node (found ${attributes.size})`);
  }

  const definitions: Record<string, JsonSchema> = {};
  for (const [name, attrs] of attributes) {
    const required = requiredFields(path.join(modelDir, `${name[0].toLowerCase()}${name.slice(1)}.d.ts`));
    const properties: Record<string, JsonSchema> = {};
    const requiredJson: string[] = [];
    for (const a of attrs) {
      properties[a.baseName] = typeSchema(a.type, attributes, `${name}.${a.name}`);
      if (required.has(a.name)) requiredJson.push(a.baseName);
    }
    definitions[name] = {
      type: 'object',
      properties,
      ...(requiredJson.length > 0 ? { required: requiredJson } : {}),
      additionalProperties: false,
    };
  }

  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, validateSchema: false, code: { optimize: false } });
  ajv.addSchema({ $id: SCHEMA_ID, definitions });
  const kinds = servedKinds(path.join(gen, 'api'), attributes);
  const cache = new Map<string, ValidateFunction>();
  loaded = {
    kinds,
    validator(model) {
      let fn = cache.get(model);
      if (!fn) {
        fn = ajv.getSchema(`${SCHEMA_ID}#/definitions/${model}`);
        if (!fn) throw new Error(`no schema for model ${model}`);
        cache.set(model, fn);
      }
      return fn;
    },
  };
  return loaded;
}

/** The JSON Schema of one client type string: `string`, `Array<V1Container>`, `{ [key: string]: string; }`... */
function typeSchema(type: string, models: ReadonlyMap<string, unknown>, where: string): JsonSchema {
  switch (type) {
    case 'string':
    case 'Date': // RFC 3339 timestamps, serialized as strings
    case 'V1MicroTime':
      return { type: 'string' };
    case 'number':
      return { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'IntOrString':
      return { type: ['integer', 'string'] };
    case 'object':
    case 'any':
      return {}; // RawExtension, JSON: any value
  }
  const array = /^Array<(.+)>$/.exec(type);
  if (array) return { type: 'array', items: typeSchema(array[1], models, where) };
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) return { type: 'object', additionalProperties: typeSchema(map[1], models, where) };
  if (models.has(type)) return { $ref: `#/definitions/${type}` };
  throw new Error(`unsupported type "${type}" at ${where} in @kubernetes/client-node`);
}

/** Fields declared without `?` in a generated model's type declaration (the OpenAPI `required`). */
function requiredFields(dts: string): Set<string> {
  const required = new Set<string>();
  const text = fs.readFileSync(dts, 'utf8');
  for (const m of text.matchAll(/^\s+'([^']+)'(\??):/gm)) {
    if (m[2] !== '?') required.add(m[1]);
  }
  return required;
}

/**
 * apiVersion/kind pairs the API serves, from the generated API classes: every collection
 * endpoint `create*` (`POST /apis/<group>/<version>/...` without `{name}`) and the body type it
 * takes. The kind is the model name without its version (and group) prefix.
 */
function servedKinds(apiDir: string, models: ReadonlyMap<string, unknown>): Map<string, string> {
  const kinds = new Map<string, string>();
  for (const file of fs.readdirSync(apiDir).filter((f) => f.endsWith('Api.js')).sort()) {
    const text = fs.readFileSync(path.join(apiDir, file), 'utf8');
    for (const method of text.split(/\n {4}async (?=create)/).slice(1)) {
      const route = /this\.basePath \+ '\/(?:api|apis\/([^/']+))\/([^/']+)\/([^']*)'/.exec(method);
      const body = /ObjectSerializer\.serialize\(body, "([A-Za-z0-9]+)"\)/.exec(method);
      if (!route || !body || route[3].includes('{name}')) continue;
      const [, group, version] = route;
      const model = body[1];
      const prefix = version[0].toUpperCase() + version.slice(1);
      const at = model.indexOf(prefix);
      if (at < 0 || !models.has(model)) continue;
      const apiVersion = group ? `${group}/${version}` : version;
      kinds.set(`${apiVersion}/${model.slice(at + prefix.length)}`, model);
    }
  }
  if (!kinds.has('apps/v1/Deployment') || !kinds.has('v1/Pod')) {
    throw new Error('could not read the served kinds from @kubernetes/client-node');
  }
  return kinds;
}

// ---------------------------------------------------------------------------------------------
// Objects and errors.

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function objectId(o: Record<string, unknown>): string {
  const kind = typeof o.kind === 'string' ? o.kind : '(no kind)';
  const meta = isObject(o.metadata) ? o.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : '(no name)';
  return typeof meta.namespace === 'string' ? `${kind} ${meta.namespace}/${name}` : `${kind} ${name}`;
}

/** A copy without object fields whose value is null (the API server reads them as unset). */
function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (!isObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = withoutNulls(x);
  return out;
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `spec.template.spec.containers[0]` from the JSON pointer `/spec/template/spec/containers/0` (empty for the document itself). */
export function fieldPath(data: unknown, pointer: string, last?: string): string {
  const segments = pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (last !== undefined) segments.push(last);
  let out = '';
  let node = data;
  for (const s of segments) {
    if (Array.isArray(node)) out += `[${s}]`;
    else if (IDENT.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(s)}]`;
    node = isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[s] : undefined;
  }
  return out;
}

function toErrors(id: string, data: unknown, errors: readonly ErrorObject[]): SchemaError[] {
  const out = new Map<string, SchemaError>();
  for (const e of errors) {
    let at: string;
    let message: string;
    switch (e.keyword) {
      case 'additionalProperties':
        at = fieldPath(data, e.instancePath, String(e.params.additionalProperty));
        message = 'unknown field';
        break;
      case 'required':
        at = fieldPath(data, e.instancePath, String(e.params.missingProperty));
        message = 'required field is missing';
        break;
      case 'type': {
        const expected = ([] as string[]).concat(e.params.type as string | string[]).join(' or ');
        at = fieldPath(data, e.instancePath);
        message = `expected ${expected}, got ${typeOf(e.data)}`;
        break;
      }
      default:
        at = fieldPath(data, e.instancePath);
        message = e.message ?? e.keyword;
    }
    out.set(`${at}\u0000${message}`, { object: id, path: at, message });
  }
  return [...out.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.message.localeCompare(b.message)));
}
