/**
 * Validation of BackupSchedule props at construction: every problem at once, each naming the
 * prop, the rule that would flag the output and the fix. The checks call what the storage rules
 * use (KMS key parsing, Velero's cron dialect and the exact gap between runs), so construction
 * and `hipaa-check` agree. Loaded by the first BackupSchedule, not by the cdk8s entry point.
 */
import type { IConstruct } from 'constructs';
import { describe, InputProblems, isPlainObject } from './input-problems';
import { defaultScratchNamespace, RestoreTestChoices, restoreTestProblems, scratchNamespaceConflict } from './restore-test-props';
import { s3BucketNameProblem } from './s3-bucket-name';
import { waiverPropProblems } from './waiver-entry-problems';
import { waiverListProblem } from '../check/waiver';
import { awsRegionProblem } from '../rules/k8s/support/aws-identity';
import { KMS_KEY_ARN_EXAMPLE, parseKmsKey } from '../rules/k8s/support/kms-key';
import { labelValueProblem } from '../rules/k8s/support/labels';
import { CronGap, describeGap, formatDuration, longestCronGap, parseVeleroCron } from '../rules/k8s/support/velero-cron';
import { nameViolation } from '../rules/k8s/workload/valid-name';

/** The values the construct writes, computed once the props are valid. */
export interface BackupSchedulePlan {
  /** Names of the namespaces backed up, deduplicated, in the order given. */
  readonly namespaces: readonly string[];
  /** The cron expression. */
  readonly schedule: string;
  /** The longest time between two runs. */
  readonly gap: CronGap;
  /** Retention, TTL, RPO and RTO in milliseconds. */
  readonly retentionMs: number;
  readonly ttlMs: number;
  readonly rpoMs: number;
  readonly rtoMs: number;
  /** What the restore test writes, when `restoreTest` is given. */
  readonly restoreTest?: RestoreTestChoices;
}

/** Velero's and Kubernetes's Go duration form of `ms`, whole seconds: `2160h0m0s`. */
export function goDuration(ms: number): string {
  const total = Math.ceil(ms / 1000);
  return `${Math.floor(total / 3600)}h${Math.floor((total % 3600) / 60)}m${total % 60}s`;
}

/** The default schedule: every day at 02:00 UTC. */
export const DEFAULT_BACKUP_CRON = '0 2 * * *';

/**
 * Throws one Error listing every problem of `props` (nothing when they are fine) and returns
 * what the construct writes. `where` is the construct path, `id` the construct id (the default
 * name).
 */
