import { restrictedPod } from './support';
import { check } from '../../../../lib/check/engine';
import { fromManifest } from '../../../../lib/check/resource';
import { combinePacks } from '../../../../lib/check/rule';
import { POD_KINDS } from '../../../../lib/rules/k8s/pod';
import { podSecurityBaselinePack, podSecurityPack } from '../../../../lib/rules/k8s/pod-security';
import { compliantSet } from '../../../helpers/fixtures';
import { expectOneRulePerFile, expectPackPasses, expectRuleDescribed } from '../../../helpers/pack-test';
import { TEST_NOW } from '../../../helpers/rule-test';
import { POD_METADATA_PATH, POD_SPEC_PATH, WORKLOAD_KINDS, workloadOfKind } from '../../../helpers/workloads';

/** Modules in the folder that are not rules. */
const NOT_RULES = ['index.ts', 'helpers.ts'];

function run(manifests: object[]) {
  return check(manifests.map((m) => fromManifest(m as Record<string, any>)), podSecurityPack, { now: TEST_NOW });
}

describe('podSecurityPack', () => {
  test('the compliant fixtures pass the whole pack', () => {
    expectPackPasses(podSecurityPack, compliantSet());
  });

  test('every rule has a unique id equal to k8s-<its file name>, and every rule file is in the pack', () => {
    expectOneRulePerFile(podSecurityPack, 'pod-security', NOT_RULES);
  });

  test('covers every control of both profiles', () => {
    expect(podSecurityPack.rules.map((r) => r.id)).toEqual([
      // baseline, in the order of the Kubernetes documentation's table
      'k8s-host-process',
      'k8s-host-namespaces',
      'k8s-privileged',
      'k8s-baseline-capabilities',
      'k8s-host-path-volumes',
      'k8s-host-ports',
      'k8s-host-probes',
      'k8s-apparmor',
      'k8s-selinux',
      'k8s-proc-mount',
      'k8s-seccomp-unconfined',
      'k8s-sysctls',
      // restricted
      'k8s-volume-types',
      'k8s-allow-privilege-escalation',
      'k8s-run-as-non-root',
      'k8s-run-as-non-root-user',
      'k8s-seccomp-profile',
      'k8s-drop-all-capabilities',
    ]);
    expect(podSecurityBaselinePack.rules).toEqual(podSecurityPack.rules.slice(0, 12));
  });

  test.each(podSecurityPack.rules.map((r) => [r.id, r] as const))('%s has complete metadata', (_id, rule) => {
    const profile = podSecurityBaselinePack.rules.includes(rule) ? 'baseline' : 'restricted';
    expect(rule.description).toMatch(new RegExp(`^Pod Security Standards \\(${profile}\\), control "[^"]+": `));
    expect(rule.severity).toBe('error');
    expect(rule.kinds).toEqual(POD_KINDS);
    expectRuleDescribed(rule);
  });

  test('joins other packs without duplicate ids', () => {
    expect(() => combinePacks('x', 'x', podSecurityPack)).not.toThrow();
  });

  test.each(WORKLOAD_KINDS.map((k) => [k]))('checks the pod template of a %s, at the right paths', (kind) => {
    const pod = restrictedPod();
    pod.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' };
    pod.spec.hostNetwork = true;
    pod.spec.securityContext.runAsUser = 0;
    pod.spec.volumes = [{ name: 'host', hostPath: { path: '/' } }];
    pod.spec.containers[0].securityContext.privileged = true;
    pod.spec.initContainers[0].securityContext.capabilities.add = ['SYS_ADMIN'];
    const base = POD_SPEC_PATH[kind];
    const meta = POD_METADATA_PATH[kind];
    expect(run([workloadOfKind(kind, { pod })]).unwaived.map((f) => `${f.ruleId} ${f.path}`)).toEqual([
      `k8s-apparmor ${meta}.annotations["container.apparmor.security.beta.kubernetes.io/app"]`,
      `k8s-baseline-capabilities ${base}.initContainers[0].securityContext.capabilities.add[0]`,
      `k8s-host-namespaces ${base}.hostNetwork`,
      `k8s-host-path-volumes ${base}.volumes[0].hostPath`,
      `k8s-privileged ${base}.containers[0].securityContext.privileged`,
      `k8s-run-as-non-root-user ${base}.securityContext.runAsUser`,
    ]);
  });

  test('reports each problem once: baseline findings are not repeated by restricted rules', () => {
    const pod = restrictedPod();
    pod.spec.securityContext.seccompProfile = { type: 'Unconfined' };
    pod.spec.volumes = [{ name: 'host', hostPath: { path: '/' } }];
    pod.spec.containers[0].securityContext.capabilities.add = ['SYS_ADMIN'];
    expect(run([pod]).unwaived.map((f) => `${f.ruleId} ${f.path}`)).toEqual([
      'k8s-baseline-capabilities spec.containers[0].securityContext.capabilities.add[0]',
      'k8s-host-path-volumes spec.volumes[0].hostPath',
      'k8s-seccomp-unconfined spec.securityContext.seccompProfile.type',
    ]);
  });

  test('ignores objects that carry no pod', () => {
    expect(run([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { privileged: 'true' } }]).findings).toEqual([]);
    expect(run([{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'empty' } }]).findings).toEqual([]);
  });
});
