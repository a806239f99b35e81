/**
 * Secrets Manager secrets under a customer-managed key, optionally rotated, and the IRSA role a
 * KmsSecretStore reads exactly those secrets with.
 *
 * Secret values never land in the Pulumi state in clear text: a value given here must be a Pulumi
 * secret Output (e.g. `config.requireSecret(...)`; a plain string is refused) and is written as
 * a SecretVersion whose `secretString` Pulumi encrypts in the state. Leave `value` unset to create
 * the secret empty and put its value out of band (`aws secretsmanager put-secret-value`, the
 * rotation Lambda, or the service that owns the credential); then Pulumi never sees it at all.
 */
import type * as iam from '@pulumi/aws/iam';
import * as secretsmanager from '@pulumi/aws/secretsmanager';
import type { Provider } from '@pulumi/kubernetes/provider';
import * as pulumi from '@pulumi/pulumi';
import { ARN_PARTITION } from './aws-arns';
import { componentProblems } from './component-problems';
import { waiverTags } from './component-waivers';
import { DataProtectionArgs, dataResourceOptions } from './data-protection';
import { HipaaChart } from './hipaa-chart';
import { createIrsaRole, IClusterOidc } from './irsa-role';
import { KeyInput, keyArnOf } from './key-input';
import { explicitRoleNameProblem, roleNameProblem } from './role-name';
import { describe, InputProblems } from '../cdk8s/input-problems';
import type { KmsSecretStore, StoredSecretOptions } from '../cdk8s/kms-secret-store';
import type { SecretStoreMode } from '../cdk8s/stored-secret';
import type { HipaaValidationProps } from '../cdk8s/validation';
import type { Waiver } from '../check/waiver';

/** A secret's rotation: a Lambda function that changes the value, on a schedule. */
export interface HipaaSecretRotation {
  /**
   * ARN of the rotation Lambda function (`arn:<partition>:lambda:<region>:<account>:function:<name>`),
   * e.g. one of AWS's rotation templates. Its resource policy must let `secretsmanager.amazonaws.com`
   * invoke it (the templates do); this component does not change a function it does not own.
   */
  readonly lambdaArn: pulumi.Input<string>;
  /** Days between rotations, 1 to 1000. @default 30 */
  readonly automaticallyAfterDays?: number;
  /**
   * Rotate as soon as the rotation is configured. With false, Secrets Manager only tests the
   * function (its testSecret step) and rotates at the first scheduled time.
   * @default true (AWS's default)
   */
  readonly rotateImmediately?: boolean;
}

/** One secret of a {@link HipaaSecrets}. */
export interface HipaaSecretSpec {
  /**
   * Name of the secret in Secrets Manager (1 to 512 of `A-Z a-z 0-9 / _ + = . @ -`), e.g.
   * `clinic/db`; the KmsSecretStore's `remoteKey`. It must not end in a hyphen and six characters,
   * which Secrets Manager's ARNs append.
   */
  readonly name: string;
  /** Description of the secret. @default - none */
  readonly description?: string;
  /**
   * The value, as a Pulumi secret Output (`new pulumi.Config().requireSecret('dbPassword')`); it
   * is written as a SecretVersion and stays encrypted in the state. A plain string is refused.
   * @default - none: the secret is created empty and its value is put out of band
   */
  readonly value?: pulumi.Output<string>;
  /** Automatic rotation with a Lambda function. @default - no rotation (aws-secret-rotation warns, unless waived) */
  readonly rotation?: HipaaSecretRotation;
  /** Accepted findings on this secret (e.g. of aws-secret-rotation), written as tags on it. @default - none */
  readonly waivers?: readonly Waiver[];
}

