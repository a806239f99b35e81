import * as fixtures from './fixtures';
import { assertValidManifests, KUBERNETES_VERSION, validateManifest, validateManifests } from './schema';

/** A deep copy of the compliant Deployment to break one thing in. */
function deployment(): any {
  return JSON.parse(JSON.stringify(fixtures.deployment));
}

describe(`Kubernetes ${KUBERNETES_VERSION} schema validation`, () => {
  test('the compliant fixtures are valid', () => {
    expect(validateManifests(fixtures.compliantSet())).toEqual([]);
    expect(() => assertValidManifests(fixtures.compliantSet())).not.toThrow();
  });

  test('an unknown field is an error (strict, like kubeconform -strict)', () => {
    const d = deployment();
    d.spec.template.spec.containers[0].imagePullPolicyy = 'Always';
    expect(validateManifests([d])).toEqual([
      'Deployment clinic/api: spec.template.spec.containers[0].imagePullPolicyy: unknown field',
    ]);
  });

  test('an unknown top-level field is an error', () => {
    const d = deployment();
    d.specs = {};
    expect(validateManifests([d])).toEqual(['Deployment clinic/api: specs: unknown field']);
  });

  test('a value of the wrong type is an error', () => {
    const d = deployment();
    d.spec.replicas = '2';
    d.spec.template.spec.securityContext.runAsNonRoot = 'true';
    expect(validateManifests([d])).toEqual([
      'Deployment clinic/api: spec.replicas: expected number, got string',
      'Deployment clinic/api: spec.template.spec.securityContext.runAsNonRoot: expected boolean, got string',
    ]);
  });

  test('a missing required field is an error', () => {
    const d = deployment();
    delete d.spec.selector;
    delete d.spec.template.spec.containers[0].name;
    expect(validateManifests([d])).toEqual([
      'Deployment clinic/api: spec.selector: required field is missing',
      'Deployment clinic/api: spec.template.spec.containers[0].name: required field is missing',
    ]);
  });

  test('null means unset, so a null required field is missing and a null optional one is fine', () => {
    const d = deployment();
    d.spec.template = null;
    d.spec.replicas = null;
    expect(validateManifests([d])).toEqual(['Deployment clinic/api: spec.template: required field is missing']);
  });

  test('a field that only exists from Kubernetes 1.30 on is unknown in 1.28', () => {
    const d = deployment();
    d.spec.template.spec.securityContext.appArmorProfile = { type: 'RuntimeDefault' };
    d.spec.template.spec.containers[0].securityContext.appArmorProfile = { type: 'RuntimeDefault' };
    expect(validateManifests([d])).toEqual([
      'Deployment clinic/api: spec.template.spec.containers[0].securityContext.appArmorProfile: unknown field',
      'Deployment clinic/api: spec.template.spec.securityContext.appArmorProfile: unknown field',
    ]);
  });

  test('fields new in 1.28 are known (sidecar restartPolicy on init containers)', () => {
    const d = deployment();
    d.spec.template.spec.initContainers = [{ ...d.spec.template.spec.containers[0], name: 'proxy', restartPolicy: 'Always' }];
    expect(validateManifests([d])).toEqual([]);
  });

  test('map keys that are not identifiers are quoted in paths', () => {
    const d = deployment();
    d.metadata.labels['app.kubernetes.io/version'] = 3;
    expect(validateManifests([d])).toEqual([
      'Deployment clinic/api: metadata.labels["app.kubernetes.io/version"]: expected string, got integer',
    ]);
  });

  test('int-or-string fields take an integer or a string, nothing else', () => {
    const d = deployment();
    d.spec.template.spec.containers[0].livenessProbe.httpGet.port = 'http';
    expect(validateManifests([d])).toEqual([]);
    d.spec.template.spec.containers[0].livenessProbe.httpGet.port = true;
    expect(validateManifests([d])).toEqual([
      'Deployment clinic/api: spec.template.spec.containers[0].livenessProbe.httpGet.port: expected integer or string, got boolean',
    ]);
  });

  test('an apiVersion/kind that 1.28 does not serve is an error unless ignored', () => {
    const wrongGroup = { apiVersion: 'v1', kind: 'Deployment', metadata: { name: 'api' } };
    const notYet = { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name: 'p' } };
    const crd = { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 's', namespace: 'clinic' } };
    expect(validateManifests([wrongGroup, notYet, crd])).toEqual([
      'Deployment api: Kubernetes 1.28 has no kind Deployment in apiVersion v1',
      'ValidatingAdmissionPolicy p: Kubernetes 1.28 has no kind ValidatingAdmissionPolicy in apiVersion admissionregistration.k8s.io/v1',
      'ExternalSecret clinic/s: Kubernetes 1.28 has no kind ExternalSecret in apiVersion external-secrets.io/v1',
    ]);
    expect(validateManifests([crd], { ignoreUnknownKinds: true })).toEqual([]);
    // ...while the 1.28 beta of the same API is served.
    expect(validateManifest({ ...notYet, apiVersion: 'admissionregistration.k8s.io/v1beta1' })).toEqual([]);
  });

  test('every kind the constructs emit has a schema', () => {
    const kinds: Array<[string, string, Record<string, unknown>]> = [
      ['v1', 'Namespace', {}],
      ['v1', 'ServiceAccount', {}],
      ['v1', 'Service', {}],
      ['v1', 'ResourceQuota', {}],
      ['v1', 'LimitRange', {}],
      ['v1', 'Secret', {}],
      ['v1', 'ConfigMap', {}],
      ['v1', 'Pod', { spec: { containers: [] } }],
      ['apps/v1', 'StatefulSet', { spec: { selector: {}, serviceName: 'x', template: {} } }],
      ['apps/v1', 'DaemonSet', { spec: { selector: {}, template: {} } }],
      ['batch/v1', 'Job', { spec: { template: {} } }],
      ['batch/v1', 'CronJob', { spec: { schedule: '* * * * *', jobTemplate: {} } }],
      ['networking.k8s.io/v1', 'NetworkPolicy', {}],
      ['networking.k8s.io/v1', 'Ingress', {}],
      ['policy/v1', 'PodDisruptionBudget', {}],
      ['rbac.authorization.k8s.io/v1', 'Role', {}],
      ['rbac.authorization.k8s.io/v1', 'ClusterRole', {}],
      ['rbac.authorization.k8s.io/v1', 'RoleBinding', { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' } }],
      ['storage.k8s.io/v1', 'StorageClass', { provisioner: 'ebs.csi.aws.com' }],
    ];
    const objects = kinds.map(([apiVersion, kind, body]) => ({ apiVersion, kind, metadata: { name: 'x' }, ...body }));
    expect(validateManifests(objects)).toEqual([]);
  });

  test('the object is named even when it has no metadata', () => {
    expect(validateManifest({ apiVersion: 'v1', kind: 'ConfigMap', data: { a: 1 } })).toEqual([
      { object: 'ConfigMap (no name)', path: 'data.a', message: 'expected string, got integer' },
    ]);
    expect(validateManifest('nope')[0].message).toBe('expected an object, got string');
  });

  test('assertValidManifests lists every error', () => {
    const d = deployment();
    d.spec.paused = 'no';
    d.spec.bogus = 1;
    expect(() => assertValidManifests([d])).toThrow(
      '2 Kubernetes 1.28 schema error(s):\n' +
      '  Deployment clinic/api: spec.bogus: unknown field\n' +
      '  Deployment clinic/api: spec.paused: expected boolean, got string',
    );
  });
});
