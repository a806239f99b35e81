/**
 * The "data" shape: stateful services as teams run databases. N PostgreSQL-like StatefulSets
 * (one or two volume claims each on one shared encrypted StorageClass, credentials from a secret
 * store, a headless Service), spread over several namespaces (one chart each), with one backup
 * schedule per namespace and, per namespace, a weekly restore test. Built hardened
 * (EncryptedVolume, KmsSecretStore, SecureStatefulSet, HipaaNamespace, BackupSchedule with its
 * restore test, checked at synth) and plain (cdk8s-plus-28 StatefulSet with the same claim
 * templates, a plain StorageClass, a kplus Secret, ApiObjects for the Velero objects, a kplus
 * CronJob for the restore test), and synthesized with `app.synthYaml()` as one app.
 */
import { ApiObject, App, Chart, Cron, Duration, JsonPatch, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { container } from '../test/helpers/cdk8s';

/** What a benchmark app is built with: the compiled package, as users load it. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const hc = require('../dist/cdk8s') as typeof import('../lib/cdk8s');

const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const POSTGRES_IMAGE = `${REGISTRY}/mirror/postgres:16.4@sha256:${'1c2d'.repeat(16)}`;
const KUBECTL_IMAGE = `${REGISTRY}/mirror/kubectl:1.28.15@sha256:${'7e1f'.repeat(16)}`;
const KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const CLASS_NAME = 'db-encrypted';
const BUCKET = 'clinic-phi-backups';

/** How many namespaces N databases are spread over: grows with sqrt(N) (3 at 100, 10 at 1000, 20 at 4000). */
export function namespacesFor(n: number): number {
  return Math.max(2, Math.round(Math.sqrt(n / 10)));
}

/** The restore test's waiver expiry: 180 days from today (UTC), inside the 12-month limit. */
export function waiverExpiry(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 180)).toISOString().slice(0, 10);
}

/** Database i of namespace ns: a data claim, and a WAL claim on every other one. */
function claimsOf(i: number): { name: string; mountPath: string; gi: number }[] {
  const data = { name: 'data', mountPath: '/var/lib/postgresql/data', gi: 20 + (i % 5) * 10 };
  return i % 2 === 0 ? [data] : [data, { name: 'wal', mountPath: '/var/lib/postgresql/wal', gi: 10 }];
}

/** The PostgreSQL container both variants run (the tests' valid container props, as Postgres). */
function postgres(i: number) {
  return container({
    name: 'postgres',
    image: POSTGRES_IMAGE,
    portNumber: 5432,
    args: ['-c', 'unix_socket_directories=/tmp'],
    liveness: kplus.Probe.fromCommand(['pg_isready', '-h', '/tmp', '-U', 'postgres']),
    readiness: kplus.Probe.fromCommand(['pg_isready', '-h', '/tmp', '-U', 'postgres']),
    envVariables: {
      PGDATA: kplus.EnvValue.fromValue('/var/lib/postgresql/data/pgdata'),
      POSTGRES_PASSWORD_FILE: kplus.EnvValue.fromValue('/var/run/secrets/db/password'),
      INDEX: kplus.EnvValue.fromValue(String(i)),
    },
  });
}

/** Splits N databases over the namespaces; calls `build(chart, namespace, first, count)` once per namespace chart. */
function spread(app: App, n: number, build: (chart: Chart, ns: string, first: number, count: number) => void): void {
  const k = namespacesFor(n);
  let first = 0;
  for (let c = 0; c < k; c++) {
    const count = Math.floor(n / k) + (c < n % k ? 1 : 0);
    const ns = `records-${c}`;
    build(new Chart(app, ns, { namespace: ns }), ns, first, count);
    first += count;
  }
}

function countObjects(yaml: string): number {
  return yaml.split(/^---$/m).filter((d) => d.trim()).length;
}

/** The hardened app; returns the number of objects `app.synthYaml()` emitted (the check runs in it). */
export function dataHardened(n: number): number {
  return countObjects(dataHardenedYaml(n));
}

