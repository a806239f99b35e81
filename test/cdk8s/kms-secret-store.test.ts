import { ApiObject, Chart, Testing } from 'cdk8s';
import * as yaml from 'js-yaml';
import { HipaaNamespace, HipaaValidation, KmsSecretStore, KmsSecretStoreProps, SecureDeployment } from '../../lib/cdk8s';
import { kubernetesPack } from '../../lib/rules/k8s';
import { container, newChart, ofKind } from '../helpers/cdk8s';
import { validateCustomResources } from '../helpers/crd-schema';
import { apartFromMtls } from '../helpers/mesh';
import { validateManifests } from '../helpers/schema';

const ROLE = 'arn:aws:iam::123456789012:role/clinic-secrets';
const STORE: KmsSecretStoreProps = { region: 'us-east-1', roleArn: ROLE, owner: 'records-team', name: 'aws-secrets' };

/** A PHI namespace, a store, a database secret and a SecureDeployment that mounts it. */
function build(props: Partial<KmsSecretStoreProps> = {}) {
  const chart = newChart();
  new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
  const store = new KmsSecretStore(chart, 'secrets', { ...STORE, ...props });
  const db = store.addSecret('db', { remoteKey: 'clinic/db', keys: { username: 'username', password: 'password' }, name: 'db-credentials' });
  const csi = store.mode === 'csi';
  new SecureDeployment(chart, 'api', {
    containers: [container()],
    secrets: [{ secret: db, mountPath: '/var/run/secrets/db' }],
    ...(csi ? { serviceAccount: store.serviceAccount } : {}),
  });
  return { chart, store, db, manifests: Testing.synth(chart) };
}

function expectValidAndClean(chart: Chart, manifests: any[]) {
  const result = HipaaValidation.of(chart)!.check();
  expect(apartFromMtls(result.findings)).toEqual([]);
  expect(result.rules.length).toBeGreaterThanOrEqual(kubernetesPack.rules.length);
  expect(validateManifests(manifests, { ignoreUnknownKinds: true })).toEqual([]);
  expect(validateCustomResources(manifests)).toEqual([]);
}

