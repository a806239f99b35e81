import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import * as yaml from 'js-yaml';
import { AuditSink, AuditSinkProps, HipaaValidation } from '../../lib/cdk8s';
import { DEFAULT_PHI_REDACTIONS, redactionScript, replacementOf } from '../../lib/cdk8s/log-forwarder-config';
import { compileLuaPattern } from '../../lib/cdk8s/lua-pattern';
import { check } from '../../lib/check/engine';
import { readManifests } from '../../lib/check/manifests';
import { fromManifest } from '../../lib/check/resource';
import { kubernetesPack } from '../../lib/rules/k8s';
import { AuditRequest, firstMatch } from '../../lib/rules/k8s/support/audit-policy';
import { FLUENT_BIT_IMAGE, FORWARDER } from '../helpers/audit';
import { imagePolicyManifests, newChart, ofKind, REGISTRY } from '../helpers/cdk8s';
import { SOON } from '../helpers/dates';
import { luaFilter } from '../helpers/lua';
import { validateManifests } from '../helpers/schema';

function build(props: AuditSinkProps = { owner: 'platform-team', policyConfigMap: true, forwarder: FORWARDER }) {
  const chart = newChart('platform');
  const sink = new AuditSink(chart, 'audit', props);
  return { chart, sink, manifests: Testing.synth(chart) };
}