/** The KmsSecretStore chart a {@link HipaaSecrets} deploys into the cluster (through HipaaChart). */
export interface HipaaSecretsChartArgs {
  /** The Kubernetes provider of the cluster, e.g. a HipaaEksCluster's. @default - the stack's default Kubernetes provider */
  readonly provider?: Provider;
  /** How pods get the secrets (KmsSecretStore `mode`). @default 'external-secrets' */
  readonly mode?: SecretStoreMode;
  /** Name of the SecretStore (external-secrets mode). @default - the ServiceAccount's name */
  readonly storeName?: string;
  /**
   * How the store offers each secret, by the secret's name: the KmsSecretStore `addSecret` options
   * besides `remoteKey` (files by `keys`, `name`, `refreshInterval`). Names not among `secrets` are refused.
   * @default - every secret, its whole value as the file `value`, under a name made from the construct path
   */
  readonly secrets?: Record<string, Omit<StoredSecretOptions, 'remoteKey'>>;
  /** Team or person accountable for the secrets (label `hipaa-constructs.io/owner`). @default - not labelled */
  readonly owner?: string;
  /** Settings of the check the chart must pass before it is deployed (HipaaChart `validation`). @default - the full Kubernetes pack */
  readonly validation?: HipaaValidationProps;
}

/** Arguments of {@link HipaaSecrets}. */
export interface HipaaSecretsArgs extends DataProtectionArgs {
  /** The customer-managed KMS key the secrets are encrypted with: a HipaaKmsKey or a key ARN. */
  readonly key: KeyInput;
  /** The secrets (at least one). */
  readonly secrets: HipaaSecretSpec[];
  /** The cluster whose KmsSecretStore reads the secrets through IRSA. */
  readonly cluster: IClusterOidc;
  /** Namespace of the KmsSecretStore (and of its IRSA ServiceAccount). */
  readonly namespace: string;
  /** Name of the KmsSecretStore's ServiceAccount, which the role trusts. @default 'secrets-store' */
  readonly serviceAccount?: string;
  /**
   * Name of the IRSA role, so its ARN (`arn:<partition>:iam::<account>:role/<roleName>`) is known
   * before it exists: list it among the key's users (HipaaKmsKey `users`), which must be given first.
   * @default - auto-named `<name>-store-<random>`
   */
  readonly roleName?: string;
  /** Days a deleted secret stays recoverable, 7 to 30 (0, deletion without recovery, is refused). @default 30 */
  readonly recoveryWindowInDays?: number;
  /** Tags of every resource created. @default - none */
  readonly tags?: Record<string, string>;
  /**
   * Deploy a KmsSecretStore for the secrets (region, role and ServiceAccount filled in) into
   * `namespace` through a HipaaChart, checked by the full Kubernetes pack first.
   * @default - no chart: build the KmsSecretStore yourself from roleArn, region and serviceAccount
   */
  readonly chart?: HipaaSecretsChartArgs;
}

/** Default ServiceAccount name of the store. */
export const DEFAULT_SECRETS_SERVICE_ACCOUNT = 'secrets-store';

const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
const LAMBDA_ARN = new RegExp(`^arn:${ARN_PARTITION}:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]{1,64}(?::(?:\\$LATEST|[A-Za-z0-9_-]+))?$`);

/** The Secrets Manager endpoint of the key's region, for `kms:ViaService`. */
export function secretsManagerViaService(keyArn: string): string {
  const [, partition, , region] = keyArn.split(':');
  return `secretsmanager.${region}.amazonaws.com${partition === 'aws-cn' ? '.cn' : ''}`;
}

/**
 * Secrets Manager secrets encrypted with a customer-managed key, protected and retained on delete,
 * with a 30-day recovery window, optional rotation, and an IRSA role that may read exactly these
 * secrets (`secretsmanager:GetSecretValue`, `DescribeSecret`) and decrypt them with the key only
 * through Secrets Manager (`kms:ViaService`).
 */
