/**
 * Log forwarders the audit rules recognize, and their Fluent Bit configuration. Recognized: a
 * ConfigMap mounted as a volume (`configMap` or a `projected` source) by a Pod, Deployment,
 * StatefulSet, DaemonSet, ReplicaSet, Job or CronJob in the same namespace with a container whose
 * image repository's last path segment contains `fluent-bit` (fluent/fluent-bit,
 * aws-observability/aws-for-fluent-bit); every `data` value of that ConfigMap holding a line
 * `[OUTPUT]` is read as Fluent Bit's classic configuration format (sections `[INPUT]`,
 * `[FILTER]`, `[OUTPUT]` of `key value` lines, `#` comments; keys case-insensitive), with the
 * values of the same ConfigMap it names in `@INCLUDE` lines (by file name, `*` wildcards), and
 * every value in Fluent Bit's YAML format whose `pipeline` has `outputs` (its inputs, filters
 * and outputs read as the same sections).
 * Not recognized: configuration baked into the image or passed as command-line flags,
 * `@INCLUDE` of files outside the ConfigMap, values set through `@SET` variables or `${ENV}`
 * references, fluent-operator custom resources, and Fluentd.
 * Not a rule.
 */
import * as yaml from 'js-yaml';
import type { RuleContext } from '../../../check/context';
import type { Resource } from '../../../check/resource';
import { podTemplate, POD_KINDS } from '../pod';
import { isObject } from '../support/objects';

/** One section of a classic Fluent Bit configuration. */
export interface FluentBitSection {
  /** `INPUT`, `FILTER`, `OUTPUT`, `SERVICE`, `PARSER`... (upper case). */
  readonly type: string;
  /** Its properties, keys in lower case (the last value of a repeated key; `rules` and `regex` keep each). */
  readonly props: ReadonlyMap<string, string>;
  /** 1-based line of the `[SECTION]` header in the data value. */
  readonly line: number;
  /** The data key the section is in. */
  readonly key: string;
}

/** Parses the classic format: sections and their `key value` lines. */
export function parseFluentBitConfig(text: string, key: string): FluentBitSection[] {
  const out: { type: string; props: Map<string, string>; line: number; key: string }[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('@')) return;
    const header = /^\[([A-Za-z_]+)\]$/.exec(line);
    if (header) {
      out.push({ type: header[1].toUpperCase(), props: new Map(), line: i + 1, key });
      return;
    }
    const current = out[out.length - 1];
    if (!current) return;
    const m = /^(\S+)\s*(.*)$/.exec(line);
    if (m) current.props.set(m[1].toLowerCase(), m[2].trim());
  });
  return out;
}

/** A recognized forwarder configuration: the ConfigMap's sections, and the workloads that mount it. */
export interface ForwarderConfig {
  /** Sections of every data value with an `[OUTPUT]`. */
  readonly sections: readonly FluentBitSection[];
  /** `DaemonSet logging/fluent-bit`: the workloads running Fluent Bit with it. */
  readonly mountedBy: readonly string[];
}

/** Whether an image reference names a Fluent Bit image. */
export function isFluentBitImage(image: unknown): boolean {
  if (typeof image !== 'string') return false;
  const name = image.split('@')[0];
  const lastSegment = name.split('/').pop() ?? '';
  return lastSegment.split(':')[0].toLowerCase().includes('fluent-bit');
}

/** ConfigMap names a pod mounts, from `configMap` and `projected` volumes. */
function mountedConfigMaps(spec: Record<string, any>): string[] {
  const out: string[] = [];
  for (const v of Array.isArray(spec.volumes) ? spec.volumes : []) {
    if (!isObject(v)) continue;
    if (isObject(v.configMap) && typeof v.configMap.name === 'string') out.push(v.configMap.name);
    for (const s of isObject(v.projected) && Array.isArray(v.projected.sources) ? v.projected.sources : []) {
      if (isObject(s) && isObject(s.configMap) && typeof s.configMap.name === 'string') out.push(s.configMap.name);
    }
  }
  return out;
}

/** The workloads running Fluent Bit, by `namespace/configmap` they mount, computed once per check. */
function forwarderMounts(ctx: RuleContext): Map<string, string[]> {
  return ctx.memo('audit:fluent-bit-mounts', () => {
    const out = new Map<string, string[]>();
    for (const r of ctx.resources) {
      if (!POD_KINDS.includes(r.kind)) continue;
      const pod = podTemplate(r);
      if (!pod || !pod.containers.some((c) => isFluentBitImage(c.container.image))) continue;
      const ns = ctx.namespaceOf(r);
      for (const name of mountedConfigMaps(pod.spec)) {
        const k = `${ns}/${name}`;
        out.set(k, [...out.get(k) ?? [], `${r.kind} ${ns}/${r.name}`]);
      }
    }
    return out;
  });
}