export function validateBackupScheduleProps(where: string, id: string, props: unknown, root?: IConstruct, scope?: IConstruct): BackupSchedulePlan {
  const p = new InputProblems(where);
  if (!p.object(props, 'props', false)) {
    p.throwIfAny();
    throw new Error('unreachable');
  }
  if (p.string(props.name, 'name')) dnsLabel(p, 'name', props.name, 'Schedule');
  else if (props.name === undefined) dnsLabel(p, 'name', id, 'Schedule', ' (the construct id, used when name is not given)');
  if (p.string(props.veleroNamespace, 'veleroNamespace')) dnsLabel(p, 'veleroNamespace', props.veleroNamespace, 'Namespace');
  if (p.string(props.owner, 'owner')) {
    const problem = labelValueProblem(props.owner);
    if (problem) p.add('owner', `the owner label ${problem} (k8s-valid-labels).`);
  }
  const namespaces = namespaceNames(p, props.namespaces);
  const velero = typeof props.veleroNamespace === 'string' ? props.veleroNamespace : 'velero';
  if (namespaces.includes(velero)) {
    p.add(props.veleroNamespace === undefined ? 'namespaces' : 'veleroNamespace',
      `'${velero}' is both Velero's namespace and one the schedule backs up: whoever may edit objects there (the namespace's operators) ` +
      'could point the BackupStorageLocation at another bucket and take every backup with them, and a restore would overwrite Velero\'s own objects. ' +
      'Keep Velero in a namespace of its own (veleroNamespace, default \'velero\') that no application uses.');
  }

  const schedule: string = typeof props.schedule === 'string' ? props.schedule : DEFAULT_BACKUP_CRON;
  let gap: CronGap | undefined;
  if (p.string(props.schedule, 'schedule') || props.schedule === undefined) {
    const parsed = parseVeleroCron(schedule);
    if (parsed.problem !== undefined) {
      const outcome = parsed.notUtc ? '; its gaps cannot be checked against the RPO' : ', so Velero would refuse the Schedule (FailedValidation) and take no backups';
      p.add('schedule', `${parsed.problem}${outcome} (k8s-velero-schedule-rpo). Use five fields in UTC, e.g. '0 2 * * *', or @daily.`);
    } else {
      gap = longestCronGap(parsed.cron);
      if (gap === undefined) p.add('schedule', `'${schedule}' never runs (no date matches it), so no backup is ever taken (k8s-velero-schedule-rpo). Use a schedule that runs, e.g. '0 2 * * *'.`);
    }
  }

  const retentionMs = duration(p, props.retention, 'retention', true);
  const ttlMs = duration(p, props.ttl, 'ttl', false);
  const rpoMs = duration(p, props.rpo, 'rpo', true);
  const rtoMs = duration(p, props.rto, 'rto', true);
  if (retentionMs !== undefined && ttlMs !== undefined && ttlMs < retentionMs) {
    p.add('ttl', `${formatDuration(ttlMs)} is shorter than the retention (${formatDuration(retentionMs)}): Velero would delete backups the retention promises (k8s-velero-schedule-retention). ` +
      'Leave ttl unset (it defaults to the retention) or set it to at least the retention.');
  }
  if (gap !== undefined && rpoMs !== undefined && gap.ms > rpoMs) {
    p.add('schedule', `'${schedule}' leaves up to ${describeGap(gap)} between backups, more than the RPO of ${formatDuration(rpoMs)} (k8s-velero-schedule-rpo). ` +
      `Run backups at least every ${formatDuration(rpoMs).split(' ')[0]}, e.g. '${suggestCron(rpoMs)}', or state the RPO the schedule meets.`);
  }
  storageProblems(p, props.storage);
  snapshotProblems(p, props.snapshots, isPlainObject(props.storage) && typeof props.storage.region === 'string' ? props.storage.region : undefined);
  if (p.list(props.clusterScopedResources, 'clusterScopedResources')) {
    props.clusterScopedResources.forEach((r: unknown, i: number) => {
      const field = `clusterScopedResources[${i}]`;
      if (p.string(r, field, false) && r !== '*' && !/^[a-z0-9]+(?:\.[a-z0-9-]+)*$/.test(r)) {
        p.add(field, `'${r}' is not a resource name; name each in lower case with its API group, e.g. 'clusterroles.rbac.authorization.k8s.io', or '*' for every cluster-scoped resource.`);
      }
    });
  }
  if (props.includeClusterResources !== undefined) {
    p.add('includeClusterResources', 'is not a BackupSchedule prop: list the cluster-scoped resources in clusterScopedResources (includeClusterResources: true would back up and snapshot every PersistentVolume of the cluster).');
  }
  const waiversProblem = waiverListProblem(props.waivers);
  if (waiversProblem) p.add('waivers', waiversProblem);
  if (scope !== undefined) {
    // Each waiver's own problems (reason, expiry, rule), here rather than by the objects that carry them later.
    for (const w of waiverPropProblems(scope, props.waivers, 'waivers')) p.add(w.field, w.message);
    if (isPlainObject(props.restoreTest)) for (const w of waiverPropProblems(scope, props.restoreTest.waivers, 'restoreTest.waivers')) p.add(w.field, w.message);
  }
  const name = typeof props.name === 'string' ? props.name : id;
  const veleroNamespace = velero;
  const restoreTest = restoreTestProblems(p, props.restoreTest, { name, veleroNamespace, namespaces, gapMs: gap?.ms, rpoMs, owner: props.owner });
  if (isPlainObject(props.restoreTest) && root !== undefined) {
    // A Namespace the app already declares; one declared later is checked at synth.
    const scratch = typeof props.restoreTest.namespace === 'string' ? props.restoreTest.namespace : defaultScratchNamespace(name);
    const conflict = namespaces.includes(scratch) ? undefined : scratchNamespaceConflict(root, scratch, name);
    if (conflict !== undefined) p.add('restoreTest.namespace', conflict);
  }
  p.throwIfAny();
  return {
    namespaces,
    schedule,
    gap: gap!,
    retentionMs: retentionMs!,
    ttlMs: ttlMs ?? retentionMs!,
    rpoMs: rpoMs!,
    rtoMs: rtoMs!,
    restoreTest,
  };
}