export class HipaaSecrets extends pulumi.ComponentResource {
  /** The secrets, by name. */
  public readonly secrets: Record<string, secretsmanager.Secret>;
  /** The ARNs of the secrets, in the order given. */
  public readonly secretArns: pulumi.Output<string[]>;
  /** The IRSA role of the KmsSecretStore's ServiceAccount. */
  public readonly role: iam.Role;
  /** The role's ARN (the KmsSecretStore's `roleArn`). */
  public readonly roleArn: pulumi.Output<string>;
  /** The region of the secrets (the key's), the KmsSecretStore's `region`. */
  public readonly region: pulumi.Output<string>;
  /** Namespace of the store's ServiceAccount. */
  public readonly namespace: string;
  /** Name of the store's ServiceAccount. */
  public readonly serviceAccount: string;
  /** The KmsSecretStore chart, when `chart` is given. */
  public readonly chart?: HipaaChart<SecretsChartValues>;

  constructor(name: string, args: HipaaSecretsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hipaa-constructs:aws:Secrets', name, {}, opts);
    const problems = componentProblems('HipaaSecrets', name);
    const keyArn = keyArnOf(args?.key, 'key', problems, (v) => pulumi.output(v), 'aws-secret-kms-key');
    const window = recoveryWindow(args?.recoveryWindowInDays, problems);
    const specs = secretSpecs(args?.secrets, problems);
    if (args?.cluster === undefined || args.cluster === null) problems.add('cluster', 'is missing: give the cluster (HipaaEksCluster, or { oidcProviderArn, oidcIssuer }) whose KmsSecretStore reads the secrets.');
    this.namespace = k8sName(args?.namespace, 'namespace', 'Namespace', problems, true) ?? '';
    this.serviceAccount = k8sName(args?.serviceAccount, 'serviceAccount', 'ServiceAccount', problems, false) ?? DEFAULT_SECRETS_SERVICE_ACCOUNT;
    const tags = args?.tags ?? {};
    const perSecretTags = specs.map((s, i) => waiverTags(s.waivers, `secrets[${i}].waivers`, problems));
    chartProblems(args?.chart, specs, problems);
    if (args?.roleName === undefined) roleNameProblem(name, ['-store'], problems);
    explicitRoleNameProblem(args?.roleName, 'roleName', problems);
    problems.throwIfAny();

    this.secrets = {};
    const created: secretsmanager.Secret[] = [];
    specs.forEach((spec, i) => {
      const rn = `${name}-${resourceSuffix(spec.name)}`;
      const secret = new secretsmanager.Secret(rn, {
        name: spec.name,
        description: spec.description,
        kmsKeyId: keyArn,
        recoveryWindowInDays: window,
        tags: { ...tags, ...perSecretTags[i] },
      }, dataResourceOptions(args, { parent: this }));
      this.secrets[spec.name] = secret;
      created.push(secret);
      if (spec.value !== undefined) {
        new secretsmanager.SecretVersion(rn, {
          secretId: secret.id,
          secretString: pulumi.secret(spec.value),
        }, dataResourceOptions(args, { parent: this, additionalSecretOutputs: ['secretString'] }));
      }
      if (spec.rotation !== undefined) {
        new secretsmanager.SecretRotation(rn, {
          secretId: secret.arn,
          rotationLambdaArn: spec.rotation.lambdaArn,
          rotationRules: { automaticallyAfterDays: spec.rotation.automaticallyAfterDays ?? 30 },
          rotateImmediately: spec.rotation.rotateImmediately ?? true,
        }, { parent: this });
      }
    });
    this.secretArns = pulumi.all(created.map((s) => s.arn));
    this.region = keyArn.apply((arn) => arn.split(':')[3]);
    const { role } = createIrsaRole(`${name}-store`, {
      cluster: args.cluster,
      namespace: this.namespace,
      serviceAccount: this.serviceAccount,
      tags,
      roleName: args.roleName,
      statements: [
        { actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], resources: created.map((s) => s.arn) },
        { actions: ['kms:Decrypt'], resources: [keyArn], conditions: { StringEquals: { 'kms:ViaService': keyArn.apply(secretsManagerViaService) } } },
      ],
    }, this);
    this.role = role;
    this.roleArn = role.arn;
    if (args.chart !== undefined) this.chart = this.storeChart(name, args.chart, specs);
    this.registerOutputs({ secretArns: this.secretArns, roleArn: this.roleArn, region: this.region });
  }

  /** The KmsSecretStore chart of the secrets, deployed through a HipaaChart. */
  private storeChart(name: string, chart: HipaaSecretsChartArgs, specs: readonly HipaaSecretSpec[]): HipaaChart<SecretsChartValues> {
    const serviceAccount = this.serviceAccount;
    const namespace = this.namespace;
    return new HipaaChart<SecretsChartValues>(`${name}-store`, {
      values: { roleArn: this.roleArn, region: this.region },
      provider: chart.provider,
      validation: chart.validation,
      build: (app, v) => {
        // cdk8s is loaded only when the chart is built (the Pulumi entry point stays light).
        /* eslint-disable @typescript-eslint/no-require-imports */
        const { Chart } = require('cdk8s') as typeof import('cdk8s');
        const { KmsSecretStore: Store } = require('../cdk8s/kms-secret-store') as { KmsSecretStore: typeof KmsSecretStore };
        /* eslint-enable @typescript-eslint/no-require-imports */
        const c = new Chart(app, `${name}-store`, { namespace });
        const store = new Store(c, 'store', {
          region: v.region,
          roleArn: v.roleArn,
          serviceAccountName: serviceAccount,
          name: chart.storeName ?? serviceAccount,
          ...(chart.mode === undefined ? {} : { mode: chart.mode }),
          ...(chart.owner === undefined ? {} : { owner: chart.owner }),
        });
        for (const spec of specs) store.addSecret(resourceSuffix(spec.name), { ...chart.secrets?.[spec.name], remoteKey: spec.name });
      },
    }, { parent: this });
  }
}

