/* eslint-disable @typescript-eslint/no-require-imports */
import { Chart, Names } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { childPath } from './input-problems';
import { toLabelValue } from './label-value';
import { OPERATOR_SERVICE_ACCOUNT, SecretStoreMode, StoredSecret } from './stored-secret';
import { HipaaValidation } from './validation';
import type * as eso from '../imports/external-secrets.io';
import type * as csi from '../imports/secrets-store.csi.x-k8s.io';
import { OWNER_LABEL, PHI_LABEL } from '../labels';

export { StoredSecret } from './stored-secret';
export type { SecretStoreMode, StoredSecretProps } from './stored-secret';

// Loaded on first use: the generated External Secrets classes are ~19k lines, and the prop checks
// pull in rule helpers (test/entry-points.test.ts pins what the cdk8s entry loads).
const esoClasses = (): typeof eso => require('../imports/external-secrets.io');
const csiClasses = (): typeof csi => require('../imports/secrets-store.csi.x-k8s.io');
const storeProps = (): typeof import('./secret-store-props') => require('./secret-store-props');

/** The AWS service that holds a KmsSecretStore's secrets. */
export type SecretStoreService = 'SecretsManager' | 'ParameterStore';

/** Props of {@link KmsSecretStore}. */
export interface KmsSecretStoreProps {
  /** AWS region that holds the secrets, e.g. `us-east-1` (its partition must be the role's). */
  readonly region: string;
  /**
   * ARN of the IAM role the store's ServiceAccount assumes through IRSA
   * (`arn:<partition>:iam::<account>:role/<path/name>`). Its trust policy must allow
   * `system:serviceaccount:<namespace>:<serviceAccountName>` from the cluster's OIDC provider,
   * and its permissions only the secrets (and their KMS key) the store reads. No static keys are
   * ever used.
   */
  readonly roleArn: string;
  /** Where the secrets are kept: AWS Secrets Manager or SSM Parameter Store. @default 'SecretsManager' */
  readonly service?: SecretStoreService;
  /**
   * How pods get the secrets. `external-secrets`: an External Secrets Operator
   * `external-secrets.io/v1` SecretStore and, per secret, an ExternalSecret that writes a
   * Kubernetes Secret the workloads mount read-only as files. `csi`: the Secrets Store CSI driver
   * (`secrets-store.csi.x-k8s.io/v1` SecretProviderClass, AWS provider) mounts the values as
   * read-only files and no Kubernetes Secret is ever created; pods must run as
   * {@link KmsSecretStore.serviceAccount}.
   * @default 'external-secrets'
   */
  readonly mode?: SecretStoreMode;
  /** Name of the SecretStore (external-secrets mode). @default - a unique name made from the construct path */
  readonly name?: string;
  /**
   * Name of the IRSA ServiceAccount, as the role's trust policy names it.
   * @default - the store's name
   */
  readonly serviceAccountName?: string;
  /** Whether the secrets guard PHI (label `hipaa-constructs.io/phi` on every object, and on the Secrets written). @default true */
  readonly phi?: boolean;
  /** Team or person accountable for the secrets (label `hipaa-constructs.io/owner`). @default - not labelled */
  readonly owner?: string;
}

/** Options of {@link KmsSecretStore.addSecret}. */
export interface StoredSecretOptions {
  /**
   * The secret in the store: a Secrets Manager secret's name or ARN (in the store's region), or
   * a Parameter Store parameter's name (e.g. `/clinic/db/password`).
   */
  readonly remoteKey: string;
  /**
   * Files to write, by file name: the property of the secret's JSON value each holds (a key,
   * or a dot-separated path for nested keys), e.g. `{ username: 'username', password: 'password' }`.
   * In csi mode the AWS provider also writes the whole value, as the file `value` (so no key may
   * be named `value` there).
   * @default - the whole value in one file named `value`
   */
  readonly keys?: Record<string, string>;
  /**
   * How often the External Secrets Operator reads the store again, so rotated values reach the
   * Secret (a Go duration such as `1h` or `30m`; zero, which turns refreshing off, is refused).
   * Not used in csi mode, where the driver's rotationPollInterval applies.
   * @default '1h'
   */
  readonly refreshInterval?: string;
  /**
   * Name of the ExternalSecret and of the Secret it writes (external-secrets mode), or of the
   * SecretProviderClass (csi mode).
   * @default - a unique name made from the construct path
   */
  readonly name?: string;
}