function dnsLabel(p: InputProblems, field: string, value: string, kind: string, note = ''): void {
  // Velero labels every backup with its Schedule's name (velero.io/schedule-name): a DNS label of at most 63 characters.
  const v = nameViolation(kind === 'Schedule' ? 'Namespace' : kind, value);
  if (v) p.add(field, `${v.message.replace('Namespace name', kind === 'Schedule' ? 'Schedule name' : 'namespace')}${note} (k8s-valid-name). ${v.fix?.replace('metadata.name', field) ?? ''}`.trim());
}

/** The names of the namespaces to back up: HipaaNamespace objects (their `name`) or names. */
function namespaceNames(p: InputProblems, value: unknown): string[] {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) {
    p.add('namespaces', 'a BackupSchedule needs at least one namespace to back up (k8s-phi-namespace-backup). List the PHI namespaces, e.g. [recordsNamespace] or [\'patient-records\'].');
    return [];
  }
  if (!p.list(value, 'namespaces', false)) return [];
  const names: string[] = [];
  value.forEach((ns, i) => {
    const field = `namespaces[${i}]`;
    let name: unknown = ns;
    if (isPlainObject(ns)) name = ns.name;
    if (typeof name !== 'string') {
      p.add(field, `expected a HipaaNamespace or a namespace name, got ${describe(ns)}.`);
      return;
    }
    if (/[*?]/.test(name)) {
      p.add(field, `'${name}' is a pattern; a BackupSchedule names each namespace it backs up, so its restore test and the coverage check know them. List the namespaces by name.`);
      return;
    }
    const v = nameViolation('Namespace', name);
    if (v) p.add(field, `${v.message.replace('Namespace name', 'namespace')} (k8s-valid-name).`);
    else if (!names.includes(name)) names.push(name);
  });
  return names;
}

/** A cdk8s Duration in milliseconds (undefined when missing or invalid, which is recorded). */
function duration(p: InputProblems, value: unknown, field: string, required: boolean): number | undefined {
  if (value === undefined) {
    if (required) p.add(field, `is required: ${REQUIRED[field]}`);
    return undefined;
  }
  if (!p.instance(value, field, 'a Duration (e.g. Duration.days(90))', 'toMilliseconds', false)) return undefined;
  const ms = (value as { toMilliseconds(o?: { integral: boolean }): number }).toMilliseconds({ integral: false });
  if (!(ms >= 1000)) {
    p.add(field, `must be at least one second (got ${ms} ms): ${TOO_SHORT[field] ?? ''}`);
    return undefined;
  }
  return ms;
}

const TOO_SHORT: Record<string, string> = {
  retention: 'backups are kept that long (k8s-velero-schedule-retention). Use e.g. Duration.days(90).',
  ttl: 'Velero keeps each backup that long (k8s-velero-schedule-retention). Leave it unset for the retention.',
  rpo: 'the schedule is checked against it (k8s-velero-schedule-rpo). Use e.g. Duration.hours(24).',
  rto: 'the restore test fails when a restore takes longer. Use e.g. Duration.hours(4).',
};

const REQUIRED: Record<string, string> = {
  retention: 'how long backups must be kept, e.g. Duration.days(90) (written as the Schedule\'s TTL and its hipaa-constructs.io/retention annotation; k8s-velero-schedule-retention).',
  rpo: 'the recovery point objective, the most time between two backups, e.g. Duration.hours(24) (checked against the schedule; k8s-velero-schedule-rpo).',
  rto: 'the recovery time objective, how long a restore may take, e.g. Duration.hours(4) (the restore test fails when a restore takes longer).',
};

/** A schedule that meets `rpoMs`, for the fix text. */
function suggestCron(rpoMs: number): string {
  const hours = Math.floor(rpoMs / 3600_000);
  if (hours >= 24) return '0 2 * * *';
  if (hours >= 1) {
    const step = [12, 8, 6, 4, 3, 2, 1].find((h) => h <= hours)!;
    return step === 1 ? '0 * * * *' : `0 */${step} * * *`;
  }
  const minutes = Math.max(1, Math.floor(rpoMs / 60_000));
  const step = [30, 20, 15, 10, 5, 1].find((m) => m <= minutes)!;
  return step === 1 ? '* * * * *' : `*/${step} * * * *`;
}