describe('KmsSecretStore, external-secrets mode', () => {
  const { chart, manifests, db } = build();
  const [store] = ofKind(manifests, 'SecretStore');
  const [es] = ofKind(manifests, 'ExternalSecret');
  const sa = ofKind(manifests, 'ServiceAccount').find((s) => s.metadata.name === 'aws-secrets');
  const [deployment] = ofKind(manifests, 'Deployment');
  const pod = deployment.spec.template.spec;

  test('snapshot', () => {
    expect(manifests.filter((m) => ['SecretStore', 'ExternalSecret', 'ServiceAccount', 'Deployment'].includes(m.kind))).toMatchSnapshot();
  });

  test('a v1 SecretStore for Secrets Manager, authenticated through its IRSA ServiceAccount, never static keys', () => {
    expect(store.apiVersion).toBe('external-secrets.io/v1');
    expect(store.metadata).toMatchObject({ name: 'aws-secrets', namespace: 'clinic' });
    expect(store.spec.provider.aws).toEqual({ service: 'SecretsManager', region: 'us-east-1', auth: { jwt: { serviceAccountRef: { name: 'aws-secrets' } } } });
    expect(sa.metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': ROLE });
    expect(sa.automountServiceAccountToken).toBe(false);
  });

  test('an ExternalSecret: creationPolicy Owner, deletionPolicy Retain, refreshed hourly, the PHI and owner labels on it and on its Secret', () => {
    expect(es.apiVersion).toBe('external-secrets.io/v1');
    expect(es.spec.secretStoreRef).toEqual({ kind: 'SecretStore', name: 'aws-secrets' });
    expect(es.spec.refreshInterval).toBe('1h');
    expect(es.spec.target).toMatchObject({ name: 'db-credentials', creationPolicy: 'Owner', deletionPolicy: 'Retain' });
    const labels = { 'hipaa-constructs.io/phi': 'true', 'hipaa-constructs.io/owner': 'records-team' };
    expect(es.metadata.labels).toMatchObject(labels);
    expect(es.spec.target.template).toEqual({ mergePolicy: 'Merge', metadata: { labels: { ...labels, 'app.kubernetes.io/name': 'secrets' } } });
    expect(es.spec.data).toEqual([
      { secretKey: 'username', remoteRef: { key: 'clinic/db', property: 'username' } },
      { secretKey: 'password', remoteRef: { key: 'clinic/db', property: 'password' } },
    ]);
  });

  test('the workload mounts the Secret read-only as files of mode 0400; no Secret is written with data', () => {
    expect(db.kubernetesSecret?.name).toBe('db-credentials');
    const volume = pod.volumes.find((v: any) => v.secret);
    expect(volume.secret).toEqual({ secretName: 'db-credentials', defaultMode: 0o400 });
    expect(pod.containers[0].volumeMounts).toContainEqual({ mountPath: '/var/run/secrets/db', name: volume.name, readOnly: true });
    expect(ofKind(manifests, 'Secret')).toEqual([]);
    // The workload keeps its own ServiceAccount: the operator, not the pod, reads the store.
    expect(pod.serviceAccountName).not.toBe('aws-secrets');
  });

  test('the full rule pack finds nothing; the output is valid for Kubernetes 1.28 and the External Secrets CRDs', () => {
    expectValidAndClean(chart, manifests);
  });

  test('Parameter Store, the whole value as one file, a refresh interval, names from the construct path', () => {
    const c = newChart();
    new HipaaNamespace(c, 'clinic', { owner: 'platform-team' });
    const s = new KmsSecretStore(c, 'params', { region: 'eu-central-1', roleArn: ROLE, service: 'ParameterStore', phi: false });
    s.addSecret('token', { remoteKey: '/clinic/api/token', refreshInterval: '15m' });
    const out = Testing.synth(c);
    const [ss] = ofKind(out, 'SecretStore');
    const [e] = ofKind(out, 'ExternalSecret');
    expect(ss.spec.provider.aws.service).toBe('ParameterStore');
    expect(ss.metadata.labels['hipaa-constructs.io/phi']).toBe('false');
    expect(e.spec.data).toEqual([{ secretKey: 'value', remoteRef: { key: '/clinic/api/token' } }]);
    expect(e.spec.refreshInterval).toBe('15m');
    expect(e.metadata.name).toBe(e.spec.target.name);
    expect(e.metadata.name).toMatch(/^test-params-token-[0-9a-f]{8}$/);
    expectValidAndClean(c, out);
  });
});

describe('KmsSecretStore, csi mode', () => {
  const { chart, manifests, store } = build({ mode: 'csi' });
  const [spc] = ofKind(manifests, 'SecretProviderClass');
  const [deployment] = ofKind(manifests, 'Deployment');
  const pod = deployment.spec.template.spec;

  test('snapshot', () => {
    expect(manifests.filter((m) => ['SecretProviderClass', 'ServiceAccount', 'Deployment'].includes(m.kind))).toMatchSnapshot();
  });

  test('a v1 SecretProviderClass for the AWS provider, without secretObjects: no Kubernetes Secret and no SecretStore', () => {
    expect(spc.apiVersion).toBe('secrets-store.csi.x-k8s.io/v1');
    expect(spc.metadata).toMatchObject({ name: 'db-credentials', namespace: 'clinic', labels: { 'hipaa-constructs.io/phi': 'true', 'hipaa-constructs.io/owner': 'records-team' } });
    expect(Object.keys(spc.spec).sort()).toEqual(['parameters', 'provider']);
    expect(spc.spec.provider).toBe('aws');
    expect(spc.spec.parameters.region).toBe('us-east-1');
    expect(yaml.load(spc.spec.parameters.objects)).toEqual([{
      objectName: 'clinic/db',
      objectType: 'secretsmanager',
      objectAlias: 'value',
      jmesPath: [{ path: 'username', objectAlias: 'username' }, { path: 'password', objectAlias: 'password' }],
    }]);
    expect(ofKind(manifests, 'Secret')).toEqual([]);
    expect(ofKind(manifests, 'SecretStore')).toEqual([]);
    expect(ofKind(manifests, 'ExternalSecret')).toEqual([]);
  });

  test('the pod runs as the store\'s IRSA ServiceAccount (no token in the pod) and mounts a read-only CSI volume read-only', () => {
    expect(pod.serviceAccountName).toBe(store.serviceAccount.name);
    expect(pod.automountServiceAccountToken).toBe(false);
    const volume = pod.volumes.find((v: any) => v.csi);
    expect(volume.csi).toEqual({ driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'db-credentials' } });
    expect(pod.containers[0].volumeMounts).toContainEqual({ mountPath: '/var/run/secrets/db', name: volume.name, readOnly: true });
    const sa = ofKind(manifests, 'ServiceAccount').find((s) => s.metadata.name === store.serviceAccount.name);
    expect(sa.metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': ROLE });
    expect(sa.automountServiceAccountToken).toBe(false);
  });

  test('the full rule pack finds nothing; the output is valid for Kubernetes 1.28 and the Secrets Store CSI CRD', () => {
    expectValidAndClean(chart, manifests);
  });

  test('objects for Parameter Store, the whole value, and JMESPath quoting of keys with dashes and nested keys', () => {
    const c = newChart();
    const s = new KmsSecretStore(c, 'params', { region: 'us-east-1', roleArn: ROLE, service: 'ParameterStore', mode: 'csi' });
    s.addSecret('token', { remoteKey: '/clinic/api/token', name: 'token' });
    s.addSecret('db', { remoteKey: '/clinic/db', name: 'db', keys: { 'db-password': 'db-creds.pass-word', 'user': 'db.user', 'n': '0day' } });
    const [token, db] = ofKind(Testing.synth(c), 'SecretProviderClass');
    expect(yaml.load(token.spec.parameters.objects)).toEqual([{ objectName: '/clinic/api/token', objectType: 'ssmparameter', objectAlias: 'value' }]);
    expect(yaml.load(db.spec.parameters.objects)).toEqual([{
      objectName: '/clinic/db',
      objectType: 'ssmparameter',
      objectAlias: 'value',
      jmesPath: [
        { path: '"db-creds"."pass-word"', objectAlias: 'db-password' },
        { path: 'db.user', objectAlias: 'user' },
        { path: '"0day"', objectAlias: 'n' },
      ],
    }]);
  });
});

describe('the rules hold for what users add beside a store', () => {
  test('an inline Secret in the store\'s namespace stops the synth: k8s-inline-secret-with-store, or k8s-phi-inline-secret when it counts as PHI', () => {
    const chart = newChart('tools');
    new ApiObject(chart, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'tools', labels: { 'hipaa-constructs.io/phi': 'false' } } });
    new KmsSecretStore(chart, 'secrets', { ...STORE, phi: false });
    const secret = (id: string, phi: string) => new ApiObject(chart, id, {
      apiVersion: 'v1', kind: 'Secret', metadata: { name: id, labels: { 'hipaa-constructs.io/phi': phi } }, stringData: { token: 'x' },
    });
    secret('tooling', 'false');
    secret('records', 'true');
    const ids = HipaaValidation.of(chart)!.check().unwaived.filter((f) => f.resource.kind === 'Secret').map((f) => `${f.ruleId} ${f.resource.name}`).sort();
    expect(ids).toEqual(['k8s-inline-secret-with-store tooling', 'k8s-phi-inline-secret records']);
  });
});
