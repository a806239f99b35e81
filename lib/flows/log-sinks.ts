/**
 * Log sinks: where a log forwarder sends the logs it collects, read from its configuration as
 * rendered (a ConfigMap holding a Fluent Bit configuration, as AuditSink writes it: `[OUTPUT]`
 * sections such as `cloudwatch_logs`, `s3`, `http`). The forwarder is the workload that mounts the
 * ConfigMap. A forwarder that tails every container's log (`/var/log/containers`) carries whatever
 * the pods log, so its edges carry PHI when any workload of the graph counts as PHI.
 */
import type { ClusterIndex } from './cluster-index';
import { externalNode } from './external-nodes';
import type { Destination, EdgeTransport, FlowNode } from './flow-graph';
import type { FlowGraphBuilder } from './graph-builder';
import { podReferences } from './pod-references';
import type { Resource } from '../check/resource';
import { isObject } from '../rules/k8s/support/objects';

/** One `[OUTPUT]` (or `[INPUT]`) section: its keys lower-cased. */
type Section = Record<string, string>;

/** Outputs that keep logs on the node or drop them. */
const LOCAL_OUTPUTS: ReadonlySet<string> = new Set(['stdout', 'null', 'counter', 'file', 'flowcounter', 'exit']);

/** Default hosts of outputs that name none. */
const DEFAULT_HOSTS: Record<string, string> = {
  datadog: 'http-intake.logs.datadoghq.com',
  newrelic: 'log-api.newrelic.com',
  logdna: 'logs.logdna.com',
};

/** Adds the log sinks of every Fluent Bit configuration and the edges from the forwarders that mount it. */
export function addLogSinks(index: ClusterIndex, graph: FlowGraphBuilder): void {
  const anyPhi = [...index.workloads.values()].some((l) => l.some((w) => w.phi));
  for (const cm of index.ctx.ofKind('ConfigMap')) {
    const data = isObject(cm.body.data) ? cm.body.data : undefined;
    if (data === undefined) continue;
    const ns = index.namespaceOf(cm);
    for (const key of Object.keys(data).sort()) {
      const text = data[key];
      if (typeof text !== 'string' || !text.includes('[OUTPUT]')) continue;
      const sections = parseClassic(text);
      const readsPodLogs = sections.some((s) => s.$section === 'INPUT' && s.name === 'tail' && (s.path ?? '').includes('/var/log/containers'));
      const outputs = sections.filter((s) => s.$section === 'OUTPUT');
      const forwarders = (index.workloads.get(ns) ?? []).filter((w) => podReferences(w).configMaps.has(cm.name));
      outputs.forEach((out) => {
        const sink = sinkNode(cm, ns, key, out);
        if (sink === undefined) return;
        const node = graph.node(sink.node);
        for (const w of forwarders) {
          graph.edge({
            from: w.id,
            to: node.id,
            ports: [sink.port],
            transport: sink.transport,
            via: `Fluent Bit output ${out.name} in ConfigMap ${ns}/${cm.name}`,
            source: cm.source,
            phi: readsPodLogs && anyPhi,
          });
        }
      });
    }
  }
}

/** The node, port and transport of one output; undefined for outputs that keep logs local. */
function sinkNode(cm: Resource, ns: string, key: string, out: Section): { node: FlowNode; port: string; transport: EdgeTransport } | undefined {
  const name = (out.name ?? '').toLowerCase();
  if (name === '' || LOCAL_OUTPUTS.has(name)) return undefined;
  const at = { resource: cm, namespace: ns, path: `data["${key}"]` };
  const region = out.region;
  const tlsOn = /^(on|true|yes)$/i.test(out.tls ?? '');
  let destination: Destination;
  let label: string;
  let transport: EdgeTransport = 'tls';
  let port = 'TCP/443';
  switch (name) {
    case 'cloudwatch_logs':
    case 'cloudwatch':
      destination = { type: 'log-destination', value: `cloudwatch:${out.log_group_name ?? out.log_group_template ?? '?'}`, provider: 'aws', service: 'logs' };
      label = `CloudWatch Logs ${out.log_group_name ?? ''}${region ? ` (${region})` : ''}`.replace('  ', ' ');
      break;
    case 's3':
      destination = { type: 'bucket', value: out.bucket ?? '?', provider: 'aws', service: 's3' };
      label = `s3://${out.bucket ?? '?'}${region ? ` (${region})` : ''}`;
      break;
    case 'kinesis_firehose':
      destination = { type: 'log-destination', value: `firehose:${out.delivery_stream ?? '?'}`, provider: 'aws', service: 'firehose' };
      label = `Kinesis Firehose ${out.delivery_stream ?? ''}`.trim();
      break;
    case 'kinesis_streams':
      destination = { type: 'log-destination', value: `kinesis:${out.stream ?? '?'}`, provider: 'aws', service: 'kinesis' };
      label = `Kinesis ${out.stream ?? ''}`.trim();
      break;
    case 'stackdriver':
      destination = { type: 'log-destination', value: 'logging.googleapis.com', provider: 'gcp', service: 'logging' };
      label = 'Google Cloud Logging';
      break;
    default: {
      const host = out.host ?? DEFAULT_HOSTS[name] ?? '127.0.0.1';
      const tls = tlsOn || DEFAULT_HOSTS[name] !== undefined;
      const p = out.port ?? (tls ? '443' : '80');
      const url = `${tls ? 'https' : 'http'}://${host}:${p}${out.uri ?? ''}`;
      const aws = /^(on|true)$/i.test(out.aws_auth ?? '') || host.endsWith('.amazonaws.com');
      destination = { type: 'log-destination', value: url, ...(aws ? { provider: 'aws', service: name === 'es' || name === 'opensearch' ? 'es' : undefined } : {}) };
      if (destination.service === undefined) delete (destination as { service?: string }).service;
      label = `${url} (${name})`;
      transport = tls ? 'tls' : 'plaintext';
      port = `TCP/${p}`;
    }
  }
  return { node: externalNode('log-sink', `log-sink:${destination.value}`, label, destination, at), port, transport };
}

/** Parses Fluent Bit's classic format into sections (`$section` is INPUT, OUTPUT, FILTER...); keys lower-cased. */
export function parseClassic(text: string): Section[] {
  const sections: Section[] = [];
  let current: Section | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const header = /^\[([A-Za-z_]+)\]$/.exec(line);
    if (header) {
      current = { $section: header[1].toUpperCase() };
      sections.push(current);
      continue;
    }
    if (current === undefined) continue;
    const space = line.search(/\s/);
    const key = (space < 0 ? line : line.slice(0, space)).toLowerCase();
    const value = space < 0 ? '' : line.slice(space).trim();
    if (!(key in current)) current[key] = value;
  }
  return sections;
}
