import { check, CheckOptions } from '../../lib/check/engine';
import { fromManifest } from '../../lib/check/resource';
import { WAIVERS_ANNOTATION } from '../../lib/check/waiver';
import { privileged } from '../../lib/rules/k8s/pod-security/privileged';
import { runAsNonRoot } from '../../lib/rules/k8s/pod-security/run-as-non-root';
import { TEST_NOW, TEST_SOON } from '../helpers/rule-test';

/** Privileged and run-as-non-root, nothing else: the findings are easy to list. */
const PACK = { name: 'pods', description: 'two pod rules', rules: [privileged, runAsNonRoot] };
const reason = 'Node agent needs the host devices; dedicated node pool, RISK-7.';

/** A Deployment whose app, sidecar, init and ephemeral containers are all privileged (and may run as root). */
function agent(waivers?: object[], kind = 'Deployment'): Record<string, any> {
  const containers = {
    containers: [{ name: 'app', image: 'app:1' }, { name: 'sidecar', image: 'proxy:1' }, ...Array.from({ length: 9 }, (_, i) => ({ name: `c${i + 2}`, image: 'x:1' }))],
    initContainers: [{ name: 'init', image: 'init:1' }],
    ephemeralContainers: [{ name: 'debug', image: 'debug:1' }],
  };
  for (const list of Object.values(containers)) for (const c of list as any[]) c.securityContext = { privileged: true };
  const metadata = { name: 'agent', namespace: 'ops', ...(waivers ? { annotations: { [WAIVERS_ANNOTATION]: JSON.stringify(waivers) } } : {}) };
  if (kind === 'CronJob') {
    return { apiVersion: 'batch/v1', kind, metadata, spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: containers } } } } };
  }
  if (kind === 'ConfigMap') return { apiVersion: 'v1', kind, metadata, data: {} };
  return { apiVersion: 'apps/v1', kind, metadata, spec: { template: { spec: containers } } };
}

function run(manifests: object[], options: CheckOptions = {}) {
  const result = check(manifests.map((m) => fromManifest(m as any)), PACK, { now: TEST_NOW, ...options });
  const show = (f: (typeof result.findings)[number]) => `${f.ruleId} ${f.path}`;
  return { result, waived: result.waived.map(show), unwaived: result.unwaived.map(show) };
}

const P = 'spec.template.spec.';
const privilegedAt = (c: string) => `k8s-privileged ${P}${c}.securityContext.privileged`;

