import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { KNOWN_PROVIDERS } from './aws-hipaa-eligible-services';
import type { Baa, BaaRegister, BaaStatus, Vendor, VendorMatchers } from './baa-register';
import { networkText, parseCidr } from './cidr';
import { isDay } from './dates';
import { compileGlobPattern } from './glob-pattern';
import { compileHostPattern } from './host-pattern';
import { didYouMean } from '../check/did-you-mean';
import { loadYamlStream, ManifestError } from '../check/manifests';
import { compileRegistryPattern } from '../rules/k8s/workload/image-reference';

/** A register file that cannot be used: every problem, each naming the file, line and field. */
export class BaaRegisterError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'BaaRegisterError';
  }
}

/** The `apiVersion` a register declares. */
export const BAA_REGISTER_API_VERSION = 'hipaa-constructs.io/v1';
/** The `kind` a register declares. */
export const BAA_REGISTER_KIND = 'BaaRegister';

const STATUSES: readonly BaaStatus[] = ['signed', 'pending', 'none', 'terminated'];
const TOP_KEYS = ['apiVersion', 'kind', 'vendors', 'internal'];
const VENDOR_KEYS = ['id', 'name', 'provider', 'baa', 'services', 'match'];
const BAA_KEYS = ['status', 'signed', 'expires', 'reviewBy', 'ref', 'scope'];
const MATCH_KEYS = ['cidrs', 'hosts', 'registries', 'buckets', 'logDestinations', 'secretStores', 'accounts'];
const INTERNAL_KEYS = ['cidrs', 'hosts'];
const VENDOR_ID = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const SERVICE_ID = /^[a-z0-9][a-z0-9-]*$/;