/** The Fluent Bit configuration a ConfigMap holds for a forwarder that mounts it, or undefined when it is not one. */
export function forwarderConfig(resource: Resource, ctx: RuleContext): ForwarderConfig | undefined {
  if (resource.kind !== 'ConfigMap' || !isObject(resource.body.data)) return undefined;
  const mountedBy = forwarderMounts(ctx).get(`${ctx.namespaceOf(resource)}/${resource.name}`);
  if (!mountedBy) return undefined;
  const data = Object.entries(resource.body.data).filter((e): e is [string, string] => typeof e[1] === 'string');
  const sections: FluentBitSection[] = [];
  // Classic files with outputs, then the files of the ConfigMap they @INCLUDE (a lua filter kept
  // in its own file is as active as one written inline).
  const queue = data.filter(([, value]) => /^\s*\[OUTPUT\]\s*$/im.test(value));
  const read = new Set(queue.map(([key]) => key));
  while (queue.length > 0) {
    const [key, value] = queue.shift()!;
    sections.push(...parseFluentBitConfig(value, key));
    for (const target of includesOf(value)) {
      for (const entry of data) {
        if (read.has(entry[0]) || !tagMatches(target, entry[0])) continue;
        read.add(entry[0]);
        queue.push(entry);
      }
    }
  }
  for (const [key, value] of data) if (!read.has(key)) sections.push(...parseFluentBitYaml(value, key));
  return sections.some((x) => x.type === 'OUTPUT') ? { sections, mountedBy } : undefined;
}

/** File names (`*` wildcards kept) a classic configuration names in `@INCLUDE` lines. */
function includesOf(text: string): string[] {
  return [...text.matchAll(/^\s*@INCLUDE\s+(\S+)\s*$/gim)].map((m) => m[1].split('/').pop() ?? m[1]);
}

/**
 * The sections of a configuration in Fluent Bit's YAML format (`pipeline: {inputs, filters,
 * outputs}`, lists of maps with `name`, `match`...), as the classic parser gives them; an empty
 * list for any other value. Keys in lower case, values as strings (`true` for YAML's true).
 */
export function parseFluentBitYaml(text: string, key: string): FluentBitSection[] {
  if (!/^\s*pipeline\s*:/m.test(text) || !/^\s*outputs\s*:/m.test(text)) return [];
  let doc: unknown;
  try {
    doc = yaml.load(text);
  } catch {
    return [];
  }
  if (!isObject(doc) || !isObject(doc.pipeline)) return [];
  const lines = text.split(/\r?\n/);
  let from = 0;
  const out: FluentBitSection[] = [];
  for (const [field, type] of [['inputs', 'INPUT'], ['filters', 'FILTER'], ['outputs', 'OUTPUT']] as const) {
    const list = doc.pipeline[field];
    if (!Array.isArray(list)) continue;
    const at = lines.findIndex((l) => new RegExp(`^\\s*${field}\\s*:`).test(l));
    from = at >= 0 ? at : from;
    for (const entry of list) {
      if (!isObject(entry)) continue;
      const props = new Map<string, string>();
      for (const [k, v] of Object.entries(entry)) if (v !== null && typeof v !== 'object') props.set(k.toLowerCase(), String(v));
      // The line of the entry's `name:` after the list's own line (1-based).
      const name = props.get('name');
      const found = name === undefined ? -1 : lines.findIndex((l, i) => i > from && new RegExp(`^\\s*-?\\s*name\\s*:\\s*['"]?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]?\\s*$`).test(l));
      if (found >= 0) from = found;
      out.push({ type, props, line: (found >= 0 ? found : from) + 1, key });
    }
  }
  return out;
}

/** Whether a Fluent Bit `Match` pattern (`*` wildcards) matches a tag. */
export function tagMatches(pattern: string, tag: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(tag);
}

/** Whether a Fluent Bit boolean property value is on (`on`, `true`, `yes`, `1`, any case). */
export function isOn(value: string | undefined): boolean {
  return value !== undefined && ['on', 'true', 'yes', '1'].includes(value.toLowerCase());
}

/** Whether a Fluent Bit boolean property value is off. */
export function isOff(value: string | undefined): boolean {
  return value !== undefined && ['off', 'false', 'no', '0'].includes(value.toLowerCase());
}

/** Outputs that write on the node or to the forwarder's own stdout: they send nothing over the network. */
export const LOCAL_OUTPUTS: ReadonlySet<string> = new Set(['stdout', 'null', 'file', 'counter', 'flowcounter', 'exit', 'lib', 'plot']);
/** AWS outputs: they always use TLS (HTTPS to the AWS endpoint), signed with SigV4. */
export const AWS_OUTPUTS: ReadonlySet<string> = new Set(['cloudwatch_logs', 's3', 'kinesis_firehose', 'kinesis_streams']);
/** Outputs that always use HTTPS. */
export const HTTPS_OUTPUTS: ReadonlySet<string> = new Set(['stackdriver', 'bigquery', 'azure', 'azure_kusto', 'azure_logs_ingestion', 'nrlogs']);