describe('a waiver limited to one container', () => {
  test('in an annotation, waives the findings inside that container only', () => {
    const { result, waived, unwaived } = run([agent([{ ruleId: 'k8s-privileged', reason, expires: TEST_SOON, container: 'sidecar' }])]);
    expect(waived).toEqual([privilegedAt('containers[1]')]);
    expect(unwaived.filter((f) => f.startsWith('k8s-privileged'))).toEqual([
      privilegedAt('containers[0]'),
      privilegedAt('containers[10]'), // containers[1] is not a prefix of containers[10]
      ...[2, 3, 4, 5, 6, 7, 8, 9].map((i) => privilegedAt(`containers[${i}]`)),
      privilegedAt('ephemeralContainers[0]'),
      privilegedAt('initContainers[0]'),
    ].sort());
    expect(result.waived[0].waiver).toEqual({ ruleId: 'k8s-privileged', reason, expires: TEST_SOON, container: 'sidecar' });
  });

  test('does not waive a finding of the same rule at the pod level', () => {
    const d = agent([{ ruleId: 'k8s-run-as-non-root', reason, expires: TEST_SOON, container: 'app' }]);
    d.spec.template.spec.securityContext = { runAsNonRoot: false };
    d.spec.template.spec.containers[0].securityContext.runAsNonRoot = false;
    const { waived, unwaived } = run([d]);
    expect(waived).toEqual([`k8s-run-as-non-root ${P}containers[0].securityContext.runAsNonRoot`]);
    expect(unwaived.filter((f) => f.startsWith('k8s-run-as-non-root'))).toEqual([`k8s-run-as-non-root ${P}securityContext.runAsNonRoot`]);
  });

  test('finds init and ephemeral containers by name too, and CronJob pods', () => {
    expect(run([agent([{ ruleId: 'k8s-privileged', reason, expires: TEST_SOON, container: 'init' }])]).waived).toEqual([privilegedAt('initContainers[0]')]);
    expect(run([agent([{ ruleId: 'k8s-privileged', reason, expires: TEST_SOON, container: 'debug' }])]).waived).toEqual([privilegedAt('ephemeralContainers[0]')]);
    expect(run([agent([{ ruleId: 'k8s-privileged', reason, expires: TEST_SOON, container: 'sidecar' }], 'CronJob')]).waived).toEqual([
      'k8s-privileged spec.jobTemplate.spec.template.spec.containers[1].securityContext.privileged',
    ]);
  });

  test('a whole-object waiver of the same rule still covers every container', () => {
    const { waived } = run([agent([
      { ruleId: 'k8s-privileged', reason, expires: TEST_SOON, container: 'sidecar' },
      { ruleId: 'k8s-privileged', reason, expires: TEST_SOON },
    ])]);
    expect(waived).toHaveLength(13);
  });

  test('an unknown container in an annotation is a waiver-invalid finding, and waives nothing', () => {
    const { result, waived } = run([agent([{ ruleId: 'k8s-privileged', reason, expires: TEST_SOON, container: 'sidecra' }])]);
    expect(waived).toEqual([]);
    expect(result.unwaived.filter((f) => f.ruleId === 'waiver-invalid').map((f) => `${f.path}: ${f.message}`)).toEqual([
      `metadata.annotations["${WAIVERS_ANNOTATION}"]: waiver of rule 'k8s-privileged' names container 'sidecra', but the pod has no container of that name ` +
        "(it has container 'app', container 'sidecar', container 'c2', container 'c3', container 'c4', container 'c5', container 'c6', container 'c7', " +
        "container 'c8', container 'c9', container 'c10', init container 'init', ephemeral container 'debug')",
    ]);
  });

  test('a container on an object without a pod is a waiver-invalid finding', () => {
    const cm = agent([{ ruleId: 'k8s-privileged', reason, expires: TEST_SOON, container: 'app' }], 'ConfigMap');
    expect(run([cm]).result.unwaived.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([
      "waiver-invalid: waiver of rule 'k8s-privileged' names container 'app', but a ConfigMap has no pod, so there is no container to limit the waiver to",
    ]);
  });

  test('an expired container waiver is reported with its container', () => {
    const { result } = run([agent([{ ruleId: 'k8s-privileged', reason, expires: '2026-05-31', container: 'app' }])]);
    expect(result.unwaived.filter((f) => f.ruleId === 'waiver-expired').map((f) => f.message)).toEqual([
      "waiver of rule 'k8s-privileged' for container 'app' expired on 2026-05-31; it no longer applies",
    ]);
  });

  test('given to the checker, applies to the targeted objects that have the container', () => {
    const other: Record<string, any> = { ...agent(), metadata: { name: 'other', namespace: 'ops' } };
    other.spec.template.spec.containers = [{ name: 'main', image: 'x:1', securityContext: { privileged: true } }];
    const { result } = run([agent(), other], {
      waivers: [{ ruleId: 'k8s-privileged', reason, expires: TEST_SOON, container: 'sidecar', target: { kind: 'Deployment' } }],
    });
    expect(result.waived.map((f) => `${f.resource.name} ${f.path}`)).toEqual([`agent ${P}containers[1].securityContext.privileged`]);
    expect(result.unwaived.some((f) => f.resource.name === 'other' && f.ruleId === 'k8s-privileged')).toBe(true);
    expect(result.unwaived.some((f) => f.ruleId === 'waiver-invalid')).toBe(false);
  });
});

describe('checker options about waivers', () => {
  test('maxWaiverMonths is validated by the engine', () => {
    expect(() => check([], PACK, { maxWaiverMonths: 0 })).toThrow(
      'maxWaiverMonths must be a whole number of months from 1 to 36 (got 0): waivers are evaluated again at least that often (45 CFR 164.308(a)(8))',
    );
  });

  test('maxWaiverMonths applies to waivers in annotations and given to the checker', () => {
    const w = { ruleId: 'k8s-privileged', reason, expires: '2026-10-01' };
    expect(run([agent([w])]).result.unwaived.some((f) => f.ruleId === 'waiver-invalid')).toBe(false);
    expect(run([agent([w])], { maxWaiverMonths: 3 }).result.unwaived.filter((f) => f.ruleId === 'waiver-invalid').map((f) => f.message)).toEqual([
      'waiver 0: expires 2026-10-01 is more than 3 months ahead (latest allowed: 2026-09-01): a waiver is evaluated again at least that often (45 CFR 164.308(a)(8)); ' +
        'set an earlier date, or raise maxWaiverMonths (hipaa-check: --max-waiver-months) if your review period is longer',
    ]);
    expect(() => check([], PACK, { now: TEST_NOW, maxWaiverMonths: 3, waivers: [w] })).toThrow(
      "Invalid waiver: waivers[0] (rule 'k8s-privileged'): expires 2026-10-01 is more than 3 months ahead",
    );
  });

  test('waivers that are not a list are refused clearly, every bad waiver in one error', () => {
    expect(() => check([], PACK, { waivers: { ruleId: 'k8s-privileged', reason, expires: TEST_SOON } as any })).toThrow(
      'Invalid check option: waivers must be a list of waivers (got an object)',
    );
    expect(() => check([], PACK, { now: TEST_NOW, waivers: [{ ruleId: 'k8s-privileged', reason } as any, 'k8s-privileged' as any] })).toThrow(
      "Invalid waivers: waivers[0] (rule 'k8s-privileged'): expires is missing: give the last day the waiver holds (YYYY-MM-DD, at most 12 months ahead, i.e. 2027-06-01 or earlier), " +
        'so the accepted risk is evaluated again (45 CFR 164.308(a)(8))\n' +
        "waivers[1] (rule '?'): a waiver must be an object with ruleId, reason and expires (got the string \"k8s-privileged\")",
    );
  });
});
