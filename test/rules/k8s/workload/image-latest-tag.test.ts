import { imageLatestTag } from '../../../../lib/rules/k8s/workload/image-latest-tag';
import { deployment, DIGEST } from '../../../helpers/fixtures';
import { clone, runRule, violations } from '../../../helpers/rule-test';
import { WORKLOAD_KINDS, POD_SPEC_PATH, specOf, workloadOfKind } from '../../../helpers/workloads';

function withImage(image: unknown): any {
  const d = clone(deployment) as any;
  d.spec.template.spec.containers[0].image = image;
  return d;
}

describe('k8s-image-latest-tag', () => {
  test.each([
    ['pinned by digest', `ghcr.io/acme/api@${DIGEST}`],
    ['a version tag', 'ghcr.io/acme/api:1.4.2'],
    ['a tag that only contains latest', 'ghcr.io/acme/api:latest-rc'],
    ['a registry port and a tag', 'localhost:5000/api:2'],
  ])('passes %s', (_what, image) => {
    expect(violations(imageLatestTag, [withImage(image)])).toEqual([]);
  });

  test("flags ':latest' and says what to write instead", () => {
    const [f] = runRule(imageLatestTag, [withImage('ghcr.io/acme/api:latest')]).unwaived;
    expect(`${f.path}: ${f.message}`).toBe(
      "spec.template.spec.containers[0].image: container 'api' uses image 'ghcr.io/acme/api:latest' tagged 'latest', which runs whatever was pushed last",
    );
    expect(f.fix).toBe(
      "Replace ':latest' in spec.template.spec.containers[0].image with the release's version and pin its digest: ghcr.io/acme/api:<version>@sha256:<64 hex digest>.",
    );
  });

  test("flags ':latest' next to a digest too", () => {
    const [f] = runRule(imageLatestTag, [withImage(`ghcr.io/acme/api:latest@${DIGEST}`)]).unwaived;
    expect(f.message).toBe(
      `container 'api' uses image 'ghcr.io/acme/api:latest@${DIGEST}' tagged 'latest'; the digest pins it, but the tag claims it follows whatever was pushed last`,
    );
    expect(f.fix).toContain('ghcr.io/acme/api:<version>@sha256:<64 hex digest>');
  });

  test('flags an image with neither tag nor digest, which means latest', () => {
    const [f] = runRule(imageLatestTag, [withImage('localhost:5000/api')]).unwaived;
    expect(`${f.path}: ${f.message}`).toBe(
      "spec.template.spec.containers[0].image: container 'api' uses image 'localhost:5000/api' with neither tag nor digest, so it pulls 'localhost:5000/api:latest'",
    );
    expect(f.fix).toBe('Set spec.template.spec.containers[0].image to a released version pinned by digest: localhost:5000/api:<version>@sha256:<64 hex digest>.');
  });

  test('leaves a missing image to k8s-image-digest', () => {
    expect(violations(imageLatestTag, [withImage(undefined)])).toEqual([]);
  });

  test('checks init and ephemeral containers', () => {
    const pod = workloadOfKind('Pod');
    pod.spec.initContainers = [{ name: 'migrate', image: 'ghcr.io/acme/migrate:latest' }];
    pod.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox' }];
    expect(violations(imageLatestTag, [pod])).toEqual([
      "spec.ephemeralContainers[0].image: ephemeral container 'debug' uses image 'busybox' with neither tag nor digest, so it pulls 'busybox:latest'",
      "spec.initContainers[0].image: init container 'migrate' uses image 'ghcr.io/acme/migrate:latest' tagged 'latest', which runs whatever was pushed last",
    ]);
  });

  test.each(WORKLOAD_KINDS)('checks the pod of a %s at its own path', (kind) => {
    const obj = workloadOfKind(kind);
    expect(violations(imageLatestTag, [obj])).toEqual([]);
    specOf(obj).containers[0].image = 'nginx:latest';
    expect(violations(imageLatestTag, [obj])).toEqual([
      `${POD_SPEC_PATH[kind]}.containers[0].image: container 'api' uses image 'nginx:latest' tagged 'latest', which runs whatever was pushed last`,
    ]);
  });
});
