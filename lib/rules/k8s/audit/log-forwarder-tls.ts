import { AWS_OUTPUTS, forwarderConfig, FluentBitSection, HTTPS_OUTPUTS, isOff, isOn, LOCAL_OUTPUTS } from './fluent-bit-config';
import type { Rule } from '../../../check/rule';

/** Why an output sends in plain text or without checking the server, or undefined when it does not. */
function plainTextProblem(out: FluentBitSection): string | undefined {
  const name = out.props.get('name')?.toLowerCase() ?? '';
  const p = (k: string) => out.props.get(k);
  if (LOCAL_OUTPUTS.has(name)) return undefined;
  if (isOff(p('tls.verify'))) return 'sets tls.verify Off: the server\'s certificate is not checked, so anyone on the path can read the logs';
  if (AWS_OUTPUTS.has(name) || HTTPS_OUTPUTS.has(name)) {
    const endpoint = p('endpoint');
    if (endpoint !== undefined && /^http:\/\//i.test(endpoint)) return `sends to endpoint ${endpoint} over plain HTTP`;
    return undefined;
  }
  if (name === 'syslog' || name === 'gelf') {
    const mode = p('mode')?.toLowerCase() ?? 'udp';
    return mode === 'tls' ? undefined : `uses mode ${mode}: records travel in plain text (set mode tls)`;
  }
  if (name === 'kafka') {
    const protocol = p('rdkafka.security.protocol')?.toLowerCase();
    return protocol === 'ssl' || protocol === 'sasl_ssl' ? undefined : `uses security protocol ${protocol ?? 'plaintext (the default)'}: records travel in plain text (set rdkafka.security.protocol ssl)`;
  }
  const tls = p('tls');
  if (isOn(tls)) return undefined;
  return tls === undefined ? 'does not set tls On (Fluent Bit\'s default is Off): records travel in plain text' : `sets tls ${tls}: records travel in plain text`;
}

/** A log forwarder must send over TLS, checking the server. */
export const logForwarderTls: Rule = {
  id: 'k8s-log-forwarder-tls',
  title: 'A log forwarder must send logs over TLS and verify the server',
  description:
    'Logs carry PHI that redaction may miss, and the audit trail itself: in transit they need encryption and an ' +
    'authenticated receiver. For a recognized Fluent Bit forwarder every [OUTPUT] is judged by its plugin: the AWS outputs ' +
    '(cloudwatch_logs, s3, kinesis_firehose, kinesis_streams) and those that always use HTTPS (stackdriver, bigquery, azure, ' +
    'azure_kusto, azure_logs_ingestion, nrlogs) pass unless tls.verify is Off or endpoint is an http:// URL; syslog and gelf ' +
    'need mode tls; kafka needs rdkafka.security.protocol ssl or sasl_ssl; every other network output (http, es, opensearch, ' +
    'loki, splunk, forward, datadog, tcp...) needs tls On, Fluent Bit\'s default being Off. Outputs that stay on the node ' +
    '(stdout, file, null, counter) are not judged. Values from @SET variables or environment references are not resolved.',
  severity: 'error',
  controls: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
  kinds: ['ConfigMap'],
  fix: 'Set tls On (and leave tls.verify On) on the output, mode tls for syslog/gelf, or use AuditSink\'s forwarder (CloudWatch Logs and S3 over TLS).',
  check(resource, ctx, report) {
    const config = forwarderConfig(resource, ctx);
    if (!config) return;
    for (const out of config.sections) {
      if (out.type !== 'OUTPUT') continue;
      const problem = plainTextProblem(out);
      if (!problem) continue;
      report({
        path: `data[${JSON.stringify(out.key)}]`,
        message: `[OUTPUT] ${out.props.get('name') ?? '(no Name)'} at line ${out.line} of the Fluent Bit configuration of ${config.mountedBy.join(', ')} ${problem}`,
      });
    }
  },
};
