import { check } from '../../../../lib/check/engine';
import { fromManifest } from '../../../../lib/check/resource';
import { imageRegistry } from '../../../../lib/rules/k8s/workload/image-registry';
import { deployment, DIGEST } from '../../../helpers/fixtures';
import { clone, runRule, violations } from '../../../helpers/rule-test';
import { WORKLOAD_KINDS, POD_SPEC_PATH, specOf, workloadOfKind } from '../../../helpers/workloads';

function withImage(image: unknown): any {
  const d = clone(deployment) as any;
  d.spec.template.spec.containers[0].image = image;
  return d;
}

describe('k8s-image-registry', () => {
  test('passes the default allowed registries (any private AWS ECR registry)', () => {
    expect(violations(imageRegistry, [deployment])).toEqual([]);
  });

  test('flags an image from Docker Hub named without a registry, and says how to fix it', () => {
    const [f] = runRule(imageRegistry, [withImage(`nginx:1.25@${DIGEST}`)]).unwaived;
    expect(`${f.path}: ${f.message}`).toBe(
      `spec.template.spec.containers[0].image: container 'api' uses image 'nginx:1.25@${DIGEST}' from registry 'docker.io' ` +
        '(it names no registry, so it is pulled from Docker Hub as docker.io/library/nginx), which allowedRegistries does not allow (allowed: *.dkr.ecr.*.amazonaws.com)',
    );
    expect(f.fix).toBe(
      'Push the image to an allowed registry (*.dkr.ecr.*.amazonaws.com) and set spec.template.spec.containers[0].image to its reference there, ' +
        "pinned by digest; or, if the organisation controls and scans 'docker.io', add it (or 'docker.io/library') to allowedRegistries.",
    );
  });

  test('resolves user images on Docker Hub and registries with ports', () => {
    const opts = { allowedRegistries: ['docker.io/acme', 'localhost:5000'] };
    expect(violations(imageRegistry, [withImage('acme/api:1')], opts)).toEqual([]);
    expect(violations(imageRegistry, [withImage('localhost:5000/x:1')], opts)).toEqual([]);
    expect(violations(imageRegistry, [withImage('evil/api:1')], opts)).toEqual([
      "spec.template.spec.containers[0].image: container 'api' uses image 'evil/api:1' from registry 'docker.io' " +
        '(it names no registry, so it is pulled from Docker Hub as docker.io/evil/api), which allowedRegistries does not allow (allowed: docker.io/acme, localhost:5000)',
    ]);
  });

  test('a path prefix is matched on segment boundaries', () => {
    const opts = { allowedRegistries: ['ghcr.io/acme'] };
    expect(violations(imageRegistry, [withImage(`ghcr.io/acme/api@${DIGEST}`)], opts)).toEqual([]);
    expect(violations(imageRegistry, [withImage(`ghcr.io/acme-evil/api@${DIGEST}`)], opts)).toEqual([
      `spec.template.spec.containers[0].image: container 'api' uses image 'ghcr.io/acme-evil/api@${DIGEST}' from registry 'ghcr.io' (ghcr.io/acme-evil/api), which allowedRegistries does not allow (allowed: ghcr.io/acme)`,
    ]);
  });

  test('an empty allow-list allows nothing', () => {
    expect(violations(imageRegistry, [deployment], { allowedRegistries: [] })).toEqual([
      `spec.template.spec.containers[0].image: container 'api' uses image '${specOf(deployment).containers[0].image}' from registry '123456789012.dkr.ecr.us-east-1.amazonaws.com' ` +
        '(123456789012.dkr.ecr.us-east-1.amazonaws.com/clinic/api), which allowedRegistries does not allow (allowed: none)',
    ]);
  });

  test('refuses an allowedRegistries entry that cannot mean what its author wants', () => {
    expect(() => runRule(imageRegistry, [deployment], { allowedRegistries: ['https://ghcr.io'] })).toThrow(
      'allowedRegistries entry "https://ghcr.io" is not valid: write the registry without a scheme, e.g. "ghcr.io"',
    );
  });

  test('compiles the allow-list once per check, not per object', () => {
    const objects = [1, 2, 3].map((i) => fromManifest({ ...clone(deployment), metadata: { name: `api-${i}`, namespace: 'clinic' } }));
    let reads = 0;
    const allowedRegistries = new Proxy(['*.dkr.ecr.*.amazonaws.com'], {
      get(target, prop, receiver) {
        if (prop === 'map') reads++;
        return Reflect.get(target, prop, receiver);
      },
    });
    check(objects, { name: 't', description: 't', rules: [imageRegistry] }, { allowedRegistries });
    expect(reads).toBe(1);
  });

  test('leaves a missing image to k8s-image-digest', () => {
    expect(violations(imageRegistry, [withImage(undefined)])).toEqual([]);
  });

  test('checks init and ephemeral containers', () => {
    const pod = workloadOfKind('Pod');
    pod.spec.initContainers = [{ name: 'migrate', image: `quay.io/acme/migrate@${DIGEST}` }];
    pod.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36' }];
    expect(violations(imageRegistry, [pod]).map((v) => v.split(' from ')[0])).toEqual([
      "spec.ephemeralContainers[0].image: ephemeral container 'debug' uses image 'busybox:1.36'",
      `spec.initContainers[0].image: init container 'migrate' uses image 'quay.io/acme/migrate@${DIGEST}'`,
    ]);
  });

  test.each(WORKLOAD_KINDS)('checks the pod of a %s at its own path', (kind) => {
    const obj = workloadOfKind(kind);
    expect(violations(imageRegistry, [obj])).toEqual([]);
    specOf(obj).containers[0].image = `ghcr.io/acme/api@${DIGEST}`;
    expect(violations(imageRegistry, [obj])).toEqual([
      `${POD_SPEC_PATH[kind]}.containers[0].image: container 'api' uses image 'ghcr.io/acme/api@${DIGEST}' from registry 'ghcr.io' (ghcr.io/acme/api), which allowedRegistries does not allow (allowed: *.dkr.ecr.*.amazonaws.com)`,
    ]);
  });
});