/** The file a secret's whole value is written to when `keys` is not given. */
export const WHOLE_VALUE_FILE = 'value';

/**
 * Secrets from AWS Secrets Manager or Parameter Store, fetched with an IAM role through IRSA
 * (never with static keys) and mounted into workloads as read-only files.
 *
 * In `external-secrets` mode (the default) it writes an External Secrets Operator
 * `external-secrets.io/v1` SecretStore authenticated through its own ServiceAccount
 * (`auth.jwt.serviceAccountRef`, annotated `eks.amazonaws.com/role-arn`); {@link addSecret}
 * writes an ExternalSecret (creationPolicy Owner, deletionPolicy Retain, a refresh interval)
 * whose Secret carries the PHI and owner labels. In `csi` mode it writes, per secret, a Secrets
 * Store CSI `SecretProviderClass` (provider aws, no `secretObjects`, so no Kubernetes Secret
 * exists) and the pods that mount it run as the store's ServiceAccount.
 *
 * ```ts
 * const store = new KmsSecretStore(chart, 'secrets', { region: 'us-east-1', roleArn: 'arn:aws:iam::123456789012:role/clinic-secrets' });
 * const db = store.addSecret('db', { remoteKey: 'clinic/db', keys: { username: 'username', password: 'password' } });
 * new SecureDeployment(chart, 'api', { ..., secrets: [{ secret: db, mountPath: '/var/run/secrets/db' }] });
 * ```
 */
export class KmsSecretStore extends Construct {
  /**
   * The IRSA ServiceAccount (annotated with the role, no token mounted). In csi mode pods mounting
   * the secrets run as it; in external-secrets mode only the operator does (a workload given it is refused).
   */
  public readonly serviceAccount: kplus.ServiceAccount;
  /** How pods get the secrets. */
  public readonly mode: SecretStoreMode;
  /** Where the secrets are kept. */
  public readonly service: SecretStoreService;
  /** AWS region of the secrets. */
  public readonly region: string;
  /** The SecretStore's name (external-secrets mode). @default - none in csi mode */
  public readonly storeName?: string;
  /** Labels of every object the store writes: PHI, owner when given, app name. */
  public readonly labels: Readonly<Record<string, string>>;

  private readonly namespace?: string;
  private readonly names = new Set<string>();

  constructor(scope: Construct, id: string, props: KmsSecretStoreProps) {
    storeProps().validateKmsSecretStoreProps(childPath(scope, id), props);
    super(scope, id);
    this.mode = props.mode ?? 'external-secrets';
    this.service = props.service ?? 'SecretsManager';
    this.region = props.region;
    this.namespace = Chart.of(this).namespace;
    HipaaValidation.enable(Chart.of(this));

    const labels: Record<string, string> = { [PHI_LABEL]: String(props.phi ?? true), 'app.kubernetes.io/name': toLabelValue(id) };
    if (props.owner) labels[OWNER_LABEL] = toLabelValue(props.owner);
    this.labels = labels;

    const name = props.name ?? Names.toDnsLabel(this);
    this.serviceAccount = new kplus.ServiceAccount(this, 'ServiceAccount', {
      automountToken: false,
      metadata: {
        name: props.serviceAccountName ?? name,
        namespace: this.namespace,
        labels,
        annotations: { 'eks.amazonaws.com/role-arn': props.roleArn },
      },
    });

    if (this.mode === 'external-secrets') {
      const { SecretStore, SecretStoreSpecProviderAwsService } = esoClasses();
      this.storeName = name;
      // Only the operator acts as this ServiceAccount; workloads that try to are refused.
      Object.defineProperty(this.serviceAccount, OPERATOR_SERVICE_ACCOUNT, { value: this.node.path });
      new SecretStore(this, 'SecretStore', {
        metadata: { name, namespace: this.namespace, labels },
        spec: {
          provider: {
            aws: {
              service: this.service === 'ParameterStore' ? SecretStoreSpecProviderAwsService.PARAMETER_STORE : SecretStoreSpecProviderAwsService.SECRETS_MANAGER,
              region: props.region,
              auth: { jwt: { serviceAccountRef: { name: this.serviceAccount.name } } },
            },
          },
        },
      });
    }
  }