/** The hardened app's manifests, as `app.synthYaml()` writes them (the synth-time check runs in it). */
export function dataHardenedYaml(n: number): string {
  const app = Testing.app();
  let volume: InstanceType<typeof hc.EncryptedVolume> | undefined;
  const expires = waiverExpiry();
  spread(app, n, (chart, ns, first, count) => {
    volume ??= new hc.EncryptedVolume(chart, 'db-storage', {
      provider: hc.EncryptedVolumeProvider.awsEbs({ kmsKeyId: KEY_ARN }),
      storageClassName: CLASS_NAME,
      owner: 'data-platform',
    });
    const namespace = new hc.HipaaNamespace(chart, ns, { owner: 'data-platform' });
    const store = new hc.KmsSecretStore(chart, 'secrets', {
      region: 'us-east-1',
      roleArn: `arn:aws:iam::123456789012:role/${ns}-secrets-reader`,
      owner: 'data-platform',
    });
    const expectedClaims: string[] = [];
    for (let i = first; i < first + count; i++) {
      const secret = store.addSecret(`db-${i}-credentials`, {
        remoteKey: `${ns}/db-${i}`,
        keys: { username: 'username', password: 'password' },
      });
      const claims = claimsOf(i);
      new hc.SecureStatefulSet(chart, `db-${i}`, {
        metadata: { name: `db-${i}` },
        owner: 'records-team',
        replicas: 1,
        serviceName: `db-${i}`,
        containers: [postgres(i)],
        secrets: [{ secret, mountPath: '/var/run/secrets/db' }],
        volumeClaims: claims.map((v) => ({ name: v.name, mountPath: v.mountPath, size: Size.gibibytes(v.gi), storage: volume! })),
      });
      if (i === first) expectedClaims.push(`data-db-${i}-0`);
    }
    new hc.BackupSchedule(chart, 'backup', {
      name: `${ns}-backup`,
      namespaces: [namespace],
      schedule: '0 */6 * * *',
      rpo: Duration.hours(6),
      rto: Duration.hours(4),
      retention: Duration.days(90),
      storage: { bucket: BUCKET, prefix: ns, region: 'us-east-1', kmsKeyId: KEY_ARN },
      owner: 'data-platform',
      restoreTest: {
        image: KUBECTL_IMAGE,
        apiServer: { cidrs: ['10.0.0.0/24'] },
        expectedClaims,
        waivers: [{
          ruleId: 'k8s-service-account-token',
          reason: 'The restore test creates Velero Restores through the API; its Roles allow only that and its egress reaches only the API server',
          owner: 'data-platform',
          expires,
        }],
      },
    });
  });
  return app.synthYaml();
}

/** The same app in plain cdk8s-plus-28; returns the number of objects emitted. */
export function dataPlain(n: number): number {
  const app = Testing.app();
  let classMade = false;
  spread(app, n, (chart, ns, first, count) => {
    if (!classMade) {
      classMade = true;
      const sc = new k8s.KubeStorageClass(chart, 'db-storage', {
        metadata: { name: CLASS_NAME },
        provisioner: 'ebs.csi.aws.com',
        parameters: { type: 'gp3', encrypted: 'true', kmsKeyId: KEY_ARN },
        reclaimPolicy: 'Retain',
        volumeBindingMode: 'WaitForFirstConsumer',
        allowVolumeExpansion: true,
      });
      sc.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    }
    new kplus.Namespace(chart, ns, { metadata: { name: ns } });
    for (let i = first; i < first + count; i++) {
      const secret = new kplus.Secret(chart, `db-${i}-credentials`, { stringData: { username: 'postgres', password: `secret-${i}` } });
      const claims = claimsOf(i);
      const sts = new kplus.StatefulSet(chart, `db-${i}`, { metadata: { name: `db-${i}` }, replicas: 1, containers: [postgres(i)], isolate: true });
      sts.containers[0].mount('/var/run/secrets/db', kplus.Volume.fromSecret(chart, `db-${i}-secret-volume`, secret));
      ApiObject.of(sts).addJsonPatch(
        JsonPatch.add('/spec/volumeClaimTemplates', claims.map((v) => ({
          metadata: { name: v.name },
          // A Quantity, not a string: KubeStatefulSet serializes the patched spec again, quantities included.
          spec: { accessModes: ['ReadWriteOnce'], storageClassName: CLASS_NAME, resources: { requests: { storage: k8s.Quantity.fromString(`${v.gi}Gi`) } } },
        }))),
        ...claims.map((v) => JsonPatch.add('/spec/template/spec/containers/0/volumeMounts/-', { name: v.name, mountPath: v.mountPath })),
      );
    }
    const meta = { name: `${ns}-backup`, namespace: 'velero' };
    new ApiObject(chart, 'backup-location', {
      apiVersion: 'velero.io/v1',
      kind: 'BackupStorageLocation',
      metadata: meta,
      spec: { provider: 'aws', objectStorage: { bucket: BUCKET, prefix: ns }, config: { region: 'us-east-1', kmsKeyId: KEY_ARN, serverSideEncryption: 'aws:kms' } },
    });
    new ApiObject(chart, 'snapshot-location', { apiVersion: 'velero.io/v1', kind: 'VolumeSnapshotLocation', metadata: meta, spec: { provider: 'aws', config: { region: 'us-east-1' } } });
    new ApiObject(chart, 'backup', {
      apiVersion: 'velero.io/v1',
      kind: 'Schedule',
      metadata: meta,
      spec: { schedule: '0 */6 * * *', template: { includedNamespaces: [ns], snapshotVolumes: true, storageLocation: meta.name, volumeSnapshotLocations: [meta.name], ttl: '2160h0m0s' } },
    });
    new kplus.CronJob(chart, 'restore-test', {
      schedule: Cron.weekly(),
      containers: [{ name: 'restore', image: KUBECTL_IMAGE, command: ['/bin/sh', '-c', `velero restore create --from-schedule ${meta.name}`] }],
    });
  });
  return countObjects(app.synthYaml());
}