describe('AuditSink with a forwarder', () => {
  const { chart, sink, manifests } = build();
  const [ds] = ofKind(manifests, 'DaemonSet');
  const pod = ds.spec.template.spec;
  const [c] = pod.containers;
  const config = ofKind(manifests, 'ConfigMap').find((m) => m.metadata.name === 'fluent-bit-config');
  const conf: string = config.data['fluent-bit.conf'];

  test('snapshot', () => {
    // The waivers' expiry is relative to today (SOON): pinned as a placeholder, asserted exactly below.
    expect(JSON.parse(JSON.stringify(manifests).split(SOON).join('<SOON>'))).toMatchSnapshot();
    expect(sink.policyYaml).toMatchSnapshot();
  });

  test('the full rule pack finds nothing unwaived; the waivers are exactly the forwarder\'s privileges', () => {
    const result = HipaaValidation.of(chart)!.check();
    expect(result.unwaived).toEqual([]);
    // The platform namespace's pods talk to no other workload: mesh mTLS is waived with that reason.
    expect(result.waived.map((f) => `${f.ruleId} ${f.resource.kind}`).sort()).toEqual([
      'k8s-host-path-volumes DaemonSet',
      'k8s-phi-namespace-mtls Namespace',
      'k8s-phi-open-egress NetworkPolicy',
      'k8s-pod-security-admission-labels Namespace',
      'k8s-run-as-non-root DaemonSet',
      'k8s-run-as-non-root-user DaemonSet',
      'k8s-service-account-token DaemonSet',
    ]);
    for (const f of result.waived) expect(f.waiver!.expires).toBe(SOON);
    expect(validateManifests(manifests)).toEqual([]);
  });

  test('hardened but for reading node logs: root without capabilities, read-only root, /var/log read-only', () => {
    expect(c.image).toBe(FLUENT_BIT_IMAGE);
    expect(c.securityContext).toMatchObject({
      runAsUser: 0,
      runAsNonRoot: false,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      privileged: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(c.securityContext.capabilities.add).toBeUndefined();
    const hostPaths = pod.volumes.filter((v: any) => v.hostPath);
    expect(hostPaths).toEqual([{ name: 'varlog', hostPath: { path: '/var/log', type: 'Directory' } }]);
    expect(c.volumeMounts.find((m: any) => m.name === 'varlog')).toEqual({ name: 'varlog', mountPath: '/var/log', readOnly: true });
    expect(pod.volumes.find((v: any) => v.name === 'state').emptyDir).toEqual({ sizeLimit: '320Mi' });
    expect(pod.hostNetwork).toBe(false);
    expect(ds.spec.replicas).toBeUndefined();
    expect(ofKind(manifests, 'PodDisruptionBudget')).toEqual([]);
    expect(pod.topologySpreadConstraints).toBeUndefined();
  });

  test('IRSA ServiceAccount and a ClusterRole that only reads pods and namespaces', () => {
    const sa = ofKind(manifests, 'ServiceAccount')[0];
    expect(sa.metadata).toMatchObject({ name: 'fluent-bit', namespace: 'audit-logging', annotations: { 'eks.amazonaws.com/role-arn': FORWARDER.roleArn } });
    const [role] = ofKind(manifests, 'ClusterRole');
    expect(role.rules).toEqual([{ apiGroups: [''], resources: ['pods', 'namespaces'], verbs: ['get', 'list', 'watch'] }]);
    expect(role.metadata.namespace).toBeUndefined();
    const [binding] = ofKind(manifests, 'ClusterRoleBinding');
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'fluent-bit', namespace: 'audit-logging' }]);
  });

  test('its own platform namespace: default deny, DNS, privileged enforce only, restricted audit and warn', () => {
    const [ns] = ofKind(manifests, 'Namespace');
    expect(ns.metadata.labels).toMatchObject({
      'hipaa-constructs.io/phi': 'true', 'pod-security.kubernetes.io/enforce': 'privileged', 'pod-security.kubernetes.io/audit': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted',
    });
    expect(ofKind(manifests, 'NetworkPolicy').find((p) => p.metadata.name === 'default-deny').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    for (const m of manifests.filter((x) => !['Namespace', 'ClusterRole', 'ClusterRoleBinding'].includes(x.kind))) expect(m.metadata.namespace).toBe('audit-logging');
  });

  test('Fluent Bit: bounded buffers, kubernetes and lua filters before the CloudWatch Logs and S3 outputs', () => {
    expect(conf.match(/Mem_Buf_Limit\s+32MB/g)).toHaveLength(2);
    expect(conf).toMatch(/store_dir_limit_size 256M/);
    expect(conf.indexOf('Name                 lua')).toBeLessThan(conf.indexOf('Name                 cloudwatch_logs'));
    expect(conf).toMatch(/log_group_name\s+\/clinic\/k8s/);
    expect(conf).toMatch(/bucket\s+clinic-k8s-logs/);
    expect(conf).not.toMatch(/tls(\.verify)?\s+off/i);
    expect(config.data['redact.lua']).toBe(redactionScript(DEFAULT_PHI_REDACTIONS));
    expect(c.args).toEqual(['--config', '/fluent-bit/etc/hipaa/fluent-bit.conf']);
  });

  test('hipaa-check recognizes the forwarder: without the lua filter or with tls.verify Off it is flagged', () => {
    const broken = manifests.map((m) => m === config ? { ...m, data: { ...m.data, 'fluent-bit.conf': conf.replace(/\[FILTER\]\n\s+Name\s+lua[^[]*/, '').replace('auto_create_group    Off', 'auto_create_group    Off\n    tls.verify Off') } } : m);
    const context = imagePolicyManifests().map((m) => fromManifest(m));
    const result = check(broken.map((m) => fromManifest(m)), kubernetesPack, { allowedRegistries: [REGISTRY], context });
    const ids = result.unwaived.map((f) => f.ruleId);
    // Both outputs are in one data key: their redaction findings share its path and are merged.
    expect(ids.sort()).toEqual(['k8s-log-forwarder-redaction', 'k8s-log-forwarder-tls']);
  });
});

describe('AuditSink next to a Velero Schedule (one app, or one hipaa-check over both repositories)', () => {
  test('its namespace, with nothing to restore, is not demanded by k8s-phi-namespace-backup', () => {
    const { manifests } = build();
    const schedule = {
      apiVersion: 'velero.io/v1',
      kind: 'Schedule',
      metadata: { name: 'records-backup', namespace: 'velero' },
      spec: { schedule: '0 */6 * * *', template: { includedNamespaces: ['patient-records'], ttl: '720h0m0s' } },
    };
    const context = imagePolicyManifests().map((m) => fromManifest(m));
    const result = check([...manifests, schedule].map((m) => fromManifest(m)), kubernetesPack, { allowedRegistries: [REGISTRY], context });
    const backup = [...result.unwaived, ...result.waived].filter((f) => f.ruleId === 'k8s-phi-namespace-backup' && f.resource.name === 'audit-logging');
    expect(backup.map((f) => [f.waiver?.expires, f.waiver?.reason])).toEqual([[SOON, expect.stringContaining('Nothing here to restore')]]);
  });
});

describe('the audit Policy', () => {
  const { sink } = build({});
  const doc = sink.policyDocument;
  const level = (req: Partial<AuditRequest>) => firstMatch(doc, { user: 'alice@example.org', groups: ['system:authenticated'], verb: 'get', namespace: 'clinic', ...req }).level;

  test('writes no forwarder and no namespace when only the Policy is asked for', () => {
    expect(Testing.synth(sink.node.scope as Chart)).toEqual([]);
    expect(doc).toMatchObject({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', omitStages: ['RequestReceived'] });
  });

  test('first match wins, in the order the issue asks for', () => {
    const core = (resource: string) => ({ group: '', resource });
    expect(level({ resource: undefined, path: '/healthz' })).toBe('None');
    expect(level({ resource: undefined, path: '/readyz/etcd' })).toBe('None');
    expect(level({ resource: undefined, path: '/version' })).toBe('None');
    expect(level({ resource: undefined, path: '/metrics' })).toBe('None');
    expect(level({ resource: undefined, path: '/apis' })).toBe('Metadata');
    expect(level({ user: 'system:kube-proxy', verb: 'watch', resource: core('endpoints') })).toBe('None');
    expect(level({ user: 'system:kube-proxy', verb: 'create', resource: core('pods/exec') })).toBe('RequestResponse');
    expect(level({ verb: 'watch', resource: core('endpoints') })).toBe('Metadata');
    expect(level({ user: 'system:kube-scheduler', verb: 'get', namespace: 'kube-system', resource: { group: 'coordination.k8s.io', resource: 'leases' } })).toBe('None');
    expect(level({ user: 'system:kube-scheduler', verb: 'update', namespace: 'kube-system', resource: { group: 'coordination.k8s.io', resource: 'leases' } })).toBe('Request');
    for (const verb of ['get', 'list', 'create', 'update', 'patch', 'delete']) {
      expect(level({ verb, resource: core('secrets') })).toBe('Metadata');
      expect(level({ verb, resource: core('configmaps') })).toBe('Metadata');
    }
    expect(level({ verb: 'create', resource: { group: 'authentication.k8s.io', resource: 'tokenreviews' } })).toBe('Metadata');
    expect(level({ verb: 'create', resource: core('serviceaccounts/token') })).toBe('Metadata');
    expect(level({ verb: 'create', resource: { group: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings' }, namespace: '' })).toBe('RequestResponse');
    expect(level({ verb: 'get', resource: { group: 'rbac.authorization.k8s.io', resource: 'roles' } })).toBe('Metadata');
    for (const r of ['pods/exec', 'pods/attach', 'pods/portforward']) expect(level({ verb: 'get', resource: core(r) })).toBe('RequestResponse');
    expect(level({ verb: 'create', resource: { group: 'apps', resource: 'deployments' } })).toBe('RequestResponse');
    expect(level({ verb: 'create', resource: { group: 'admissionregistration.k8s.io', resource: 'validatingadmissionpolicies' }, namespace: '' })).toBe('RequestResponse');
    expect(level({ verb: 'create', resource: core('services') })).toBe('Request');
    expect(level({ verb: 'list', resource: core('services') })).toBe('Metadata');
  });

  test('safe options: exclusions only drop reads, after the RBAC, exec and Secrets rules', () => {
    const { sink: s } = build({ policy: { excludeReadsInNamespaces: ['monitoring'], excludeReadsByUsers: ['system:serviceaccount:monitoring:prometheus'], metadataResources: [{ group: 'external-secrets.io', resources: ['externalsecrets'] }], requestResponseResources: [{ group: 'clinic.example.org', resources: ['consents'] }] } });
    const l = (req: Partial<AuditRequest>) => firstMatch(s.policyDocument, { user: 'alice@example.org', groups: ['system:authenticated'], verb: 'get', namespace: 'monitoring', ...req }).level;
    expect(l({ resource: { group: '', resource: 'pods' } })).toBe('None');
    expect(l({ resource: { group: '', resource: 'pods/exec' } })).toBe('RequestResponse');
    expect(l({ resource: { group: '', resource: 'secrets' } })).toBe('Metadata');
    expect(l({ verb: 'create', resource: { group: '', resource: 'services' } })).toBe('Request');
    expect(l({ user: 'system:serviceaccount:monitoring:prometheus', namespace: 'clinic', resource: { group: '', resource: 'pods' } })).toBe('None');
    expect(l({ verb: 'create', namespace: 'clinic', resource: { group: 'external-secrets.io', resource: 'externalsecrets' } })).toBe('Metadata');
    expect(l({ verb: 'create', namespace: 'clinic', resource: { group: 'clinic.example.org', resource: 'consents' } })).toBe('RequestResponse');
    expect(check([fromManifest(s.policyDocument)], kubernetesPack).findings).toEqual([]);
  });

  test('the Policy passes every rule, and as a ConfigMap too', () => {
    expect(check([fromManifest(doc)], kubernetesPack).findings).toEqual([]);
    const { manifests } = build({ policyConfigMap: true });
    const cm = ofKind(manifests, 'ConfigMap')[0];
    expect(yaml.load(cm.data['policy.yaml'])).toEqual(doc);
  });

  test('writePolicyFile writes the YAML next to the manifests, and hipaa-check reads it as a Policy', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-sink-'));
    const file = sink.writePolicyFile(path.join(dir, 'audit-policy.yaml'));
    const resources = readManifests([dir]);
    expect(resources.map((r) => `${r.apiVersion} ${r.kind}`)).toEqual(['audit.k8s.io/v1 Policy']);
    expect(yaml.load(fs.readFileSync(file, 'utf8'))).toEqual(doc);
    expect(check(resources, kubernetesPack).findings).toEqual([]);
  });
});

describe('PHI redaction', () => {
  const run = luaFilter(redactionScript(DEFAULT_PHI_REDACTIONS));
  const samples: [string, string][] = [
    ['lookup ssn=123-45-6789 done', 'lookup ssn=[REDACTED-SSN] done'],
    ['ssn 123 45 6789', 'ssn [REDACTED-SSN]'],
    ['patient MRN: 00412345 admitted', 'patient [REDACTED-MRN] admitted'],
    ['{"mrn":"AB-99812"}', '{"[REDACTED-MRN]"}'],
    ['mail to jane.doe+clinic@example-health.org failed', 'mail to [REDACTED-EMAIL] failed'],
    ['sms +1 (555) 123-4567 and 555.123.4567', 'sms +1 [REDACTED-PHONE] and [REDACTED-PHONE]'],
    ['DOB: 01/02/1980', '[REDACTED-DOB]'],
    ['"birthDate":"1980-01-02"', '"[REDACTED-DOB]"'],
    ['date of birth = 2/3/1975, ok', 'date of [REDACTED-DOB], ok'],
  ];

  test.each(samples)('the Lua filter redacts %j', (line, expected) => {
    expect(run(line)).toEqual({ code: 2, log: expected, nested: expected });
  });

  test('lines without PHI pass unchanged (timestamps and request ids stay)', () => {
    for (const line of ['2026-12-02T04:00:00.123Z GET /api/v1/health 200 12ms', 'request 9f1c2e7a-1b2c-4d5e-8f90-123456789abc took 3 s']) {
      expect(run(line)).toEqual({ code: 0, log: line, nested: line });
    }
  });

  test('each pattern compiles to a RegExp that agrees with Lua on the samples', () => {
    for (const [line] of samples) {
      let js = line;
      for (const r of DEFAULT_PHI_REDACTIONS) js = js.replace(compileLuaPattern(r.pattern).regExp!, replacementOf(r));
      expect(js).toBe(run(line).log);
    }
  });

  test('configurable: own patterns and replacements, % in a replacement kept literally', () => {
    const own = luaFilter(redactionScript([{ name: 'patient-id', pattern: 'PID%-%d+', replacement: '<100% hidden>' }]));
    expect(own('visit PID-4411 and PID-9')).toEqual({ code: 2, log: 'visit <100% hidden> and <100% hidden>', nested: 'visit <100% hidden> and <100% hidden>' });
  });
});
