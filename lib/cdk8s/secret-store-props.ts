/**
 * Validation of KmsSecretStore props and of its addSecret options at construction: every problem
 * at once, each naming the prop, the rule that backs it (if any) and the fix. Loaded on first use
 * (lib/cdk8s/props-checks.ts), as the workload prop checks are.
 */
import { describe, InputProblems } from './input-problems';
import { OPERATOR_SERVICE_ACCOUNT, StoredSecret } from './stored-secret';
import { parseGoDuration } from '../rules/k8s/storage/velero';
import { awsRegionProblem, parseIamRoleArn, partitionRegionProblem, ROLE_ARN_EXAMPLE } from '../rules/k8s/support/aws-identity';
import { partitionOfRegion } from '../rules/k8s/support/aws-regions';
import { nameViolation } from '../rules/k8s/workload/valid-name';

/** The AWS services a KmsSecretStore reads from. */
export const SERVICES = ['SecretsManager', 'ParameterStore'] as const;
/** The ways a KmsSecretStore delivers secrets to pods. */
export const MODES = ['external-secrets', 'csi'] as const;

/** File names in a secret volume: what a Secret key and an ExternalSecret's secretKey allow. */
const FILE_NAME = /^[-._a-zA-Z0-9]+$/;
/** A property of a JSON secret value: dot-separated keys. */
const PROPERTY = /^[-_a-zA-Z0-9]+(?:\.[-_a-zA-Z0-9]+)*$/;
/** A Secrets Manager secret ARN: arn:<partition>:secretsmanager:<region>:<account>:secret:<name>. */
const SECRET_ARN = /^arn:[^:]+:secretsmanager:([^:]*):[^:]*:secret:.+$/;

/**
 * Throws one Error listing every problem of KmsSecretStore `props`. `where` is the construct
 * path; the construct does not exist yet.
 */
export function validateKmsSecretStoreProps(where: string, props: unknown): void {
  const p = new InputProblems(where);
  if (!p.object(props, 'props', false)) return p.throwIfAny();
  if (props.apiVersion !== undefined) {
    const v1beta1 = typeof props.apiVersion === 'string' && props.apiVersion.includes('v1beta1');
    p.add(
      'apiVersion',
      `${v1beta1 ? `${String(props.apiVersion)} is not served by External Secrets Operator 0.17 and later` : 'is not a prop'}: ` +
        'KmsSecretStore writes external-secrets.io/v1 only (k8s-external-secrets-v1). Remove apiVersion.',
    );
  }
  const regionProblem = awsRegionProblem(props.region);
  if (regionProblem) p.add('region', `${regionProblem}. Give the region that holds the secrets, e.g. 'us-east-1'.`);
  const role = parseIamRoleArn(props.roleArn);
  if (role.problem !== undefined) {
    p.add('roleArn', `${role.problem}. Give the ARN of the IAM role the store's ServiceAccount assumes through IRSA, e.g. ${ROLE_ARN_EXAMPLE}.`);
  } else if (regionProblem === undefined) {
    const mismatch = partitionRegionProblem(role.role.partition, props.region);
    if (mismatch) p.add('roleArn', `${mismatch}. Use a role of partition ${partitionOfRegion(props.region)} or a region of partition ${role.role.partition}.`);
  }
  oneOf(p, props.service, 'service', SERVICES);
  oneOf(p, props.mode, 'mode', MODES);
  for (const field of ['name', 'serviceAccountName'] as const) {
    if (!p.string(props[field], field)) continue;
    const v = nameViolation(field === 'name' ? 'SecretStore' : 'ServiceAccount', props[field]);
    if (v) p.add(field, nameMessage(v, field));
  }
  if (props.serviceAccountName === 'default' || (props.serviceAccountName === undefined && props.name === 'default')) {
    const field = props.serviceAccountName === undefined ? 'name' : 'serviceAccountName';
    p.add(
      field,
      '\'default\' would make the store\'s IRSA ServiceAccount the namespace\'s default one, which every pod that names no ServiceAccount runs as: ' +
        'each of them would get the role and could read the store\'s secrets (and the namespace\'s own default ServiceAccount would be overwritten). ' +
        `Use a dedicated name${field === 'name' ? ' (or set serviceAccountName)' : ', or leave serviceAccountName unset'}.`,
    );
  }
  p.boolean(props.phi, 'phi');
  if (p.string(props.owner, 'owner') && props.owner.trim() === '') {
    p.add('owner', 'is empty; name the team or person accountable for the store, or leave owner unset.');
  }
  p.throwIfAny();
}

