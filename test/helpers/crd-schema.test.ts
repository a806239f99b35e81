import { customResourceGroups, validateCustomResources } from './crd-schema';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function schedule(template: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): any {
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Schedule',
    metadata: { name: 'daily', namespace: 'velero', labels: { 'hipaa-constructs.io/phi': 'true' } },
    spec: { schedule: '0 2 * * *', template: { includedNamespaces: ['clinic'], ttl: '2160h0m0s', ...template }, ...extra },
  };
}

const snapshotClass = {
  apiVersion: 'snapshot.storage.k8s.io/v1',
  kind: 'VolumeSnapshotClass',
  metadata: { name: 'phi-ebs' },
  driver: 'ebs.csi.aws.com',
  deletionPolicy: 'Retain',
};

describe('validateCustomResources', () => {
  test('knows the groups of the pinned CRDs', () => {
    expect([...customResourceGroups()].sort()).toEqual([
      'cert-manager.io', 'external-secrets.io', 'policies.kyverno.io', 'policy.linkerd.io', 'secrets-store.csi.x-k8s.io', 'security.istio.io', 'snapshot.storage.k8s.io', 'velero.io',
    ]);
  });

  test('accepts apiVersion and kind where the schema does not list them (Istio, Linkerd), and still checks the spec', () => {
    const pa = { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: 'clinic' }, spec: { mtls: { mode: 'STRICT' } } };
    expect(validateCustomResources([pa])).toEqual([]);
    expect(validateCustomResources([{ ...pa, spec: { mtls: { mode: 'STRICTEST' } } }])).toEqual(['PeerAuthentication clinic/default: spec.mtls.mode: must be equal to one of the allowed values']);
    const server = { apiVersion: 'policy.linkerd.io/v1beta3', kind: 'Server', metadata: { name: 'api', namespace: 'clinic' }, spec: { podSelector: {}, port: 8080, extra: 1 } };
    expect(validateCustomResources([server])).toEqual(['Server clinic/api: spec.extra: unknown field']);
  });

  test('accepts valid custom resources and ignores other groups', () => {
    expect(validateCustomResources([
      schedule(),
      snapshotClass,
      { apiVersion: 'velero.io/v1', kind: 'BackupStorageLocation', metadata: { name: 'default', namespace: 'velero' }, spec: { provider: 'aws', objectStorage: { bucket: 'b' }, config: { kmsKeyId: KEY } } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { nonsense: true } },
    ])).toEqual([]);
  });

  test('rejects unknown fields where the schema lists properties, as strict field validation does', () => {
    expect(validateCustomResources([schedule({ tll: '1h' })])).toEqual(['Schedule velero/daily: spec.template.tll: unknown field']);
    expect(validateCustomResources([{ ...snapshotClass, spec: {} }])).toEqual(['VolumeSnapshotClass phi-ebs: spec: unknown field']);
  });

  test('allows any keys under maps (additionalProperties) and preserved fields', () => {
    const bsl = { apiVersion: 'velero.io/v1', kind: 'BackupStorageLocation', metadata: { name: 'd', namespace: 'velero' }, spec: { provider: 'aws', objectStorage: { bucket: 'b' }, config: { anything: 'goes' } } };
    expect(validateCustomResources([bsl])).toEqual([]);
  });

  test('checks types, enums and required fields', () => {
    // Velero's CRD declares ttl a plain string: "90 days" reaches Velero, so the constructs validate it themselves.
    expect(validateCustomResources([schedule({ ttl: 2160 })])).toEqual(['Schedule velero/daily: spec.template.ttl: must be string']);
    expect(validateCustomResources([{ ...snapshotClass, deletionPolicy: 'Keep' }])).toEqual(['VolumeSnapshotClass phi-ebs: deletionPolicy: must be equal to one of the allowed values']);
    const { driver: _driver, ...noDriver } = snapshotClass;
    expect(validateCustomResources([noDriver])).toEqual(["VolumeSnapshotClass phi-ebs: (object): must have required property 'driver'"]);
  });

  test('refuses versions the CRD no longer serves and kinds it does not define', () => {
    const old = { apiVersion: 'external-secrets.io/v1beta1', kind: 'ExternalSecret', metadata: { name: 'db', namespace: 'clinic' }, spec: {} };
    expect(validateCustomResources([old])).toEqual(['ExternalSecret clinic/db: external-secrets.io/v1beta1 is not served (served: external-secrets.io/v1)']);
    const unknown = { apiVersion: 'velero.io/v1', kind: 'Snapshot', metadata: { name: 'x', namespace: 'velero' } };
    expect(validateCustomResources([unknown])).toEqual(['Snapshot velero/x: no CRD defines kind Snapshot in group velero.io']);
  });

  test('checks metadata: scope, name and label values', () => {
    expect(validateCustomResources([{ ...snapshotClass, metadata: { name: 'phi-ebs', namespace: 'clinic' } }]))
      .toEqual(['VolumeSnapshotClass clinic/phi-ebs: metadata.namespace: a cluster-scoped object has no namespace']);
    const s = schedule();
    s.metadata = { name: 'Daily', labels: { a: 'x'.repeat(64) } };
    expect(validateCustomResources([s])).toEqual([
      'Schedule Daily: metadata.name: "Daily" is not a DNS-1123 subdomain',
      'Schedule Daily: metadata.namespace: required for a namespaced object',
      `Schedule Daily: metadata.labels.a: "${'x'.repeat(64)}" is not a valid label value`,
    ]);
  });
});
