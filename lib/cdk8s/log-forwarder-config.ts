/**
 * What AuditSink's Fluent Bit forwarder is configured with (classic format): the inputs
 * (container logs, kubelet and container runtime journal), the kubernetes metadata filter, the
 * Lua PHI redaction filter, and the CloudWatch Logs and S3 outputs over TLS; plus the Lua script.
 * Loaded by AuditSink on first use.
 */
import { luaStringLiteral } from './lua-pattern';

/** One PHI pattern the forwarder replaces in every string field of every record. */
export interface PhiRedaction {
  /** Short name, for messages and the default replacement (`ssn`). */
  readonly name: string;
  /**
   * A Lua pattern (Fluent Bit's lua filter runs `string.gsub`); see lib/cdk8s/lua-pattern.ts for
   * the subset accepted. Compiled at construction: a pattern that does not compile is refused.
   */
  readonly pattern: string;
  /** What replaces each match. @default `[REDACTED-<NAME>]` */
  readonly replacement?: string;
}

/**
 * The PHI patterns redacted by default: US Social Security numbers (`123-45-6789`, `123 45 6789`),
 * medical record numbers after `MRN`, e-mail addresses, North American phone numbers, and dates
 * after `DOB` or `birth` (`dob: 1980-01-02`, `"birthDate":"01/02/1980"`). Dates elsewhere
 * (timestamps) are kept.
 */
export const DEFAULT_PHI_REDACTIONS: readonly PhiRedaction[] = [
  { name: 'ssn', pattern: '%d%d%d%-%d%d%-%d%d%d%d' },
  { name: 'ssn', pattern: '%d%d%d %d%d %d%d%d%d' },
  { name: 'mrn', pattern: '[Mm][Rr][Nn][%s:#="\'%-]*[%w%-]*%d[%w%-]*' },
  { name: 'email', pattern: '[%w%.%%%+%-_]+@[%w%-]+%.[%w%.%-]*%w' },
  { name: 'phone', pattern: '%(?%d%d%d%)?[%s%.%-]?%d%d%d[%s%.%-]%d%d%d%d' },
  { name: 'dob', pattern: '[Dd][Oo][Bb][%s:="\']*%d%d?%d?%d?[/%-%.]%d%d?[/%-%.]%d%d?%d?%d?' },
  { name: 'dob', pattern: '[Bb][Ii][Rr][Tt][Hh][%w_ ]*[%s:="\']+%d%d?%d?%d?[/%-%.]%d%d?[/%-%.]%d%d?%d?%d?' },
];

/** The replacement of a redaction, default filled in. */
export function replacementOf(r: PhiRedaction): string {
  return r.replacement ?? `[REDACTED-${r.name.toUpperCase()}]`;
}

/** The Lua script of the redaction filter: `redact(tag, timestamp, record)` replaces every pattern in every string field, nested ones too. */
export function redactionScript(redactions: readonly PhiRedaction[]): string {
  const entries = redactions.map((r) => `  { ${luaStringLiteral(r.pattern)}, ${luaStringLiteral(replacementOf(r).replace(/%/g, '%%'))} }, -- ${r.name}`);
  return [
    '-- PHI redaction for Fluent Bit (written by hipaa-constructs AuditSink). Each pattern is a Lua pattern;',
    '-- every match in every string field of a record is replaced before the record leaves the node.',
    'local patterns = {',
    ...entries,
    '}',
    '',
    'local function scrub(value)',
    '  if type(value) == "string" then',
    '    local changed = false',
    '    for _, p in ipairs(patterns) do',
    '      local n',
    '      value, n = string.gsub(value, p[1], p[2])',
    '      if n > 0 then changed = true end',
    '    end',
    '    return value, changed',
    '  elseif type(value) == "table" then',
    '    local changed = false',
    '    for k, v in pairs(value) do',
    '      local nv, c = scrub(v)',
    '      if c then value[k] = nv; changed = true end',
    '    end',
    '    return value, changed',
    '  end',
    '  return value, false',
    'end',
    '',
    '-- Return code 2: record modified, timestamp kept; 0: record unchanged.',
    'function redact(tag, timestamp, record)',
    '  local out, changed = scrub(record)',
    '  if changed then return 2, timestamp, out end',
    '  return 0, timestamp, record',
    'end',
    '',
  ].join('\n');
}