/** What the store knows when it checks an addSecret call. */
export interface AddSecretContext {
  /** The store's mode. */
  readonly mode: (typeof MODES)[number];
  /** The store's service. */
  readonly service: (typeof SERVICES)[number];
  /** The store's region. */
  readonly region: string;
  /** Names the store's secrets already use. */
  readonly names: ReadonlySet<string>;
  /** Construct ids the store's children already use (its own children and earlier secrets). @default - none */
  readonly ids?: readonly string[];
}

/** Throws one Error listing every problem of addSecret(`id`, `options`) on the store at `where`. */
export function validateAddSecret(where: string, id: string, options: unknown, ctx: AddSecretContext): void {
  const p = new InputProblems(where);
  const at = `addSecret('${id}')`;
  if (typeof id !== 'string' || id === '') {
    p.add('addSecret', `the id must be a non-empty string (got ${describe(id)}): it names the secret in the construct tree, e.g. store.addSecret('db', { remoteKey: 'clinic/db' }).`);
  } else if (ctx.ids?.includes(id)) {
    p.add(at, `the id '${id}' is already used in this store (by an earlier addSecret or one of the store's own objects). Give each secret its own id, e.g. addSecret('${id}-2', ...).`);
  }
  if (!p.object(options, at, false)) return p.throwIfAny();
  remoteKeyProblems(p, options.remoteKey, `${at}.remoteKey`, ctx);
  if (p.object(options.keys, `${at}.keys`)) {
    const entries = Object.entries(options.keys);
    if (entries.length === 0) p.add(`${at}.keys`, 'is empty, so no file would be written. Name at least one file, or leave keys unset to get the whole value as the file `value`.');
    for (const [file, property] of entries) {
      const f = `${at}.keys["${file}"]`;
      if (!FILE_NAME.test(file) || file === '.' || file === '..' || file.length > 253) {
        p.add(f, `'${file}' is not a valid file name for a secret volume: use letters, digits, '-', '_' and '.', at most 253 characters, not '.' or '..'.`);
      } else if (ctx.mode === 'csi' && file === 'value') {
        p.add(f, "in csi mode the AWS provider writes the secret's whole value as the file 'value', which this key would overwrite. Name the file otherwise.");
      }
      if (p.string(property, f, false) && !PROPERTY.test(property)) {
        p.add(f, `property '${property}' is not a key path of the secret's JSON value: use keys of letters, digits, '-' and '_', joined by '.' for nested keys (e.g. 'password' or 'db.password').`);
      }
    }
  }
  if (options.refreshInterval !== undefined) {
    if (ctx.mode === 'csi') {
      p.add(`${at}.refreshInterval`, "is not used in csi mode: the Secrets Store CSI driver refreshes mounted secrets at its own rotationPollInterval (a setting of the driver's installation). Remove refreshInterval.");
    } else if (p.string(options.refreshInterval, `${at}.refreshInterval`)) {
      const ms = parseGoDuration(options.refreshInterval);
      if (ms === undefined) {
        const meant = goDurationFor(options.refreshInterval);
        p.add(`${at}.refreshInterval`, `'${options.refreshInterval}' is not a duration; use a Go duration such as ${meant ? `'${meant}'` : "'1h', '30m' or '1h30m'"}` +
          `${meant ? ' (Go durations have no days and no spelled-out units)' : ''}.`);
      } else if (ms === 0) {
        p.add(`${at}.refreshInterval`, `'${options.refreshInterval}' turns refreshing off, so a rotated secret would never reach the pods. Use a positive duration such as '1h'.`);
      }
    }
  }
  if (p.string(options.name, `${at}.name`)) {
    const v = nameViolation(ctx.mode === 'csi' ? 'SecretProviderClass' : 'Secret', options.name);
    if (v) {p.add(`${at}.name`, nameMessage(v, 'name'));} else if (ctx.names.has(options.name)) {
      p.add(`${at}.name`, `'${options.name}' is already the name of another secret of this store; two ${ctx.mode === 'csi' ? 'SecretProviderClasses' : 'ExternalSecrets'} of one namespace cannot share a name (k8s-unique-object). Choose another name.`);
    }
  }
  p.throwIfAny();
}