/** Reads and validates `hipaa-baa.yaml` (a path resolved against `cwd`); throws BaaRegisterError listing every problem. */
export function readBaaRegister(file: string, cwd: string = process.cwd()): BaaRegister {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path.resolve(cwd, file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
    throw new BaaRegisterError([`${file}: cannot read the BAA register (${why}); give the path of a hipaa-baa.yaml file`]);
  }
  const register = parseBaaRegister(bytes.toString('utf8'), file);
  return { ...register, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Validates a register's text (YAML or JSON); `file` names it in messages. Throws BaaRegisterError listing every problem. */
export function parseBaaRegister(text: string, file: string): BaaRegister {
  let stream;
  try {
    stream = loadYamlStream(text, file);
  } catch (e) {
    if (e instanceof ManifestError) throw new BaaRegisterError([e.message]);
    throw e;
  }
  if (stream.documents.length === 0) {
    throw new BaaRegisterError([`${file}: the BAA register is empty; start it with apiVersion: ${BAA_REGISTER_API_VERSION}, kind: ${BAA_REGISTER_KIND} and a list of vendors`]);
  }
  if (stream.documents.length > 1) {
    throw new BaaRegisterError([`${file}:${stream.documents[1].line}: a BAA register is one YAML document; remove the second document (or merge it into the first)`]);
  }
  const doc = stream.documents[0];
  const v = new Validator(file, (node) => stream.lineOf(node), doc.line);
  const register = v.register(doc.value);
  if (v.problems.length > 0) throw new BaaRegisterError(v.problems);
  return { file, ...register! };
}

/** Collects every problem of a register, each `file:line: field: what is wrong; how to fix`. */
class Validator {
  readonly problems: string[] = [];

  constructor(
    private readonly file: string,
    private readonly lineOf: (node: object) => number | undefined,
    private readonly docLine: number,
  ) {}

  register(value: unknown): Omit<BaaRegister, 'file' | 'sha256'> | undefined {
    if (!isMapping(value)) {
      this.problem(this.docLine, '(register)', `must be a mapping with apiVersion, kind, vendors and internal, got ${describe(value)}`, 'see the example in the README');
      return undefined;
    }
    const line = this.line(value, this.docLine);
    this.keys(value, TOP_KEYS, '', line);
    if (value.apiVersion !== BAA_REGISTER_API_VERSION) {
      this.problem(line, 'apiVersion', value.apiVersion === undefined ? 'is missing' : `is ${JSON.stringify(value.apiVersion)}`, `write apiVersion: ${BAA_REGISTER_API_VERSION}`);
    }
    if (value.kind !== BAA_REGISTER_KIND) {
      this.problem(line, 'kind', value.kind === undefined ? 'is missing' : `is ${JSON.stringify(value.kind)}`, `write kind: ${BAA_REGISTER_KIND}`);
    }
    const vendors: Vendor[] = [];
    if (value.vendors === undefined) {
      this.problem(line, 'vendors', 'is missing', 'list every vendor that can receive PHI (vendors: [] when there is none)');
    } else if (!Array.isArray(value.vendors)) {
      this.problem(line, 'vendors', `must be a list of vendors, got ${describe(value.vendors)}`, 'write each vendor as a list item (- id: ...)');
    } else {
      const listLine = this.line(value.vendors, line);
      const seen = new Map<string, string>();
      value.vendors.forEach((item: unknown, i: number) => {
        const vendor = this.vendor(item, `vendors[${i}]`, listLine);
        const id = isMapping(item) ? item.id : undefined;
        if (typeof id !== 'string') return;
        const at = this.line(item, listLine);
        const first = seen.get(id);
        if (first !== undefined) {
          this.problem(at, `vendors[${i}].id`, `${JSON.stringify(id)} is already the id of ${first}`, 'give every vendor its own id, or merge the two entries');
          return;
        }
        seen.set(id, `vendors[${i}] (line ${at})`);
        if (vendor !== undefined) vendors.push(vendor);
      });
    }
    let internal: BaaRegister['internal'] = { cidrs: [], hosts: [] };
    if (value.internal !== undefined) {
      if (!isMapping(value.internal)) {
        this.problem(line, 'internal', `must be a mapping with cidrs and hosts, got ${describe(value.internal)}`, 'write internal: {cidrs: [10.0.0.0/8], hosts: ["*.internal.example.com"]}');
      } else {
        const at = this.line(value.internal, line);
        this.keys(value.internal, INTERNAL_KEYS, 'internal.', at);
        internal = {
          cidrs: this.cidrs(value.internal.cidrs, 'internal.cidrs', at),
          hosts: this.hosts(value.internal.hosts, 'internal.hosts', at),
        };
      }
    }
    return { vendors, internal };
  }

  private vendor(value: unknown, field: string, parentLine: number): Vendor | undefined {
    if (!isMapping(value)) {
      this.problem(parentLine, field, `must be a mapping with id, baa and match, got ${describe(value)}`, 'write the vendor as - id: ..., baa: {status: ...}, match: {...}');
      return undefined;
    }
    const line = this.line(value, parentLine);
    const before = this.problems.length;
    this.keys(value, VENDOR_KEYS, `${field}.`, line);
    const id = value.id;
    if (id === undefined) {
      this.problem(line, `${field}.id`, 'is missing', 'give the vendor a stable id such as aws or datadog');
    } else if (typeof id !== 'string' || !VENDOR_ID.test(id)) {
      this.problem(line, `${field}.id`, `${describeScalar(id)} is not a vendor id`, 'use lower-case letters, digits and \'-\', e.g. aws or datadog');
    }
    const name = this.optionalString(value.name, `${field}.name`, line);
    const provider = this.optionalString(value.provider, `${field}.provider`, line);
    if (provider !== undefined && !KNOWN_PROVIDERS.includes(provider)) {
      const near = didYouMean(provider, KNOWN_PROVIDERS);
      if (near !== '' || !VENDOR_ID.test(provider)) {
        this.problem(line, `${field}.provider`, `${JSON.stringify(provider)} is not a provider id${near}`,
          `use a lower-case id; ${KNOWN_PROVIDERS.join(', ')} ${KNOWN_PROVIDERS.length === 1 ? 'has' : 'have'} a shipped HIPAA-eligible services list`);
      }
    }
    const baa = this.baa(value.baa, `${field}.baa`, line);
    const services = this.services(value.services, `${field}.services`, line);
    const match = this.match(value.match, `${field}.match`, line, provider);
    if (this.problems.length > before || baa === undefined || match === undefined) return undefined;
    return {
      id: id as string,
      ...(name !== undefined ? { name } : {}),
      ...(provider !== undefined ? { provider } : {}),
      baa,
      ...(services !== undefined ? { services } : {}),
      match,
      line,
    };
  }

  private baa(value: unknown, field: string, parentLine: number): Baa | undefined {
    if (value === undefined) {
      this.problem(parentLine, field, 'is missing', 'record the BAA, e.g. baa: {status: signed, signed: 2025-03-01, ref: "contract 42"}, or baa: {status: none}');
      return undefined;
    }
    if (!isMapping(value)) {
      this.problem(parentLine, field, `must be a mapping, got ${describe(value)}`, 'write baa: {status: signed, signed: YYYY-MM-DD} (or status pending, none, terminated)');
      return undefined;
    }
    const line = this.line(value, parentLine);
    this.keys(value, BAA_KEYS, `${field}.`, line);
    const status = value.status;
    let ok = true;
    if (status === undefined) {
      this.problem(line, `${field}.status`, 'is missing', `give one of ${STATUSES.join(', ')}`);
      ok = false;
    } else if (typeof status !== 'string' || !STATUSES.includes(status as BaaStatus)) {
      this.problem(line, `${field}.status`, `${describeScalar(status)} is not a BAA status${typeof status === 'string' ? didYouMean(status, STATUSES) : ''}`, `use one of ${STATUSES.join(', ')}`);
      ok = false;
    }
    const signed = this.day(value.signed, `${field}.signed`, line);
    const expires = this.day(value.expires, `${field}.expires`, line);
    const reviewBy = this.day(value.reviewBy, `${field}.reviewBy`, line);
    const ref = this.optionalString(value.ref, `${field}.ref`, line);
    const scope = this.optionalString(value.scope, `${field}.scope`, line);
    if (status === 'signed' && value.signed === undefined) {
      this.problem(line, `${field}.signed`, 'is missing for a signed BAA', 'give the day it was signed (YYYY-MM-DD)');
      ok = false;
    }
    if (signed !== undefined && expires !== undefined && expires < signed) {
      this.problem(line, `${field}.expires`, `${expires} is before the day it was signed (${signed})`, 'correct one of the two dates');
      ok = false;
    }
    if (!ok) return undefined;
    return {
      status: status as BaaStatus,
      ...(signed !== undefined ? { signed } : {}),
      ...(expires !== undefined ? { expires } : {}),
      ...(reviewBy !== undefined ? { reviewBy } : {}),
      ...(ref !== undefined ? { ref } : {}),
      ...(scope !== undefined ? { scope } : {}),
    };
  }

  private services(value: unknown, field: string, line: number): string[] | undefined {
    const list = this.stringList(value, field, line, 'list service ids such as [s3, kms, logs]');
    if (list === undefined) return undefined;
    for (const s of list) {
      if (!SERVICE_ID.test(s)) this.problem(line, field, `${JSON.stringify(s)} is not a service id`, 'use the service\'s id in lower case, as the provider\'s ARNs name it (s3, secretsmanager, logs)');
    }
    return list;
  }

  private match(value: unknown, field: string, parentLine: number, provider: string | undefined): VendorMatchers | undefined {
    if (value === undefined) {
      if (provider !== undefined) return {};
      this.problem(parentLine, field, 'is missing', 'say what of the vendor\'s the infrastructure sends to, e.g. match: {hosts: ["*.datadoghq.com"]}');
      return undefined;
    }
    if (!isMapping(value)) {
      this.problem(parentLine, field, `must be a mapping of ${MATCH_KEYS.join(', ')}, got ${describe(value)}`, 'write match: {hosts: [...], registries: [...]}');
      return undefined;
    }
    const line = this.line(value, parentLine);
    this.keys(value, MATCH_KEYS, `${field}.`, line);
    const m: Record<string, readonly string[]> = {};
    const set = (key: string, list: readonly string[] | undefined) => {
      if (list !== undefined && value[key] !== undefined) m[key] = list;
    };
    set('cidrs', this.cidrs(value.cidrs, `${field}.cidrs`, line));
    set('hosts', this.hosts(value.hosts, `${field}.hosts`, line));
    set('registries', this.registries(value.registries, `${field}.registries`, line));
    set('buckets', this.globs(value.buckets, `${field}.buckets`, line, 'a bucket name such as phi-backups or phi-backups-*'));
    set('logDestinations', this.globs(value.logDestinations, `${field}.logDestinations`, line, 'a log destination such as cloudwatch:* or https://http-intake.logs.datadoghq.com'));
    set('secretStores', this.globs(value.secretStores, `${field}.secretStores`, line, 'a secret store such as aws-secretsmanager or vault:https://vault.example.com'));
    set('accounts', this.accounts(value.accounts, `${field}.accounts`, line));
    if (Object.keys(value).filter((k) => MATCH_KEYS.includes(k)).length === 0 && provider === undefined) {
      this.problem(line, field, 'names nothing to match', `give at least one of ${MATCH_KEYS.join(', ')}`);
    }
    return m as VendorMatchers;
  }

  private cidrs(value: unknown, field: string, line: number): string[] {
    const list = this.stringList(value, field, line, 'list IP blocks such as [10.0.0.0/8]') ?? [];
    for (const c of list) {
      const parsed = parseCidr(c);
      if (typeof parsed !== 'string') continue;
      const loose = parseCidr(c, true);
      const fix = typeof loose === 'string' ? 'write an IP block such as 10.0.0.0/8 or 2001:db8::/32' : `write the block as ${networkText(loose)}`;
      this.problem(line, field, `${JSON.stringify(c)} is not a valid CIDR: ${parsed}`, fix);
    }
    return list;
  }

  private hosts(value: unknown, field: string, line: number): string[] {
    const list = this.stringList(value, field, line, 'list host names such as ["api.example.com", "*.example.com"]') ?? [];
    for (const h of list) {
      const compiled = compileHostPattern(h);
      if (typeof compiled === 'string') this.problem(line, field, `${JSON.stringify(h)} is not a host pattern: ${compiled}`, 'write a host name; * stands for one DNS label, e.g. *.example.com');
    }
    return list;
  }

  private registries(value: unknown, field: string, line: number): string[] {
    const list = this.stringList(value, field, line, 'list registries such as [ghcr.io/acme, "*.dkr.ecr.*.amazonaws.com"]') ?? [];
    for (const r of list) {
      try {
        compileRegistryPattern(r);
      } catch (e) {
        const why = (e as Error).message.replace(/^allowedRegistries entry "[^"]*" is not valid: /, '');
        this.problem(line, field, `${JSON.stringify(r)} is not a registry pattern: ${why}`, 'write a registry host, optionally with a path prefix (ghcr.io/acme); * stands for one DNS label');
      }
    }
    return list;
  }

  private globs(value: unknown, field: string, line: number, example: string): string[] {
    const list = this.stringList(value, field, line, `list patterns, each ${example}`) ?? [];
    for (const g of list) {
      const compiled = compileGlobPattern(g);
      if (typeof compiled === 'string') this.problem(line, field, `${JSON.stringify(g)} is not a pattern: ${compiled}`, `write ${example}`);
    }
    return list;
  }

  private accounts(value: unknown, field: string, line: number): string[] | undefined {
    const list = this.stringList(value, field, line, 'list account ids such as ["123456789012"]');
    for (const a of list ?? []) {
      if (!/^[A-Za-z0-9-]+$/.test(a)) this.problem(line, field, `${JSON.stringify(a)} is not an account id`, 'write the provider\'s account id, e.g. "123456789012" for AWS');
    }
    return list;
  }

  private stringList(value: unknown, field: string, line: number, fix: string): string[] | undefined {
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) {
      this.problem(line, field, `must be a list of strings, got ${describe(value)}`, typeof value === 'string' ? `wrap it in a list: [${JSON.stringify(value)}]` : fix);
      return undefined;
    }
    const out: string[] = [];
    value.forEach((item, i) => {
      if (typeof item === 'string' && item.trim() !== '') out.push(item.trim());
      else if (typeof item === 'number') this.problem(line, `${field}[${i}]`, `must be a string, got the number ${item}`, `quote it: "${item}"`);
      else this.problem(line, `${field}[${i}]`, `must be a non-empty string, got ${describe(item)}`, fix);
    });
    return out;
  }

  private optionalString(value: unknown, field: string, line: number): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.trim() === '') {
      this.problem(line, field, `must be a non-empty string, got ${describe(value)}`, 'write text (quote it if YAML reads it as something else)');
      return undefined;
    }
    return value;
  }

  private day(value: unknown, field: string, line: number): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !isDay(value)) {
      this.problem(line, field, `${describeScalar(value)} is not a date`, 'write a calendar day as YYYY-MM-DD, e.g. 2026-03-01');
      return undefined;
    }
    return value;
  }

  private keys(value: Record<string, unknown>, allowed: readonly string[], prefix: string, line: number): void {
    for (const key of Object.keys(value)) {
      if (allowed.includes(key)) continue;
      this.problem(line, `${prefix}${key}`, `is not a field of ${prefix === '' ? 'a BAA register' : prefix.slice(0, -1)}${didYouMean(key, allowed)}`, `use only ${allowed.join(', ')}`);
    }
  }

  private line(node: unknown, fallback: number): number {
    return (node !== null && typeof node === 'object' ? this.lineOf(node) : undefined) ?? fallback;
  }

  private problem(line: number, field: string, what: string, fix: string): void {
    this.problems.push(`${this.file}:${line}: ${field}: ${what}; ${fix}`);
  }
}

function isMapping(value: unknown): value is Record<string, any> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `the ${typeof value} ${String(value)}`;
}

function describeScalar(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : describe(value);
}
