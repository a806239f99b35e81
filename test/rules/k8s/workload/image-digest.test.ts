import { imageDigest } from '../../../../lib/rules/k8s/workload/image-digest';
import { deployment, DIGEST } from '../../../helpers/fixtures';
import { clone, runRule, violations } from '../../../helpers/rule-test';
import { WORKLOAD_KINDS, containerNamed, POD_SPEC_PATH, specOf, workloadOfKind } from '../../../helpers/workloads';

const ECR = '123456789012.dkr.ecr.us-east-1.amazonaws.com/clinic/api';

function withImage(image: unknown): any {
  const d = clone(deployment) as any;
  d.spec.template.spec.containers[0].image = image;
  return d;
}

describe('k8s-image-digest', () => {
  test('passes an image pinned by sha256 digest, with or without a tag in front', () => {
    expect(violations(imageDigest, [deployment])).toEqual([]);
    expect(violations(imageDigest, [withImage(`${ECR}:1.4.2@${DIGEST}`)])).toEqual([]);
  });

  test('flags an image by tag and says how to pin it', () => {
    const [f] = runRule(imageDigest, [withImage(`${ECR}:1.4.2`)]).unwaived;
    expect(`${f.path}: ${f.message}`).toBe(`spec.template.spec.containers[0].image: container 'api' uses image '${ECR}:1.4.2' by tag '1.4.2', not pinned by digest`);
    expect(f.fix).toBe(
      `Pin spec.template.spec.containers[0].image by digest: ${ECR}:1.4.2@sha256:<64 hex digest>; look the digest up with ` +
        `\`crane digest ${ECR}:1.4.2\` or \`docker buildx imagetools inspect ${ECR}:1.4.2\`.`,
    );
  });

  test('flags an image with neither tag nor digest', () => {
    expect(violations(imageDigest, [withImage('nginx')])).toEqual([
      "spec.template.spec.containers[0].image: container 'api' uses image 'nginx' with neither tag nor digest, not pinned by digest",
    ]);
  });

  test.each([
    ['a short digest', `${ECR}@sha256:abc`, 'sha256:abc'],
    ['upper-case hex', `${ECR}@sha256:${'A'.repeat(64)}`, `sha256:${'A'.repeat(64)}`],
    ['another algorithm', `${ECR}@sha512:${'a'.repeat(128)}`, `sha512:${'a'.repeat(128)}`],
  ])('flags %s', (_what, image, digest) => {
    const [f] = runRule(imageDigest, [withImage(image)]).unwaived;
    expect(`${f.path}: ${f.message}`).toBe(
      `spec.template.spec.containers[0].image: container 'api' uses image '${image}', whose digest '${digest}' is not sha256: followed by 64 lower-case hex characters`,
    );
    expect(f.fix).toBe(`Replace the digest with the image's full sha256 digest: ${ECR}@sha256:<64 hex digest> (from \`crane digest ${ECR}\`).`);
  });

  test('flags a container with no image', () => {
    expect(violations(imageDigest, [withImage(undefined), withImage('')].map((d, i) => ({ ...d, metadata: { ...d.metadata, name: `api-${i}` } })))).toEqual([
      "spec.template.spec.containers[0].image: container 'api' has no image",
      "spec.template.spec.containers[0].image: container 'api' has no image",
    ]);
  });

  test('checks init and ephemeral containers', () => {
    const pod = workloadOfKind('Pod');
    pod.spec.initContainers = [{ ...containerNamed('migrate'), image: 'ghcr.io/acme/migrate:7' }];
    pod.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36' }];
    expect(violations(imageDigest, [pod])).toEqual([
      "spec.ephemeralContainers[0].image: ephemeral container 'debug' uses image 'busybox:1.36' by tag '1.36', not pinned by digest",
      "spec.initContainers[0].image: init container 'migrate' uses image 'ghcr.io/acme/migrate:7' by tag '7', not pinned by digest",
    ]);
  });

  test.each(WORKLOAD_KINDS)('checks the pod of a %s at its own path', (kind) => {
    const obj = workloadOfKind(kind);
    expect(violations(imageDigest, [obj])).toEqual([]);
    specOf(obj).containers[0].image = 'nginx:1.25';
    expect(violations(imageDigest, [obj])).toEqual([
      `${POD_SPEC_PATH[kind]}.containers[0].image: container 'api' uses image 'nginx:1.25' by tag '1.25', not pinned by digest`,
    ]);
  });
});
