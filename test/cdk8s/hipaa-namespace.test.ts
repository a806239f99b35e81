import { Testing } from 'cdk8s';
import { HipaaNamespace, HipaaValidation } from '../../lib/cdk8s';
import { newChart, ofKind } from '../helpers/cdk8s';
import { apartFromMtls } from '../helpers/mesh';

function build() {
  const chart = newChart();
  new HipaaNamespace(chart, 'clinic', {
    owner: 'platform-team',
    access: { readers: ['oncall'], operators: ['sre'], admins: ['platform-admins'], auditors: ['compliance'] },
  });
  return chart;
}

describe('HipaaNamespace', () => {
  const manifests = Testing.synth(build());

  test('snapshot', () => {
    expect(manifests).toMatchSnapshot();
  });

  test('the full rule pack finds nothing', () => {
    expect(apartFromMtls(HipaaValidation.of(build())!.check().findings)).toEqual([]);
  });

  test('Pod Security Admission restricted for enforce, audit and warn, version pinned; PHI and owner labels', () => {
    const [ns] = ofKind(manifests, 'Namespace');
    expect(ns.metadata).toEqual({
      name: 'clinic',
      labels: {
        'hipaa-constructs.io/owner': 'platform-team',
        'hipaa-constructs.io/phi': 'true',
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/enforce-version': 'v1.28',
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/audit-version': 'v1.28',
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/warn-version': 'v1.28',
      },
    });
  });

  test('the Namespace comes first so the objects in it can be applied', () => {
    expect(manifests[0].kind).toBe('Namespace');
  });

  test('default deny for ingress and egress, plus DNS to kube-dns only', () => {
    const policies = ofKind(manifests, 'NetworkPolicy');
    const deny = policies.find((p) => p.metadata.name === 'default-deny');
    expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const dns = policies.find((p) => p.metadata.name === 'allow-dns-egress');
    expect(dns.spec.policyTypes).toEqual(['Egress']);
    expect(dns.spec.egress).toEqual([{
      to: [{
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
        podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      }],
      ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
    }]);
  });

  test('quota forbids NodePort and LoadBalancer services; limits give every container defaults', () => {
    const [quota] = ofKind(manifests, 'ResourceQuota');
    expect(quota.spec.hard['services.nodeports']).toBe('0');
    expect(quota.spec.hard['services.loadbalancers']).toBe('0');
    const [limits] = ofKind(manifests, 'LimitRange');
    expect(Object.keys(limits.spec.limits[0].default).sort()).toEqual(['cpu', 'ephemeral-storage', 'memory']);
  });

  test('quota and limits defaults can be overridden one by one', () => {
    const chart = newChart();
    new HipaaNamespace(chart, 'clinic', { owner: 'team', quota: { pods: 10, limitsMemory: '64Gi' }, limits: { maxCpu: '2' } });
    const out = Testing.synth(chart);
    const [quota] = ofKind(out, 'ResourceQuota');
    expect(quota.spec.hard.pods).toBe('10');
    expect(quota.spec.hard['limits.memory']).toBe('64Gi');
    expect(quota.spec.hard['requests.cpu']).toBe('8');
    expect(ofKind(out, 'LimitRange')[0].spec.limits[0].max.cpu).toBe('2');
  });

  test('four roles without wildcards; nobody reads Secrets; auditor reads no logs or ConfigMaps', () => {
    const roles = ofKind(manifests, 'Role');
    expect(roles.map((r) => r.metadata.name)).toEqual(['phi-reader', 'phi-operator', 'phi-admin', 'auditor']);
    for (const role of roles) {
      for (const rule of role.rules) {
        expect(rule.verbs).not.toContain('*');
        expect(rule.resources).not.toContain('*');
        expect(rule.resources).not.toContain('secrets');
        expect(rule.resources).not.toContain('pods/exec');
      }
    }
    const auditor = roles.find((r) => r.metadata.name === 'auditor');
    const auditorResources = auditor.rules.flatMap((r: any) => r.resources);
    expect(auditorResources).not.toContain('pods/log');
    expect(auditorResources).not.toContain('configmaps');
    expect(auditor.rules.flatMap((r: any) => r.verbs)).toEqual(expect.not.arrayContaining(['create', 'update', 'patch', 'delete']));
  });

  test('each role is bound to the groups given', () => {
    const bindings = ofKind(manifests, 'RoleBinding');
    expect(bindings.map((b) => [b.roleRef.name, b.subjects.map((s: any) => `${s.kind}:${s.name}`)])).toEqual([
      ['phi-reader', ['Group:oncall']],
      ['phi-operator', ['Group:sre']],
      ['phi-admin', ['Group:platform-admins']],
      ['auditor', ['Group:compliance']],
    ]);
  });

  test("the namespace's default ServiceAccount mounts no token", () => {
    const sa = ofKind(manifests, 'ServiceAccount').find((s) => s.metadata.name === 'default');
    expect(sa).toEqual({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'default', namespace: 'clinic', labels: { 'hipaa-constructs.io/owner': 'platform-team', 'hipaa-constructs.io/phi': 'true' } },
      automountServiceAccountToken: false,
    });
  });

  describe('bad input', () => {
    test('a name that is not a DNS-1123 label is refused at construction, by k8s-valid-name', () => {
      expect(() => new HipaaNamespace(newChart(), 'ns', { name: 'Patient_Records', owner: 'team' })).toThrow(
        "[test/ns] name: Namespace name 'Patient_Records' is not a valid DNS-1123 label: use only lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters (k8s-valid-name). Rename name to a valid DNS-1123 label, e.g. 'patient-records'.",
      );
    });

    test('no owner', () => {
      expect(() => new HipaaNamespace(newChart(), 'ns', { owner: ' ' })).toThrow(
        '[test/ns] owner: an owner is required so access to PHI can be attributed (k8s-namespace-phi-label); give a team or person.',
      );
    });

    test('binding a role to a group that stands for everyone is refused at synth by k8s-rbac-no-anonymous', () => {
      const chart = newChart();
      new HipaaNamespace(chart, 'ns', { owner: 'team', access: { readers: ['system:authenticated'] } });
      expect(() => Testing.synth(chart)).toThrow(
        "- [k8s-rbac-no-anonymous] test/ns/Binding-phi-reader (RoleBinding ns/phi-reader) subjects[0].name: grants Role 'phi-reader' to Group 'system:authenticated', which is every authenticated identity, including every ServiceAccount of every namespace",
      );
    });

    test('an empty group name', () => {
      expect(() => new HipaaNamespace(newChart(), 'ns', { owner: 'team', access: { auditors: [''] } })).toThrow(
        '[test/ns] access.auditors[0]: the groups for role auditor must be non-empty names from your identity provider (got "").',
      );
    });
  });
});