function storageProblems(p: InputProblems, storage: unknown): void {
  if (storage === undefined) {
    p.add('storage', `is required: the S3 bucket, its region and the customer-managed KMS key backups are encrypted with, e.g. { bucket: 'clinic-backups', region: 'us-east-1', kmsKeyId: '${KMS_KEY_ARN_EXAMPLE}' } (k8s-velero-location-kms-key).`);
    return;
  }
  if (!p.object(storage, 'storage', false)) return;
  if (storage.bucket === undefined) {
    p.add('storage.bucket', 'is required: the name of the S3 bucket backups are written to.');
  } else if (p.string(storage.bucket, 'storage.bucket')) {
    const problem = s3BucketNameProblem(storage.bucket);
    if (problem) p.add('storage.bucket', `'${storage.bucket}' ${problem}; the AWS plugin could not reach the bucket. Use the bucket's name as S3 shows it, e.g. 'clinic-backups'.`);
  }
  if (p.string(storage.prefix, 'storage.prefix')) {
    if (storage.prefix === '' || storage.prefix.startsWith('/') || storage.prefix.endsWith('/') || storage.prefix.includes('//')) {
      p.add('storage.prefix', `'${storage.prefix}' must be a path inside the bucket without a leading or trailing '/' or empty parts, e.g. 'velero/clinic'; leave it unset for the bucket's root.`);
    }
  }
  const region = regionOf(p, storage.region, 'storage.region', true);
  if (storage.kmsKeyId === undefined) {
    p.add('storage.kmsKeyId', 'is required: Velero does not encrypt backups itself, and without a customer-managed key the backups (every manifest and Secret of the namespaces) ' +
      `would be stored under the bucket's default encryption (k8s-velero-location-kms-key). Set it to the ARN of a customer-managed KMS key the Velero role may use, e.g. ${KMS_KEY_ARN_EXAMPLE}.`);
  } else {
    keyProblems(p, storage.kmsKeyId, 'storage.kmsKeyId', region, 'k8s-velero-location-kms-key', 'S3 encrypts objects only with a key in the bucket\'s region');
  }
}

function snapshotProblems(p: InputProblems, snapshots: unknown, storageRegion: string | undefined): void {
  if (!p.object(snapshots, 'snapshots')) return;
  const region = snapshots.region === undefined ? storageRegion : regionOf(p, snapshots.region, 'snapshots.region', false);
  if (snapshots.restoredVolumeKmsKeyId !== undefined) {
    keyProblems(p, snapshots.restoredVolumeKmsKeyId, 'snapshots.restoredVolumeKmsKeyId', region, 'k8s-storage-class-encryption', 'EC2 creates volumes only with a key in their region');
  }
}

function regionOf(p: InputProblems, value: unknown, field: string, required: boolean): string | undefined {
  if (value === undefined) {
    if (required) p.add(field, 'is required: the AWS region of the bucket, e.g. \'us-east-1\'.');
    return undefined;
  }
  if (!p.string(value, field)) return undefined;
  const problem = awsRegionProblem(value);
  if (problem !== undefined) {
    p.add(field, `${problem}; use a region name such as 'us-east-1'.`);
    return undefined;
  }
  return value;
}

function keyProblems(p: InputProblems, key: unknown, field: string, region: string | undefined, ruleId: string, regionReason: string): void {
  const parsed = parseKmsKey(key);
  if (parsed.problem !== undefined) {
    p.add(field, `${parsed.problem} (${ruleId}). Use the ARN of a customer-managed KMS key, e.g. ${KMS_KEY_ARN_EXAMPLE}.`);
  } else if (parsed.key.awsManaged) {
    p.add(field, `'${key as string}' is an AWS-managed key, not a customer-managed one: you cannot restrict or audit who uses it, or revoke it (${ruleId}). Use the ARN of a customer-managed KMS key, e.g. ${KMS_KEY_ARN_EXAMPLE}.`);
  } else if (region !== undefined && parsed.key.region !== undefined && parsed.key.region !== region) {
    p.add(field, `the key is in region ${parsed.key.region}, not ${region}; ${regionReason}. Use a key in ${region} (a multi-Region replica key works).`);
  }
}