/** What the Fluent Bit configuration is made from (validated props). */
export interface ForwarderSettings {
  /** AWS region of the log group and bucket. */
  readonly region: string;
  /** CloudWatch Logs log group name, when logs go there. */
  readonly logGroupName?: string;
  /** S3 bucket name, when logs go there. */
  readonly bucketName?: string;
  /** Key prefix in the bucket. */
  readonly s3Prefix: string;
  /** Mem_Buf_Limit of each input, in MiB. */
  readonly memBufLimitMib: number;
  /** Largest S3 buffer on disk (store_dir_limit_size), in MiB. */
  readonly s3BufferMib: number;
  /** Where the config, parsers and script are mounted. */
  readonly configDir: string;
  /** Where the tail offsets and the S3 buffer live (an emptyDir). */
  readonly stateDir: string;
  /** Port of Fluent Bit's HTTP server (health). */
  readonly httpPort: number;
}

/** Fluent Bit's main configuration file. */
export function fluentBitConf(s: ForwarderSettings): string {
  const lines = [
    '[SERVICE]',
    '    Flush                5',
    '    Log_Level            info',
    '    Daemon               Off',
    `    Parsers_File         ${s.configDir}/parsers.conf`,
    '    HTTP_Server          On',
    '    HTTP_Listen          0.0.0.0',
    `    HTTP_Port            ${s.httpPort}`,
    '    Health_Check         On',
    '    storage.max_chunks_up 64',
    '',
    '[INPUT]',
    '    Name                 tail',
    '    Tag                  kube.*',
    '    Path                 /var/log/containers/*.log',
    '    multiline.parser     cri, docker',
    `    DB                   ${s.stateDir}/tail-containers.db`,
    `    Mem_Buf_Limit        ${s.memBufLimitMib}MB`,
    '    Skip_Long_Lines      On',
    '    Refresh_Interval     10',
    '',
    '[INPUT]',
    '    Name                 systemd',
    '    Tag                  host.*',
    '    Path                 /var/log/journal',
    '    Systemd_Filter       _SYSTEMD_UNIT=kubelet.service',
    '    Systemd_Filter       _SYSTEMD_UNIT=containerd.service',
    `    DB                   ${s.stateDir}/systemd.db`,
    `    Mem_Buf_Limit        ${s.memBufLimitMib}MB`,
    '    Read_From_Tail       On',
    '',
    '[FILTER]',
    '    Name                 kubernetes',
    '    Match                kube.*',
    '    Merge_Log            On',
    '    Keep_Log             Off',
    '    Labels               Off',
    '    Annotations          Off',
    '',
    '[FILTER]',
    '    Name                 lua',
    '    Match                *',
    `    script               ${s.configDir}/redact.lua`,
    '    call                 redact',
    '',
  ];
  if (s.logGroupName !== undefined) {
    lines.push(
      '[OUTPUT]',
      '    Name                 cloudwatch_logs',
      '    Match                *',
      `    region               ${s.region}`,
      `    log_group_name       ${s.logGroupName}`,
      '    log_stream_prefix    node-',
      '    auto_create_group    Off',
      '    Retry_Limit          False',
      '',
    );
  }
  if (s.bucketName !== undefined) {
    lines.push(
      '[OUTPUT]',
      '    Name                 s3',
      '    Match                *',
      `    region               ${s.region}`,
      `    bucket               ${s.bucketName}`,
      `    s3_key_format        /${s.s3Prefix}$TAG[0]/%Y/%m/%d/%H%M%S-$UUID.gz`,
      '    compression          gzip',
      '    use_put_object       On',
      // S3 refuses uploads without Content-MD5 into buckets with an Object Lock default retention (a WORM bucket).
      '    send_content_md5     On',
      '    total_file_size      50M',
      '    upload_timeout       5m',
      `    store_dir            ${s.stateDir}/s3`,
      `    store_dir_limit_size ${s.s3BufferMib}M`,
      '    Retry_Limit          False',
      '',
    );
  }
  return lines.join('\n');
}

/** The parsers file (the kubernetes filter and the multiline parsers use built-in ones; kept for extra parsers). */
export const PARSERS_CONF = ['[PARSER]', '    Name        json', '    Format      json', '    Time_Key    time', '    Time_Format %d/%b/%Y:%H:%M:%S %z', ''].join('\n');
