/**
 * Validation of AuditSink's props at construction: every problem at once, each naming the prop,
 * the rule that backs it and the fix. ARNs are checked with the helpers the other AWS-facing
 * constructs use (lib/rules/k8s/support/aws-identity.ts, aws-regions.ts, s3-bucket-name.ts).
 * Loaded by AuditSink on first use.
 */
import { auditPolicyProblems } from './audit-policy';
import { DEFAULT_AUDIT_SINK_NAMESPACE } from './audit-sink';
import { describe, InputProblems } from './input-problems';
import { compileLuaPattern } from './lua-pattern';
import { s3BucketNameProblem } from './s3-bucket-name';
import { ownWaiverExpiryProblems } from './waiver-entry-problems';
import { isFluentBitImage } from '../rules/k8s/audit/fluent-bit-config';
import { awsRegionProblem, parseIamRoleArn, partitionRegionProblem, ROLE_ARN_EXAMPLE } from '../rules/k8s/support/aws-identity';
import { ACCOUNT, PARTITIONS } from '../rules/k8s/support/aws-regions';
import { pinnedByDigest } from '../rules/k8s/workload/image-reference';
import { nameViolation } from '../rules/k8s/workload/valid-name';

export { compileLuaPattern };

/** Namespaces the cluster creates and owns: AuditSink never writes their Namespace object. */
const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** An example log group ARN, for messages. */
export const LOG_GROUP_ARN_EXAMPLE = 'arn:aws:logs:us-east-1:123456789012:log-group:/clinic/k8s';
/** An example bucket ARN, for messages. */
export const BUCKET_ARN_EXAMPLE = 'arn:aws:s3:::clinic-k8s-logs';
const LOG_GROUP_NAME = /^[\w\-./#]{1,512}$/;

/** A parsed CloudWatch Logs log group ARN, or what is wrong with it. */
export function parseLogGroupArn(value: string): { partition: string; region: string; account: string; name: string } | { problem: string } {
  const stream = /^(arn:[^:]*:[^:]*:[^:]*:[^:]*:log-group:.*?):log-stream:.*$/.exec(value);
  if (stream) return { problem: `'${value}' names log streams (as an IAM policy's Resource does), not a log group; give the log group's ARN, ${stream[1]}` };
  const m = /^arn:([^:]*):([^:]*):([^:]*):([^:]*):log-group:(.*?)(:\*)?$/.exec(value);
  if (!m) return { problem: `'${value}' is not a log group ARN of the form arn:<partition>:logs:<region>:<account>:log-group:<name> (expected e.g. ${LOG_GROUP_ARN_EXAMPLE})` };
  const [, partition, service, region, account, name] = m;
  if (!(partition in PARTITIONS)) return { problem: `'${value}' has partition '${partition}'; expected aws, aws-us-gov or aws-cn` };
  if (service !== 'logs') return { problem: `'${value}' is an ARN of service '${service}', not logs` };
  const regionProblem = awsRegionProblem(region);
  if (regionProblem) return { problem: `'${value}' has a region that ${regionProblem.replace(/^'[^']*' /, '')}` };
  if (!ACCOUNT.test(account)) return { problem: `'${value}' has account '${account}'; expected 12 digits` };
  if (!LOG_GROUP_NAME.test(name)) return { problem: `'${value}' has log group name '${name}'; expected 1 to 512 letters, digits or _ - . / #` };
  return { partition, region, account, name };
}

/** A parsed S3 bucket ARN, or what is wrong with it. */
export function parseBucketArn(value: string): { partition: string; bucket: string } | { problem: string } {
  const keyed = /^(arn:[^:]*:s3:::[^/]+)\/(.*)$/.exec(value);
  if (keyed) {
    const prefix = keyed[2].replace(/\*$/, '');
    return {
      problem: `'${value}' names ${prefix ? `objects under the key prefix '${prefix}'` : 'the objects of a bucket (as an IAM policy\'s Resource does)'}, not a bucket; give the bucket's ARN, ${keyed[1]}` +
        (prefix ? `, and the prefix as forwarder.s3Prefix ('${prefix.endsWith('/') ? prefix : `${prefix}/`}')` : ' (objects are written under forwarder.s3Prefix, k8s-logs/ by default)'),
    };
  }
  const m = /^arn:([^:]*):s3:::([^/]*)$/.exec(value);
  if (!m) return { problem: `'${value}' is not a bucket ARN of the form arn:<partition>:s3:::<bucket> (expected e.g. ${BUCKET_ARN_EXAMPLE}; no key path)` };
  const [, partition, bucket] = m;
  if (!(partition in PARTITIONS)) return { problem: `'${value}' has partition '${partition}'; expected aws, aws-us-gov or aws-cn` };
  const problem = s3BucketNameProblem(bucket);
  if (problem) return { problem: `'${value}' names bucket '${bucket}', which ${problem}` };
  return { partition, bucket };
}

/** Throws one Error listing every problem of AuditSink's props. `where` is the construct path. */
export function validateAuditSinkProps(where: string, props: unknown): void {
  const p = new InputProblems(where);
  if (!p.object(props, 'props', false)) {
    p.throwIfAny();
    return;
  }
  if (p.string(props.namespace, 'namespace')) {
    const v = nameViolation('Namespace', props.namespace);
    if (v) {
      p.add('namespace', `${v.message.replace('Namespace name', 'namespace')} (k8s-valid-name).`);
    } else if (SYSTEM_NAMESPACES.includes(props.namespace)) {
      p.add('namespace', `'${props.namespace}' is a namespace the cluster owns; AuditSink writes its own Namespace object (Pod Security labels, default deny), which would replace that one's. Use a namespace of its own, e.g. '${DEFAULT_AUDIT_SINK_NAMESPACE}'.`);
    }
  }
  p.string(props.owner, 'owner');
  p.boolean(props.policyConfigMap, 'policyConfigMap');
  auditPolicyProblems(p, props.policy, 'policy');
  forwarderProblems(p, props.forwarder);
  p.throwIfAny();
}

function forwarderProblems(p: InputProblems, f: unknown): void {
  if (!p.object(f, 'forwarder')) return;
  if (p.string(f.image, 'forwarder.image', false)) {
    if (!pinnedByDigest(f.image)) {
      p.add('forwarder.image', `'${f.image}' is not pinned by a sha256 digest (k8s-image-digest). Give the image as <registry>/<repository>@sha256:<64 hex digits> (a tag may stay before @).`);
    }
    if (!isFluentBitImage(f.image)) {
      p.add('forwarder.image', `'${f.image}' is not a Fluent Bit image: its repository name must contain 'fluent-bit' (e.g. <registry>/fluent/fluent-bit@sha256:...), so that hipaa-check recognizes the forwarder (k8s-log-forwarder-tls).`);
    }
  }
  let partition: string | undefined;
  if (p.string(f.roleArn, 'forwarder.roleArn', false)) {
    const r = parseIamRoleArn(f.roleArn);
    if (r.problem) p.add('forwarder.roleArn', `${r.problem}. Give the ARN of the IAM role for the forwarder's ServiceAccount (IRSA), e.g. ${ROLE_ARN_EXAMPLE}.`);
    else if (r.role) partition = r.role.partition;
  }
  let region: string | undefined;
  if (p.string(f.region, 'forwarder.region', false)) {
    const problem = awsRegionProblem(f.region);
    if (problem) p.add('forwarder.region', `${problem}.`);
    else region = f.region;
  }
  if (partition !== undefined && region !== undefined) {
    const problem = partitionRegionProblem(partition, region);
    if (problem) p.add('forwarder.region', `${problem}.`);
  }
  if (f.logGroupArn === undefined && f.bucketArn === undefined) {
    p.add('forwarder', 'sends logs nowhere: give logGroupArn (CloudWatch Logs), bucketArn (S3) or both.');
  }
  if (p.string(f.logGroupArn, 'forwarder.logGroupArn')) {
    const g = parseLogGroupArn(f.logGroupArn);
    if ('problem' in g) {p.add('forwarder.logGroupArn', `${g.problem}.`);} else {
      if (region !== undefined && g.region !== region) p.add('forwarder.logGroupArn', `is in region ${g.region}, but forwarder.region is ${region}; the cloudwatch_logs output writes to the region given. Use a log group in ${region}, or set region to ${g.region}.`);
      if (partition !== undefined && g.partition !== partition) p.add('forwarder.logGroupArn', `is in partition ${g.partition}, but the role is in ${partition}; IRSA credentials of one partition cannot write to another.`);
    }
  }
  if (p.string(f.bucketArn, 'forwarder.bucketArn')) {
    const b = parseBucketArn(f.bucketArn);
    if ('problem' in b) p.add('forwarder.bucketArn', `${b.problem}.`);
    else if (partition !== undefined && b.partition !== partition) p.add('forwarder.bucketArn', `is in partition ${b.partition}, but the role is in ${partition}; IRSA credentials of one partition cannot write to another.`);
  }
  if (p.string(f.s3Prefix, 'forwarder.s3Prefix') && !/^([\w!\-.*'()]+\/)*$/.test(f.s3Prefix)) {
    p.add('forwarder.s3Prefix', `'${f.s3Prefix}' must be empty or path segments of letters, digits and ! - _ . * ' ( ), each ending with '/' (e.g. 'k8s-logs/').`);
  }
  if (f.waiversExpire === undefined) {
    p.add('forwarder.waiversExpire', 'is required: the forwarder runs as root with read-only hostPath mounts of /var/log, accepted by waivers that must come back for review. Give the date (YYYY-MM-DD, at most 12 months ahead) until which they are accepted.');
  } else if (p.string(f.waiversExpire, 'forwarder.waiversExpire')) {
    ownWaiverExpiryProblems(p, f.waiversExpire, 'forwarder.waiversExpire', 'k8s-host-path-volumes');
  }
  const sizes: Record<string, number | undefined> = {};
  for (const [key, min, fallback] of [['memBufLimit', 1, DEFAULT_MEM_BUF_MIB], ['s3BufferLimit', 16, DEFAULT_S3_BUFFER_MIB]] as const) {
    sizes[key] = f[key] === undefined ? fallback : undefined;
    if (!p.instance(f[key], `forwarder.${key}`, 'a Size (e.g. Size.mebibytes(32))', 'toMebibytes')) continue;
    let mib: number | undefined;
    try {
      mib = f[key].toMebibytes();
    } catch {
      p.add(`forwarder.${key}`, 'must be a whole number of MiB (Size.mebibytes(n)).');
    }
    if (mib !== undefined && mib < min) p.add(`forwarder.${key}`, `must be at least ${min} MiB (got ${mib}).`);
    else sizes[key] = mib;
  }
  bufferFitProblems(p, f, sizes.memBufLimit, sizes.s3BufferLimit);
  redactionProblems(p, f.redactions);
}

/** Mem_Buf_Limit of each input unless props say otherwise, in MiB. */
export const DEFAULT_MEM_BUF_MIB = 32;
/** The S3 buffer on disk unless props say otherwise, in MiB. */
export const DEFAULT_S3_BUFFER_MIB = 256;
/** The container's memory limit unless props give resources, in MiB. */
export const DEFAULT_MEMORY_LIMIT_MIB = 256;
/** The container's ephemeral-storage limit unless props give resources, in MiB. */
export const DEFAULT_EPHEMERAL_LIMIT_MIB = 1024;
/** Memory Fluent Bit needs besides the input buffers (the process, filters, the in-memory /tmp of 64 MiB). */
export const MEMORY_OVERHEAD_MIB = 128;
/** Disk the tail and journal offset databases need besides the S3 buffer. */
export const STATE_OVERHEAD_MIB = 64;

/** A size limit of the container's resources, in MiB, or undefined when it is not a Size. */
function limitMib(size: unknown): number | undefined {
  try {
    return size !== null && typeof size === 'object' && typeof (size as any).toMebibytes === 'function' ? (size as any).toMebibytes() : undefined;
  } catch {
    return undefined;
  }
}

/** The buffers must fit in the container's limits: two inputs in memory, the S3 buffer and offsets on disk. */
function bufferFitProblems(p: InputProblems, f: Record<string, any>, memBuf: number | undefined, s3Buffer: number | undefined): void {
  const resources = f.resources ?? {};
  const memory = f.resources === undefined ? DEFAULT_MEMORY_LIMIT_MIB : limitMib(resources.memory?.limit);
  if (memBuf !== undefined && memory !== undefined && 2 * memBuf + MEMORY_OVERHEAD_MIB > memory) {
    p.add(
      'forwarder.memBufLimit',
      `two inputs buffering ${memBuf} MiB each, plus ${MEMORY_OVERHEAD_MIB} MiB for Fluent Bit and its in-memory /tmp, do not fit in the memory limit of ${memory} MiB: ` +
        `the forwarder would be OOM-killed before reading pauses, and buffered logs lost. Lower memBufLimit to at most ${Math.max(0, Math.floor((memory - MEMORY_OVERHEAD_MIB) / 2))} MiB, or raise resources.memory.limit to at least ${2 * memBuf + MEMORY_OVERHEAD_MIB} MiB.`,
    );
  }
  const disk = f.resources === undefined ? DEFAULT_EPHEMERAL_LIMIT_MIB : limitMib(resources.ephemeralStorage?.limit);
  if (s3Buffer !== undefined && disk !== undefined && s3Buffer + STATE_OVERHEAD_MIB > disk) {
    p.add(
      'forwarder.s3BufferLimit',
      `the S3 buffer of ${s3Buffer} MiB plus ${STATE_OVERHEAD_MIB} MiB of offsets does not fit in the ephemeral-storage limit of ${disk} MiB: ` +
        `the kubelet would evict the forwarder. Lower s3BufferLimit, or raise resources.ephemeralStorage.limit to at least ${Math.ceil((s3Buffer + STATE_OVERHEAD_MIB) / 1024)} GiB.`,
    );
  }
}

/** The redaction list: at least one, each with a name and a Lua pattern that compiles. */
function redactionProblems(p: InputProblems, list: unknown): void {
  if (!p.list(list, 'forwarder.redactions')) return;
  if (list.length === 0) {
    p.add('forwarder.redactions', 'is empty: logs would leave the node with the PHI they hold (k8s-log-forwarder-redaction). Leave it unset for DEFAULT_PHI_REDACTIONS, or list patterns.');
  }
  list.forEach((r, i) => {
    const f = `forwarder.redactions[${i}]`;
    if (!p.object(r, f, false)) return;
    if (p.string(r.name, `${f}.name`, false) && !/^[a-z0-9][a-z0-9-]*$/.test(r.name)) p.add(`${f}.name`, `'${r.name}' must be lower-case letters, digits and '-' (e.g. 'ssn').`);
    if (p.string(r.pattern, `${f}.pattern`, false)) {
      const c = compileLuaPattern(r.pattern);
      if (c.problem) p.add(`${f}.pattern`, `Lua pattern ${JSON.stringify(r.pattern)} ${c.problem} (k8s-log-forwarder-redaction). Fix the pattern (Lua patterns, not regular expressions: %d for a digit, %- for a literal '-').`);
    }
    if (p.string(r.replacement, `${f}.replacement`) && /[\r\n]/.test(r.replacement)) p.add(`${f}.replacement`, `must be one line (got ${describe(r.replacement)}).`);
  });
}
