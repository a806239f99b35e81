import { imagePullPolicy } from '../../../../lib/rules/k8s/workload/image-pull-policy';
import { deployment } from '../../../helpers/fixtures';
import { clone, runRule, violations } from '../../../helpers/rule-test';
import { WORKLOAD_KINDS, POD_SPEC_PATH, specOf, workloadOfKind } from '../../../helpers/workloads';

function withPolicy(policy: string | undefined, image?: string): any {
  const d = clone(deployment) as any;
  const c = d.spec.template.spec.containers[0];
  if (policy === undefined) delete c.imagePullPolicy;
  else c.imagePullPolicy = policy;
  if (image !== undefined) c.image = image;
  return d;
}

describe('k8s-image-pull-policy', () => {
  test('is a warning', () => {
    expect(imagePullPolicy.severity).toBe('warning');
  });

  test('passes imagePullPolicy: Always', () => {
    expect(violations(imagePullPolicy, [deployment])).toEqual([]);
  });

  test.each(['IfNotPresent', 'Never'])('flags imagePullPolicy: %s', (policy) => {
    const [f] = runRule(imagePullPolicy, [withPolicy(policy)]).unwaived;
    expect(`${f.path}: ${f.message}`).toBe(`spec.template.spec.containers[0].imagePullPolicy: container 'api' sets imagePullPolicy: ${policy}`);
    expect(f.fix).toBe('Set spec.template.spec.containers[0].imagePullPolicy: Always.');
  });

  test('flags an unset policy on an image by digest, which Kubernetes defaults to IfNotPresent', () => {
    const d = withPolicy(undefined);
    expect(violations(imagePullPolicy, [d])).toEqual([
      `spec.template.spec.containers[0].imagePullPolicy: container 'api' sets no imagePullPolicy, so Kubernetes uses IfNotPresent for image '${d.spec.template.spec.containers[0].image}'`,
    ]);
    expect(violations(imagePullPolicy, [withPolicy(undefined, 'ghcr.io/acme/api:1.2')])).toHaveLength(1);
  });

  test.each(['ghcr.io/acme/api:latest', 'ghcr.io/acme/api'])('passes an unset policy on %s, which Kubernetes defaults to Always', (image) => {
    expect(violations(imagePullPolicy, [withPolicy(undefined, image)])).toEqual([]);
  });

  test('checks init and ephemeral containers', () => {
    const pod = workloadOfKind('Pod');
    pod.spec.initContainers = [{ name: 'migrate', image: 'ghcr.io/acme/migrate:7', imagePullPolicy: 'IfNotPresent' }];
    pod.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36', imagePullPolicy: 'Never' }];
    expect(violations(imagePullPolicy, [pod])).toEqual([
      "spec.ephemeralContainers[0].imagePullPolicy: ephemeral container 'debug' sets imagePullPolicy: Never",
      "spec.initContainers[0].imagePullPolicy: init container 'migrate' sets imagePullPolicy: IfNotPresent",
    ]);
  });

  test.each(WORKLOAD_KINDS)('checks the pod of a %s at its own path', (kind) => {
    const obj = workloadOfKind(kind);
    expect(violations(imagePullPolicy, [obj])).toEqual([]);
    specOf(obj).containers[0].imagePullPolicy = 'IfNotPresent';
    expect(violations(imagePullPolicy, [obj])).toEqual([`${POD_SPEC_PATH[kind]}.containers[0].imagePullPolicy: container 'api' sets imagePullPolicy: IfNotPresent`]);
  });
});
