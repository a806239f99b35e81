/**
 * Validation of Compose documents against the Compose Specification's JSON schema, for tests.
 *
 * The schema is test/fixtures/compose-spec/compose-spec.json: compose-go's schema/compose-spec.json,
 * the one `docker compose` (v2) itself validates with (see the README beside it). It is JSON Schema
 * draft 2020-12, so ajv's 2020 class reads it. Beyond the schema, {@link composeConsistencyErrors}
 * checks what compose-go's loader refuses after the schema (loader/validate.go): references to
 * undeclared networks, secrets and volumes, `network_mode` beside `networks`, a healthcheck test
 * that does not start with CMD/CMD-SHELL/NONE, a tmpfs target mounted twice, and service-level
 * resource limits that differ from `deploy.resources.limits`.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import { fieldPath as kubernetesFieldPath } from './schema';

const SCHEMA_FILE = path.join(__dirname, '..', 'fixtures', 'compose-spec', 'compose-spec.json');

let validator: ValidateFunction | undefined;

function compiled(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'));
    // strict: false: the schema uses annotation keywords ajv does not know (`deprecated` is known; others may come).
    const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true });
    validator = ajv.compile(schema);
  }
  return validator;
}

/** Schema errors of a parsed Compose document, one readable line each (`services.api.user: expected string, got integer`), sorted. */
export function composeSchemaErrors(document: unknown): string[] {
  const validate = compiled();
  if (validate(document)) return [];
  return readable(document, validate.errors ?? []);
}

/** Schema errors and the loader's consistency errors of a parsed Compose document (empty when `docker compose` would load it). */
export function composeDocumentErrors(document: unknown): string[] {
  const schema = composeSchemaErrors(document);
  return schema.length > 0 ? schema : composeConsistencyErrors(document);
}

/** Throws an Error listing every error of {@link composeDocumentErrors}. */
export function assertValidComposeDocument(document: unknown): void {
  const errors = composeDocumentErrors(document);
  if (errors.length > 0) throw new Error(`${errors.length} Compose Specification error(s):\n${errors.map((e) => `  ${e}`).join('\n')}`);
}

/** What compose-go's loader refuses in a schema-valid document (loader/validate.go, checkConsistency). */
export function composeConsistencyErrors(document: unknown): string[] {
  const doc = document as Record<string, any>;
  const errors: string[] = [];
  const declared = (key: string) => new Set(Object.keys(isObject(doc[key]) ? doc[key] : {}));
  const networks = declared('networks');
  const secrets = declared('secrets');
  const volumes = declared('volumes');
  for (const [name, s] of Object.entries<any>(isObject(doc.services) ? doc.services : {})) {
    const at = `services.${name}`;
    const serviceNetworks = Array.isArray(s.networks) ? s.networks : Object.keys(s.networks ?? {});
    if (s.network_mode !== undefined && serviceNetworks.length > 0) errors.push(`${at}: network_mode and networks are mutually exclusive`);
    for (const n of serviceNetworks) if (!networks.has(n)) errors.push(`${at}.networks: network '${n}' is not declared`);
    for (const sec of s.secrets ?? []) {
      const source = typeof sec === 'string' ? sec : sec.source;
      if (!secrets.has(source)) errors.push(`${at}.secrets: secret '${source}' is not declared`);
    }
    for (const v of s.volumes ?? []) {
      const volume = typeof v === 'string' ? { type: /^[./~]/.test(v) ? 'bind' : 'volume', source: v.split(':')[0] } : v;
      if (volume.type === 'volume' && volume.source && !volumes.has(volume.source)) errors.push(`${at}.volumes: volume '${volume.source}' is not declared`);
    }
    const test = s.healthcheck?.test;
    if (Array.isArray(test) && test.length > 0 && !['CMD', 'CMD-SHELL', 'NONE'].includes(test[0])) {
      errors.push(`${at}.healthcheck.test: must start with CMD, CMD-SHELL or NONE`);
    }
    const targets = new Set<string>();
    for (const t of [].concat(s.tmpfs ?? [])) {
      const target = String(t).split(':')[0];
      if (targets.has(target)) errors.push(`${at}.tmpfs: target ${target} is mounted twice`);
      targets.add(target);
    }
    const limits = s.deploy?.resources?.limits;
    if (limits) {
      for (const [field, deployField] of [['cpus', 'cpus'], ['mem_limit', 'memory'], ['pids_limit', 'pids']]) {
        if (s[field] !== undefined && limits[deployField] !== undefined && String(s[field]) !== String(limits[deployField])) {
          errors.push(`${at}: distinct values on '${field}' and 'deploy.resources.limits.${deployField}'`);
        }
      }
    }
  }
  return errors;
}

/** `services.api.ports[0]` from the JSON pointer `/services/api/ports/0`: the Kubernetes helper's field paths. */
function fieldPath(data: unknown, pointer: string, last?: string): string {
  return kubernetesFieldPath(data, pointer, last) || '(document)';
}

/**
 * One line per problem. The schema spells many fields as alternatives (`oneOf` a string or an
 * object); a value that fits none gets an error from every alternative, so the alternatives' type
 * errors are merged into one `expected string or object` line, and dropped when errors inside the
 * value say more.
 */
function readable(data: unknown, errors: readonly ErrorObject[]): string[] {
  const out = new Set<string>();
  const typesAt = new Map<string, Set<string>>();
  const actualAt = new Map<string, string>();
  for (const e of errors) {
    switch (e.keyword) {
      case 'additionalProperties':
        out.add(`${fieldPath(data, e.instancePath, String(e.params.additionalProperty))}: unknown field`);
        break;
      case 'required':
        out.add(`${fieldPath(data, e.instancePath, String(e.params.missingProperty))}: required field is missing`);
        break;
      case 'type': {
        const at = fieldPath(data, e.instancePath);
        const set = typesAt.get(at) ?? new Set<string>();
        for (const t of ([] as string[]).concat(e.params.type as string | string[])) set.add(t);
        typesAt.set(at, set);
        actualAt.set(at, typeOf(e.data));
        break;
      }
      case 'oneOf':
      case 'anyOf':
      case 'if':
        break; // summarized by the alternatives' own errors
      case 'enum':
        out.add(`${fieldPath(data, e.instancePath)}: must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`);
        break;
      default:
        out.add(`${fieldPath(data, e.instancePath)}: ${e.message ?? e.keyword}`);
    }
  }
  // A value that matched one alternative's shape and failed inside it: its errors inside say more than
  // "expected number or string" from the other alternatives.
  const deeper = [...out, ...typesAt.keys()];
  for (const [at, types] of typesAt) {
    if (deeper.some((d) => d.startsWith(`${at}.`) || d.startsWith(`${at}[`))) continue;
    out.add(`${at}: expected ${[...types].join(' or ')}, got ${actualAt.get(at)}`);
  }
  return [...out].sort();
}

function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}
