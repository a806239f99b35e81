import { noDefaultNamespace } from '../../../../lib/rules/k8s/namespace/no-default-namespace';
import { POD_KINDS } from '../../../../lib/rules/k8s/pod';
import { compliantSet, deployment, namespace, serviceAccount } from '../../../helpers/fixtures';
import { clone, runRule, violations } from '../../../helpers/rule-test';
import { workloadOfKind } from '../../../helpers/workloads';

const rule = noDefaultNamespace;

function inNamespace<T>(manifest: T, ns: string | undefined): T {
  const m = clone(manifest) as any;
  if (ns === undefined) delete m.metadata.namespace;
  else m.metadata.namespace = ns;
  return m;
}

const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: 'clinic' }, spec: { selector: { 'app.kubernetes.io/name': 'api' }, ports: [{ port: 80, targetPort: 8080 }] } };
const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'clinic' }, type: 'Opaque' };
const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'clinic' }, data: {} };
const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'reader', namespace: 'clinic' }, rules: [] };

describe('k8s-no-default-namespace', () => {
  test('passes objects in their own namespace', () => {
    expect(violations(rule, compliantSet())).toEqual([]);
  });

  test("flags an object explicitly in 'default'", () => {
    expect(violations(rule, [inNamespace(service, 'default')])).toEqual(["metadata.namespace: Service 'api' is in the 'default' namespace"]);
  });

  test('flags an object without a namespace, and explains how to set one in cdk8s', () => {
    const result = runRule(rule, [inNamespace(deployment, undefined)]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "metadata.namespace: metadata.namespace is not set, so Deployment 'api' lands in the 'default' namespace when applied",
    ]);
    expect(result.unwaived[0].fix).toContain("new Chart(app, 'api', { namespace: 'clinic' })");
    expect(result.unwaived[0].fix).toContain('defaultNamespace');
  });

  test('accepts objects without a namespace when the check is told they are applied to another namespace', () => {
    expect(violations(rule, [inNamespace(deployment, undefined), inNamespace(secret, undefined)], { defaultNamespace: 'clinic' })).toEqual([]);
  });

  test("still flags an explicit 'default' when the check's default namespace is another", () => {
    expect(violations(rule, [inNamespace(secret, 'default')], { defaultNamespace: 'clinic' })).toEqual(["metadata.namespace: Secret 'db' is in the 'default' namespace"]);
  });

  test('covers Secrets, ConfigMaps, Roles, ServiceAccounts and every pod-bearing kind', () => {
    const objects = [secret, configMap, role, serviceAccount, ...POD_KINDS.map((k) => workloadOfKind(k))].map((m) => inNamespace(m, 'default'));
    const result = runRule(rule, objects);
    expect(result.unwaived.map((f) => f.resource.kind).sort()).toEqual(['ConfigMap', 'Role', 'Secret', 'ServiceAccount', ...POD_KINDS].sort());
  });

  test('does not flag cluster-scoped objects, which have no namespace', () => {
    const clusterRole = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'auditor' }, rules: [] };
    const defaultNamespaceObject = { ...clone(namespace), metadata: { ...clone(namespace).metadata, name: 'default' } };
    expect(violations(rule, [clusterRole, defaultNamespaceObject])).toEqual([]);
  });

  test('does not flag objects in other namespaces, kube-system included', () => {
    expect(violations(rule, [inNamespace(configMap, 'kube-system'), inNamespace(configMap, 'defaults')])).toEqual([]);
  });
});