/** The values the KmsSecretStore chart is built from. */
interface SecretsChartValues extends Record<string, unknown> {
  readonly roleArn: string;
  readonly region: string;
}

function chartProblems(chart: unknown, specs: readonly HipaaSecretSpec[], problems: InputProblems): void {
  if (!problems.object(chart, 'chart')) return;
  const c = chart as HipaaSecretsChartArgs;
  if (problems.object(c.secrets, 'chart.secrets')) {
    const names = new Set(specs.map((s) => s.name));
    for (const key of Object.keys(c.secrets!)) {
      if (!names.has(key)) problems.add(`chart.secrets["${key}"]`, `'${key}' is not one of the secrets (${[...names].map((n) => `'${n}'`).join(', ')}); name a secret this component creates.`);
    }
  }
  for (const field of ['storeName', 'owner'] as const) problems.string(c[field], `chart.${field}`);
}

/** A resource-name suffix for a secret name: letters, digits and '-' only. */
function resourceSuffix(secretName: string): string {
  return secretName.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'secret';
}

function recoveryWindow(value: unknown, problems: InputProblems): number {
  if (value === undefined) return 30;
  if (value === 0) {
    problems.add('recoveryWindowInDays', '0 deletes a secret at once, without recovery: a mistaken destroy or rename would lose the credential for good; leave it unset (30 days) or give 7 to 30 (aws-secret-recovery-window).');
  } else if (typeof value !== 'number' || !Number.isInteger(value) || value < 7 || value > 30) {
    problems.add('recoveryWindowInDays', `expected a whole number of days from 7 to 30, got ${describe(value)} (aws-secret-recovery-window).`);
  }
  return value as number;
}

function k8sName(value: unknown, field: string, kind: string, problems: InputProblems, required: boolean): string | undefined {
  if (value === undefined) {
    if (required) problems.add(field, `is missing: give the ${kind === 'Namespace' ? 'namespace the KmsSecretStore runs in' : 'name of the store\'s ServiceAccount'}.`);
    return undefined;
  }
  if (!problems.string(value, field)) return undefined;
  // Checked here, not with the k8s rule helpers, which the Pulumi entry point must not load.
  const label = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
  const subdomain = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
  if (kind === 'Namespace' && !label.test(value)) {
    problems.add(field, `Namespace name '${value}' is not a valid DNS-1123 label: use only lower-case letters, digits and '-', starting and ending with a letter or digit, ` +
      'at most 63 characters (k8s-valid-name).');
    return undefined;
  }
  if (kind !== 'Namespace' && !subdomain.test(value)) {
    problems.add(field, `ServiceAccount name '${value}' is not a valid DNS-1123 subdomain: use only lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, ` +
      'at most 253 characters (k8s-valid-name).');
    return undefined;
  }
  if (kind === 'ServiceAccount' && value === 'default') {
    problems.add(field, "'default' is the ServiceAccount every pod without one runs as: each of them could read the secrets. Use a dedicated name, e.g. 'secrets-store'.");
  }
  return value;
}