function remoteKeyProblems(p: InputProblems, key: unknown, field: string, ctx: AddSecretContext): void {
  if (!p.string(key, field, false)) return;
  if (key.trim() === '') {
    p.add(field, `is empty; name the ${ctx.service === 'ParameterStore' ? 'parameter in Parameter Store (e.g. /clinic/db/password)' : 'secret in Secrets Manager (its name or ARN, e.g. clinic/db)'}.`);
    return;
  }
  if (key !== key.trim()) {
    p.add(field, `'${key}' has leading or trailing whitespace, which AWS would take as part of the name. Remove it.`);
    return;
  }
  const arn = SECRET_ARN.exec(key);
  if (ctx.service === 'ParameterStore' && key.startsWith('arn:') && ctx.mode === 'csi') {
    p.add(field, `'${key}' is an ARN; the Secrets Store CSI AWS provider fetches parameters by name only. Give the parameter's name (e.g. /clinic/db/password).`);
  } else if (ctx.service === 'SecretsManager' && arn && arn[1] !== ctx.region) {
    p.add(field, `'${key}' is a secret in region '${arn[1]}', but the store reads region '${ctx.region}'. Create the secret (or a replica) in ${ctx.region}, or use a store for ${arn[1]}.`);
  }
}

/** The Go duration a written-out one means (`1 hour` -> `1h`, `1d` -> `24h`), or undefined. */
function goDurationFor(value: string): string | undefined {
  const m = /^\s*(\d+)\s*(d|days?|h|hours?|hrs?|m|minutes?|mins?|s|seconds?|secs?)\s*$/i.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2].toLowerCase();
  if (unit.startsWith('d')) return `${n * 24}h`;
  return `${n}${unit[0]}`;
}

/** A name rule's violation as a prop problem: its fix names the prop, not metadata.name. */
function nameMessage(v: { message: string; fix?: string }, prop: string): string {
  return `${v.message} (k8s-valid-name). ${(v.fix ?? '').replace('metadata.name', prop)}`.trimEnd();
}

function oneOf(p: InputProblems, value: unknown, field: string, allowed: readonly string[]): void {
  if (value === undefined) return;
  if (typeof value === 'string' && allowed.includes(value)) return;
  p.add(field, `expected one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describe(value)}.`);
}

/**
 * Why a pod whose ServiceAccount is `serviceAccount` (undefined: its own, created by the
 * workload) cannot mount `secret`, or undefined when it can: in csi mode the AWS provider
 * fetches with the pod's identity, so the pod must run as the store's IRSA ServiceAccount.
 */
export function storedSecretServiceAccountProblem(secret: StoredSecret, serviceAccount: unknown): string | undefined {
  const needed = secret.podServiceAccount;
  if (needed === undefined || serviceAccount === needed) return undefined;
  // The same ServiceAccount by name (e.g. kplus.ServiceAccount.fromServiceAccountName); the volume checks the namespace.
  if (serviceAccount !== null && typeof serviceAccount === 'object' && (serviceAccount as { name?: unknown }).name === needed.name) return undefined;
  const runsAs = serviceAccount === undefined
    ? 'its own ServiceAccount'
    : `ServiceAccount '${(serviceAccount as { name?: string }).name ?? '?'}'`;
  return `the ${secret.describe()} is mounted through the Secrets Store CSI driver, whose AWS provider fetches it with the pod's ` +
    `ServiceAccount; this pod would run as ${runsAs}, which the store's IAM role does not trust, so the mount would fail. ` +
    `Pass serviceAccount: store.serviceAccount (ServiceAccount '${needed.name}'), or use a store in external-secrets mode.`;
}

/**
 * Why a workload may not run as `serviceAccount`, or undefined: the ServiceAccount of an
 * external-secrets-mode KmsSecretStore is the operator's identity for the store's IAM role.
 */
export function operatorServiceAccountProblem(serviceAccount: unknown): string | undefined {
  if (serviceAccount === null || typeof serviceAccount !== 'object') return undefined;
  const store = (serviceAccount as Record<symbol, unknown>)[OPERATOR_SERVICE_ACCOUNT];
  if (typeof store !== 'string') return undefined;
  return `ServiceAccount '${(serviceAccount as { name?: string }).name ?? '?'}' is the identity of KmsSecretStore '${store}': the External Secrets ` +
    'Operator assumes its IAM role to read the store, and a pod running as it could read every secret the role allows. ' +
    'Leave serviceAccount unset (the workload gets its own), or mount the store\'s secrets with secrets: [{ secret: store.addSecret(...), mountPath }].';
}