  /**
   * Adds a secret of the store and returns it for a workload's `secrets` list
   * (`secrets: [{ secret, mountPath }]`): in external-secrets mode an ExternalSecret that writes
   * a Secret of the same name, in csi mode a SecretProviderClass. Refused with every problem at
   * once: an empty or malformed remote key, a bad file name or property, a refresh interval that
   * is not a positive duration, a name another secret of the store uses.
   */
  public addSecret(id: string, options: StoredSecretOptions): StoredSecret {
    const ids = this.node.children.map((c) => c.node.id);
    const ctx = { mode: this.mode, service: this.service, region: this.region, names: this.names, ids };
    storeProps().validateAddSecret(this.node.path, id, options, ctx);
    const files = Object.entries(options.keys ?? { [WHOLE_VALUE_FILE]: '' });
    const scope = new Construct(this, id);
    const name = options.name ?? Names.toDnsLabel(scope);
    this.names.add(name);
    const common = { name, namespace: this.namespace, storePath: this.node.path };

    if (this.mode === 'csi') {
      const { SecretProviderClass } = csiClasses();
      new SecretProviderClass(scope, 'SecretProviderClass', {
        metadata: { name, namespace: this.namespace, labels: this.labels },
        spec: {
          provider: 'aws',
          parameters: { region: this.region, objects: awsProviderObjects(options.remoteKey, this.service, files) },
        },
      });
      return new StoredSecret({ ...common, mode: 'csi', podServiceAccount: this.serviceAccount });
    }

    const {
      ExternalSecret,
      ExternalSecretSpecSecretStoreRefKind,
      ExternalSecretSpecTargetCreationPolicy,
      ExternalSecretSpecTargetDeletionPolicy,
      ExternalSecretSpecTargetTemplateMergePolicy,
    } = esoClasses();
    new ExternalSecret(scope, 'ExternalSecret', {
      metadata: { name, namespace: this.namespace, labels: this.labels },
      spec: {
        refreshInterval: options.refreshInterval ?? '1h',
        secretStoreRef: { kind: ExternalSecretSpecSecretStoreRefKind.SECRET_STORE, name: this.storeName },
        target: {
          name,
          creationPolicy: ExternalSecretSpecTargetCreationPolicy.OWNER,
          deletionPolicy: ExternalSecretSpecTargetDeletionPolicy.RETAIN,
          // Merge keeps the fetched keys as they are and adds only the labels.
          template: { mergePolicy: ExternalSecretSpecTargetTemplateMergePolicy.MERGE, metadata: { labels: this.labels } },
        },
        data: files.map(([file, property]) => ({
          secretKey: file,
          remoteRef: property === '' ? { key: options.remoteKey } : { key: options.remoteKey, property },
        })),
      },
    });
    const secret = kplus.Secret.fromSecretName(scope, 'Secret', name);
    return new StoredSecret({ ...common, mode: 'external-secrets', kubernetesSecret: secret });
  }
}

/**
 * The `objects` parameter of the Secrets Store CSI AWS provider: a YAML list with one object per
 * secret, files named by `objectAlias` (jmesPath entries for properties of a JSON value). The
 * provider always writes the whole value too: it is named {@link WHOLE_VALUE_FILE}, so it never
 * lands on a file of `keys`. Strings are written as JSON strings, which YAML reads as
 * double-quoted scalars.
 */
function awsProviderObjects(remoteKey: string, service: SecretStoreService, files: readonly (readonly [string, string])[]): string {
  const q = (s: string) => JSON.stringify(s);
  const lines = [
    `- objectName: ${q(remoteKey)}`,
    `  objectType: ${q(service === 'ParameterStore' ? 'ssmparameter' : 'secretsmanager')}`,
    `  objectAlias: ${q(WHOLE_VALUE_FILE)}`,
  ];
  const paths = files.filter(([, property]) => property !== '');
  if (paths.length > 0) {
    lines.push('  jmesPath:');
    for (const [file, property] of paths) lines.push(`    - path: ${q(jmesPath(property))}`, `      objectAlias: ${q(file)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A dot-separated property as a JMESPath expression: identifiers with '-' (or a leading digit) quoted. */
function jmesPath(property: string): string {
  return property.split('.').map((key) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : JSON.stringify(key))).join('.');
}