function secretSpecs(value: unknown, problems: InputProblems): HipaaSecretSpec[] {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) {
    problems.add('secrets', "is empty; give at least one secret, e.g. [{ name: 'clinic/db' }].");
    return [];
  }
  if (!problems.list(value, 'secrets', false)) return [];
  const seen = new Map<string, string>();
  const out: HipaaSecretSpec[] = [];
  value.forEach((s: unknown, i: number) => {
    const at = `secrets[${i}]`;
    if (!problems.object(s, at, false)) return;
    const spec = s as unknown as HipaaSecretSpec;
    if (spec.name === undefined) {
      problems.add(`${at}.name`, "is missing: name the secret in Secrets Manager, e.g. 'clinic/db'.");
    } else if (problems.string(spec.name, `${at}.name`)) {
      if (!SECRET_NAME.test(spec.name)) {
        problems.add(`${at}.name`, `'${spec.name}' is not a Secrets Manager name: use 1 to 512 letters, digits and / _ + = . @ -.`);
      } else if (/-[A-Za-z0-9]{6}$/.test(spec.name)) {
        problems.add(`${at}.name`, `'${spec.name}' ends in a hyphen and six characters, which Secrets Manager appends to secret ARNs: a lookup by partial ARN could find the wrong secret. Change the end of the name.`);
      } else {
        const suffix = resourceSuffix(spec.name);
        const other = seen.get(suffix);
        if (other !== undefined) problems.add(`${at}.name`, other === spec.name ? `'${spec.name}' is given twice; list each secret once.` : `'${spec.name}' and '${other}' make the same resource name; rename one.`);
        seen.set(suffix, spec.name);
      }
    }
    problems.string(spec.description, `${at}.description`);
    if (spec.value !== undefined) {
      if (typeof spec.value === 'string') {
        problems.add(`${at}.value`, 'is a plain string: it would sit in clear text in the program and in the Pulumi state. Pass a Pulumi secret (new pulumi.Config().requireSecret(...)), ' +
          'or leave value unset and put the value out of band (aws secretsmanager put-secret-value).');
      } else if (!pulumi.Output.isInstance(spec.value)) {
        problems.add(`${at}.value`, `expected a Pulumi secret Output (new pulumi.Config().requireSecret(...)), got ${describe(spec.value)}.`);
      }
    }
    if (problems.object(spec.rotation, `${at}.rotation`)) {
      const r = spec.rotation as HipaaSecretRotation;
      if (r.lambdaArn === undefined) {
        problems.add(`${at}.rotation.lambdaArn`, 'is missing: give the ARN of the rotation Lambda function, e.g. arn:aws:lambda:us-east-1:123456789012:function:rotate-db.');
      } else if (typeof r.lambdaArn === 'string' && !LAMBDA_ARN.test(r.lambdaArn)) {
        problems.add(`${at}.rotation.lambdaArn`, `'${r.lambdaArn}' is not a Lambda function ARN; give arn:<partition>:lambda:<region>:<account>:function:<name>, e.g. arn:aws:lambda:us-east-1:123456789012:function:rotate-db.`);
      }
      const days = r.automaticallyAfterDays;
      if (days !== undefined && (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 1000)) {
        problems.add(`${at}.rotation.automaticallyAfterDays`, `expected a whole number of days from 1 to 1000, got ${describe(days)}.`);
      }
      problems.boolean(r.rotateImmediately, `${at}.rotation.rotateImmediately`);
    }
    out.push(spec);
  });
  return out;
}
