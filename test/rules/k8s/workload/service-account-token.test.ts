import { serviceAccountToken } from '../../../../lib/rules/k8s/workload/service-account-token';
import { deployment, serviceAccount } from '../../../helpers/fixtures';
import { clone, runRule, violations, TEST_SOON } from '../../../helpers/rule-test';
import { WORKLOAD_KINDS, POD_SPEC_PATH, specOf, workloadOfKind } from '../../../helpers/workloads';

const PATH = 'spec.template.spec.automountServiceAccountToken';

function unset(): any {
  const d = clone(deployment) as any;
  delete d.spec.template.spec.automountServiceAccountToken;
  return d;
}

describe('k8s-service-account-token', () => {
  test('passes a pod that turns automount off', () => {
    expect(violations(serviceAccountToken, [deployment])).toEqual([]);
  });

  test('flags a pod that turns it on, and tells how to waive it when the token is needed', () => {
    const d = clone(deployment) as any;
    d.spec.template.spec.automountServiceAccountToken = true;
    const [f] = runRule(serviceAccountToken, [d, serviceAccount]).unwaived;
    expect(`${f.path}: ${f.message}`).toBe(`${PATH}: the pod sets automountServiceAccountToken: true, so every container gets a token for ServiceAccount 'api'`);
    expect(f.fix).toBe(
      `Set ${PATH}: false. If the workload must call the Kubernetes API, waive k8s-service-account-token on this Deployment with a reason ` +
        "and grant ServiceAccount 'api' only the permissions it needs.",
    );
  });

  test('flags a projected serviceAccountToken without an audience (a token for the API server); another audience passes', () => {
    const d = clone(deployment) as any;
    d.spec.template.spec.volumes = [
      { name: 'api-token', projected: { sources: [{ configMap: { name: 'ca' } }, { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }] } },
      { name: 'aws-token', projected: { sources: [{ serviceAccountToken: { path: 'token', audience: 'sts.amazonaws.com' } }] } },
    ];
    const [f, ...rest] = runRule(serviceAccountToken, [d, serviceAccount]).unwaived;
    expect(rest).toEqual([]);
    expect(`${f.path}: ${f.message}`).toBe(
      "spec.template.spec.volumes[0].projected.sources[1].serviceAccountToken: volume 'api-token' projects a service account token without an audience, " +
        'which makes it a token for the Kubernetes API',
    );
    expect(f.fix).toBe(
      'Set spec.template.spec.volumes[0].projected.sources[1].serviceAccountToken.audience to the service that reads the token (e.g. sts.amazonaws.com or vault), ' +
        'or remove the source. If the workload must call the Kubernetes API, waive k8s-service-account-token on this Deployment with a reason.',
    );
    d.spec.template.spec.volumes[0].projected.sources[1].serviceAccountToken.audience = 'vault';
    expect(violations(serviceAccountToken, [d, serviceAccount])).toEqual([]);
  });

  test('passes a pod that leaves it unset when its ServiceAccount turns automount off', () => {
    expect(violations(serviceAccountToken, [unset(), serviceAccount])).toEqual([]);
  });

  test('flags a pod that leaves it unset when its ServiceAccount does not turn it off', () => {
    const sa = clone(serviceAccount) as any;
    delete sa.automountServiceAccountToken;
    expect(violations(serviceAccountToken, [unset(), sa])).toEqual([
      `${PATH}: the pod does not set automountServiceAccountToken and its ServiceAccount 'clinic/api' does not set it either, so its token is mounted into every container`,
    ]);
    sa.automountServiceAccountToken = true;
    expect(violations(serviceAccountToken, [unset(), sa])).toEqual([
      `${PATH}: the pod does not set automountServiceAccountToken and its ServiceAccount 'clinic/api' sets it to true, so its token is mounted into every container`,
    ]);
  });

  test('flags a pod that leaves it unset when its ServiceAccount is not among the checked objects', () => {
    expect(violations(serviceAccountToken, [unset()])).toEqual([
      `${PATH}: the pod does not set automountServiceAccountToken and its ServiceAccount 'clinic/api' is not among the checked objects, so Kubernetes mounts its token by default`,
    ]);
  });

  test('looks the ServiceAccount up by name in the workload namespace only', () => {
    const elsewhere = { ...clone(serviceAccount), metadata: { name: 'api', namespace: 'other' } };
    expect(violations(serviceAccountToken, [unset(), elsewhere])).toHaveLength(1);
    const d = unset();
    delete d.spec.template.spec.serviceAccountName;
    const defaultSa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'clinic' }, automountServiceAccountToken: false };
    expect(violations(serviceAccountToken, [d, serviceAccount, defaultSa])).toEqual([]);
  });

  test('uses the default namespace for objects that name none', () => {
    const d = unset();
    delete d.metadata.namespace;
    const sa = { ...clone(serviceAccount), metadata: { name: 'api' } };
    expect(violations(serviceAccountToken, [d, sa])).toEqual([]);
    expect(violations(serviceAccountToken, [d, sa], { defaultNamespace: 'clinic' })).toEqual([]);
    expect(violations(serviceAccountToken, [d, serviceAccount])).toHaveLength(1);
  });

  test('honours the deprecated serviceAccount field', () => {
    const d = unset();
    delete d.spec.template.spec.serviceAccountName;
    d.spec.template.spec.serviceAccount = 'api';
    expect(violations(serviceAccountToken, [d, serviceAccount])).toEqual([]);
  });

  test('a waiver keeps the finding, marked waived', () => {
    const d = clone(deployment) as any;
    d.spec.template.spec.automountServiceAccountToken = true;
    d.metadata.annotations = {
      'hipaa-constructs.io/waivers': JSON.stringify([{ ruleId: 'k8s-service-account-token', reason: 'operator reconciles CRDs through the API server', expires: TEST_SOON }]),
    };
    const result = runRule(serviceAccountToken, [d]);
    expect(result.unwaived).toEqual([]);
    expect(result.waived).toHaveLength(1);
  });

  test.each(WORKLOAD_KINDS)('checks the pod of a %s at its own path', (kind) => {
    const obj = workloadOfKind(kind);
    expect(violations(serviceAccountToken, [obj])).toEqual([]);
    specOf(obj).automountServiceAccountToken = true;
    expect(violations(serviceAccountToken, [obj])).toEqual([
      `${POD_SPEC_PATH[kind]}.automountServiceAccountToken: the pod sets automountServiceAccountToken: true, so every container gets a token for ServiceAccount 'api'`,
    ]);
  });
});
