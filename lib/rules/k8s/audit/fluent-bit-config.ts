/**
 * Log forwarders the audit rules recognize, and their Fluent Bit configuration. Recognized: a
 * ConfigMap mounted as a volume (`configMap` or a `projected` source) by a Pod, Deployment,
 * StatefulSet, DaemonSet, ReplicaSet, Job or CronJob in the same namespace with a container whose
 * image repository's last path segment contains `fluent-bit` (fluent/fluent-bit,
 * aws-observability/aws-for-fluent-bit); every `data` value of that ConfigMap holding a line
 * `[OUTPUT]` is read as Fluent Bit's classic configuration format (sections `[INPUT]`,
 * `[FILTER]`, `[OUTPUT]` of `key value` lines, `#` comments; keys case-insensitive).
 * Not recognized: Fluent Bit's YAML configuration format, configuration baked into the image or
 * passed as command-line flags, `@INCLUDE` of files outside the ConfigMap, values set through
 * `@SET` variables or `${ENV}` references, fluent-operator custom resources, and Fluentd.
 * Not a rule.
 */
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
  const sections: FluentBitSection[] = [];
  for (const [key, value] of Object.entries(resource.body.data)) {
    if (typeof value !== 'string' || !/^\s*\[OUTPUT\]\s*$/im.test(value)) continue;
    sections.push(...parseFluentBitConfig(value, key));
  }
  return sections.length > 0 ? { sections, mountedBy } : undefined;
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
