import { compliantDeployment, restrictedPod } from './support';
import { apparmor } from '../../../../lib/rules/k8s/pod-security/apparmor';
import { deployment } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';

const KEY = 'container.apparmor.security.beta.kubernetes.io';

describe('k8s-apparmor', () => {
  test('passes the compliant deployment (runtime/default annotation)', () => {
    expect(violations(apparmor, [deployment])).toEqual([]);
  });

  test('flags an unconfined annotation, with the exact path and fix', () => {
    const { d, meta } = compliantDeployment();
    meta.annotations[`${KEY}/api`] = 'unconfined';
    const result = runRule(apparmor, [d]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      `spec.template.metadata.annotations["${KEY}/api"]: annotation ${KEY}/api is 'unconfined', which runs container 'api' without AppArmor confinement`,
    ]);
    expect(result.unwaived[0].fix).toBe(
      `Set spec.template.metadata.annotations["${KEY}/api"] to 'runtime/default' (or 'localhost/<profile>' for a profile loaded on every node), or remove it.`,
    );
  });

  test('flags an unknown annotation value on a Pod (init container)', () => {
    const pod = restrictedPod();
    pod.metadata.annotations = { [`${KEY}/init`]: 'docker-default' };
    expect(violations(apparmor, [pod])).toEqual([
      `metadata.annotations["${KEY}/init"]: annotation ${KEY}/init is 'docker-default', which is not runtime/default or localhost/<profile>`,
    ]);
  });

  test('passes runtime/default, localhost/* and empty annotations, and ignores other annotations', () => {
    const pod = restrictedPod();
    pod.metadata.annotations = {
      [`${KEY}/app`]: 'runtime/default',
      [`${KEY}/init`]: 'localhost/k8s-apparmor-example',
      [`${KEY}/other`]: '',
      'example.com/apparmor': 'unconfined',
    };
    expect(violations(apparmor, [pod])).toEqual([]);
  });

  test('flags appArmorProfile.type Unconfined on the pod and a container (Kubernetes 1.30+ fields)', () => {
    const pod = restrictedPod();
    pod.spec.securityContext.appArmorProfile = { type: 'Unconfined' };
    pod.spec.initContainers[0].securityContext.appArmorProfile = { type: 'Unconfined' };
    pod.spec.containers[0].securityContext.appArmorProfile = { type: 'Localhost', localhostProfile: 'my-profile' };
    const result = runRule(apparmor, [pod]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "spec.initContainers[0].securityContext.appArmorProfile.type: init container 'init' sets securityContext.appArmorProfile.type: Unconfined, which turns AppArmor confinement off",
      'spec.securityContext.appArmorProfile.type: the pod sets securityContext.appArmorProfile.type: Unconfined, which turns AppArmor confinement off',
    ]);
    expect(result.unwaived[1].fix).toBe(
      'Set spec.securityContext.appArmorProfile.type: RuntimeDefault (or Localhost with localhostProfile naming a profile loaded on every node).',
    );
  });

  test('flags an appArmorProfile without a type or with an unknown type', () => {
    const pod = restrictedPod();
    pod.spec.containers[0].securityContext.appArmorProfile = {};
    pod.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox', securityContext: { appArmorProfile: { type: 'runtime/default' } } }];
    expect(violations(apparmor, [pod])).toEqual([
      "spec.containers[0].securityContext.appArmorProfile.type: container 'app' sets securityContext.appArmorProfile without a type",
      "spec.ephemeralContainers[0].securityContext.appArmorProfile.type: ephemeral container 'debug' sets securityContext.appArmorProfile.type to 'runtime/default', which is not RuntimeDefault or Localhost",
    ]);
  });

  test('passes RuntimeDefault on the pod', () => {
    const pod = restrictedPod();
    pod.spec.securityContext.appArmorProfile = { type: 'RuntimeDefault' };
    expect(violations(apparmor, [pod])).toEqual([]);
  });
});
