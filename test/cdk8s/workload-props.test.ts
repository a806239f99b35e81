import { App, Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { HipaaNamespace, HipaaValidation, SecureDeployment, SecureDeploymentProps } from '../../lib/cdk8s';
import { container, newChart, expectRefusal } from '../helpers/cdk8s';
import { SOON } from '../helpers/dates';
import { apartFromMtls } from '../helpers/mesh';

/** Builds a SecureDeployment 'api' in a chart with a HipaaNamespace, and synthesizes it. */
function build(props: Partial<SecureDeploymentProps> | unknown, then?: (d: SecureDeployment, c: Construct) => void): any[] {
  const chart = newChart();
  new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
  const d = new SecureDeployment(chart, 'api', props as SecureDeploymentProps);
  then?.(d, chart);
  return Testing.synth(chart);
}

function resources(over: Partial<kplus.ContainerResources>): kplus.ContainerResources {
  return { ...container().resources, ...over };
}

// Each refusal names the construct path, the prop, the rule id and the fix; the whole message is
// pinned. Each is output the API server (or kplus at synth) refuses, which today's code writes.
describe('SecureDeployment refuses at construction what the API server would refuse', () => {
  const cases: [string, unknown, string][] = [
    [
      'a limit below its request',
      { containers: [container({ resources: resources({ cpu: { request: kplus.Cpu.millis(500), limit: kplus.Cpu.millis(100) } }) })] },
      '[test/api] containers[0].resources.cpu.limit: cpu limit "100m" is below its request "500m"; the API server refuses a request above the limit (k8s-valid-resources). Raise the limit to at least the request, or lower the request.',
    ],
    [
      'a cpu that is not a quantity',
      { containers: [container({ resources: resources({ cpu: { request: kplus.Cpu.units(-1), limit: kplus.Cpu.millis(500) } }) })] },
      '[test/api] containers[0].resources.cpu.request: "-1" is negative; it must be 0 or more (k8s-valid-resources). Use kplus.Cpu.millis(n) or kplus.Cpu.units(n) with n >= 0.',
    ],
    [
      'ephemeral storage that is not whole GiB',
      { containers: [container({ resources: resources({ ephemeralStorage: { request: Size.mebibytes(512), limit: Size.gibibytes(1) } }) })] },
      '[test/api] containers[0].resources.ephemeralStorage.request: must be a whole number of GiB, as cdk8s-plus writes it in Gi (k8s-valid-resources). Use Size.gibibytes(n) with a whole n.',
    ],
    [
      'memory that is not whole MiB',
      { containers: [container({ resources: resources({ memory: { request: Size.kibibytes(1000), limit: Size.mebibytes(256) } }) })] },
      '[test/api] containers[0].resources.memory.request: must be a whole number of MiB, as cdk8s-plus writes it in Mi (k8s-valid-resources). Use Size.mebibytes(n) with a whole n.',
    ],
    [
      'a relative secret mount path',
      { containers: [container()], secrets: [{ secret: kplus.Secret.fromSecretName(new App(), 'db', 'db'), mountPath: 'secrets/db' }] },
      "[test/api] secrets[0].mountPath: mount path 'secrets/db' is relative; the container runtime refuses a mount path that is not absolute (k8s-valid-mounts). Use an absolute path, e.g. '/var/run/secrets/secrets/db'.",
    ],
    [
      'a secret mounted over /tmp',
      { containers: [container()], secrets: [{ secret: kplus.Secret.fromSecretName(new App(), 'db', 'db'), mountPath: '/tmp/' }] },
      "[test/api] secrets[0].mountPath: container 'api' would mount '/tmp/' twice (also the in-memory /tmp that SecureDeployment mounts in every container); the API server requires mount paths to be unique in a container (k8s-valid-mounts). Use another path.",
    ],
    [
      'two secrets at one path',
      {
        containers: [container()],
        secrets: [
          { secret: kplus.Secret.fromSecretName(new App(), 'db', 'db'), mountPath: '/var/run/secrets/app' },
          { secret: kplus.Secret.fromSecretName(new App(), 'api', 'api-key'), mountPath: '/var/run/secrets/app' },
        ],
      },
      "[test/api] secrets[1].mountPath: container 'api' would mount '/var/run/secrets/app' twice (also secrets[0].mountPath); the API server requires mount paths to be unique in a container (k8s-valid-mounts). Use another path.",
    ],
    [
      'privileged with the default no-escalation',
      { containers: [container({ securityContext: { privileged: true } })] },
      "[test/api] containers[0].securityContext.privileged: container 'api' sets privileged: true together with allowPrivilegeEscalation: false (the hardened default), which the API server refuses (a privileged container can always escalate) (k8s-valid-security-context). If the container really needs it, also set allowPrivilegeEscalation: true and waive k8s-allow-privilege-escalation as well as k8s-privileged, each with a reason; otherwise remove it.",
    ],
    [
      'a PodDisruptionBudget that protects nothing',
      { containers: [container()], replicas: 2, maxUnavailable: 2 },
      '[test/api] maxUnavailable: the PodDisruptionBudget would protect nothing: maxUnavailable 2 is not below the 2 replicas, so every pod can be evicted at once (k8s-pdb-protects-something). Set maxUnavailable below replicas (e.g. 1), or raise replicas above 2.',
    ],
    [
      'GID 0',
      { containers: [container()], identity: { group: 0 } },
      '[test/api] identity.group: GID 0 is the root group, which owns files in the image and, as primary group, what the processes create (k8s-run-as-non-root-group). Use a non-zero GID (10000 or above), e.g. 10001, or leave it unset.',
    ],
    [
      'fsGroup 0',
      { containers: [container()], identity: { fsGroup: 0 } },
      '[test/api] identity.fsGroup: GID 0 is the root group, which owns files in the image and, as fsGroup, every mounted volume (k8s-run-as-non-root-group). Use a non-zero GID (10000 or above), e.g. 10001, or leave it unset.',
    ],
    [
      'a container GID 0',
      { containers: [container({ securityContext: { group: 0 } })] },
      '[test/api] containers[0].securityContext.group: GID 0 is the root group, which owns files in the image (k8s-run-as-non-root-group). Use a non-zero GID (10000 or above), e.g. 10001, or leave it unset.',
    ],
    [
      'a label value over 63 characters',
      { containers: [container()], podMetadata: { labels: { release: `v${'1'.repeat(70)}` } } },
      `[test/api] podMetadata.labels["release"]: label value 'v${'1'.repeat(70)}' is 71 characters long; a label value must be at most 63 (k8s-valid-labels).`,
    ],
    [
      'an annotation key that is not a key',
      { containers: [container()], metadata: { annotations: { 'Example.com/ticket': 'SEC-1' } } },
      "[test/api] metadata.annotations[\"Example.com/ticket\"]: annotation key 'Example.com/ticket' has an invalid prefix 'Example.com': it must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.') of at most 253 characters (k8s-valid-labels).",
    ],
    [
      'a namespace that is not a DNS-1123 label',
      { containers: [container()], metadata: { namespace: 'Clinic' } },
      "[test/api] metadata.namespace: namespace 'Clinic' is not a valid DNS-1123 label: use only lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters (k8s-valid-name).",
    ],
    [
      'a UID beyond the API range',
      { containers: [container()], identity: { user: 2 ** 31 } },
      '[test/api] identity.user: 2147483648 is not a whole number between 0 and 2147483647 (k8s-valid-security-context).',
    ],
  ];
  test.each(cases)('%s', (_name, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test('a secret for a container that never exists is refused at synth (a name may stand for a container added later)', () => {
    expect(() => build({ containers: [container()], secrets: [{ secret: kplus.Secret.fromSecretName(new App(), 'db', 'db'), mountPath: '/var/run/secrets/db', containers: ['worker'] }] })).toThrow(
      "[test/api] secrets[0].containers[0]: no container of this SecureDeployment is named 'worker' (containers: 'api'), so the secret would be mounted nowhere (k8s-secrets-as-files). Name a container given in containers or initContainers, or added with addContainer.",
    );
  });

  test('every problem is reported at once, in one error', () => {
    expect(() => build({
      containers: [container({ resources: resources({ ephemeralStorage: { request: Size.mebibytes(100), limit: Size.mebibytes(100) } }) })],
      replicas: 0,
      identity: { fsGroup: 0 },
    })).toThrow([
      '[test/api] 4 problems in the props (all are listed; fix each):',
      '- replicas: must be a whole number >= 1 (got 0).',
      '- identity.fsGroup: GID 0 is the root group, which owns files in the image and, as fsGroup, every mounted volume (k8s-run-as-non-root-group). Use a non-zero GID (10000 or above), e.g. 10001, or leave it unset.',
      '- containers[0].resources.ephemeralStorage.request: must be a whole number of GiB, as cdk8s-plus writes it in Gi (k8s-valid-resources). Use Size.gibibytes(n) with a whole n.',
      '- containers[0].resources.ephemeralStorage.limit: must be a whole number of GiB, as cdk8s-plus writes it in Gi (k8s-valid-resources). Use Size.gibibytes(n) with a whole n.',
    ].join('\n'));
  });

  test('a container added later is checked too, by its name', () => {
    expect(() => build({ containers: [container()] }, (d) => d.addContainer(container({ name: 'sidecar', securityContext: { privileged: true } })))).toThrow(
      "[test/api] addContainer('sidecar').securityContext.privileged: container 'sidecar' sets privileged: true together with allowPrivilegeEscalation: false (the hardened default)",
    );
  });

  test('a privileged container that allows escalation is left to the rules and their waivers', () => {
    const chart = newChart();
    new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
    const d = new SecureDeployment(chart, 'api', {
      containers: [container({ securityContext: { privileged: true, allowPrivilegeEscalation: true } })],
      waivers: [
        { ruleId: 'k8s-privileged', reason: 'Packet capture for the PHI audit trail, isolated node pool', expires: SOON },
        { ruleId: 'k8s-allow-privilege-escalation', reason: 'Packet capture for the PHI audit trail, isolated node pool', expires: SOON },
      ],
    });
    const sc = (d.containers[0] as any)._toKube().securityContext;
    expect(sc).toMatchObject({ privileged: true, allowPrivilegeEscalation: true });
    // Accepted at construction; what still stands is that the namespace's PSA `restricted` would
    // reject the pods whatever the waivers say.
    const result = HipaaValidation.of(chart)!.check();
    expect([...new Set(apartFromMtls(result.unwaived).map((f) => f.ruleId))]).toEqual(['waiver-blocked-by-admission']);
  });
});

describe('wrong JavaScript types get an error naming the field, never a TypeError', () => {
  const cases: [string, unknown, string][] = [
    ['null props', null, '[test/api] props: expected an object, got null.'],
    ['containers as one object', { containers: container() }, '[test/api] containers: expected a list, got an object (one item given where a list is expected: wrap it in [ ]).'],
    ['containers as a string', { containers: 'api' }, '[test/api] containers: expected a list, got a string ("api").'],
    ['a null container', { containers: [null] }, '[test/api] containers[0]: expected an object, got null.'],
    ['a number image', { containers: [container({ image: 42 as any })] }, '[test/api] containers[0].image: expected a string, got a number (42).'],
    ['resources as a string', { containers: [container({ resources: '1Gi' as any })] }, '[test/api] containers[0].resources: expected an object, got a string ("1Gi").'],
    ['a cpu as a string', { containers: [container({ resources: resources({ cpu: { limit: '500m' as any } }) })] }, '[test/api] containers[0].resources.cpu.limit: expected a Cpu (kplus.Cpu.millis(500) or kplus.Cpu.units(1)), got a string ("500m").'],
    ['memory as a number', { containers: [container({ resources: resources({ memory: { limit: 256 as any } }) })] }, '[test/api] containers[0].resources.memory.limit: expected a Size (e.g. Size.mebibytes(256)), got a number (256).'],
    ['one waiver instead of a list', { containers: [container()], waivers: { ruleId: 'k8s-privileged', reason: 'x' } }, '[test/api] waivers: must be a list of waivers, e.g. [{ ruleId, reason, expires }] (got one waiver object; wrap it in [ ]) (waiver-invalid).'],
    ['secrets as one object', { containers: [container()], secrets: { mountPath: '/s' } }, '[test/api] secrets: expected a list, got an object (one item given where a list is expected: wrap it in [ ]).'],
    ['a secret without a Secret', { containers: [container()], secrets: [{ secret: 'db', mountPath: '/s' }] }, "[test/api] secrets[0].secret: expected a Secret (e.g. kplus.Secret.fromSecretName(...) or a KmsSecretStore's addSecret(...)), got a string (\"db\")."],
    ['secret containers as a string', { containers: [container()], secrets: [{ secret: kplus.Secret.fromSecretName(new App(), 's', 's'), mountPath: '/s', containers: 'api' }] }, '[test/api] secrets[0].containers: expected a list, got a string ("api").'],
    ['replicas as a string', { containers: [container()], replicas: '3' }, '[test/api] replicas: expected a number, got a string ("3").'],
    ['phi as a string', { containers: [container()], phi: 'yes' }, '[test/api] phi: expected true or false, got a string ("yes").'],
    ['owner as a number', { containers: [container()], owner: 7 }, '[test/api] owner: expected a string, got a number (7).'],
    ['identity as a number', { containers: [container()], identity: 10001 }, '[test/api] identity: expected an object, got a number (10001).'],
    ['a string uid', { containers: [container()], identity: { user: '10001' } }, '[test/api] identity.user: expected a number, got a string ("10001").'],
    ['ingress as one flow', { containers: [container()], ingress: { ports: [] } }, '[test/api] ingress: expected a list, got an object (one item given where a list is expected: wrap it in [ ]).'],
    ['a flow without a peer', { containers: [container()], egress: [{ to: null, ports: [kplus.NetworkPolicyPort.tcp(443)] }] }, '[test/api] egress[0].to: expected a network peer (a workload, HipaaNamespace, kplus.Pods.select(...), kplus.Namespaces.select(...) or an IP block), got null.'],
    ['ports as one port', { containers: [container()], egress: [{ to: kplus.NetworkPolicyIpBlock.ipv4(new App(), 'x', '10.0.0.0/8'), ports: kplus.NetworkPolicyPort.tcp(443) }] }, '[test/api] egress[0].ports: expected a list, got an instance of NetworkPolicyPort (one item given where a list is expected: wrap it in [ ]).'],
    ['tmpSize as a string', { containers: [container()], tmpSize: '64Mi' }, '[test/api] tmpSize: expected a Size (e.g. Size.mebibytes(64)), got a string ("64Mi").'],
    ['metadata labels as a list', { containers: [container()], metadata: { labels: ['a'] } }, '[test/api] metadata.labels: expected an object, got a list.'],
  ];
  test.each(cases)('%s', (_name, props, message) => expectRefusal(() => build(props), message));
});

describe('secrets go only to the containers they are meant for', () => {
  function podOf(manifests: any[]): any {
    return manifests.find((m) => m.kind === 'Deployment').spec.template.spec;
  }
  const mounts = (c: any) => c.volumeMounts.map((m: any) => m.mountPath);

  test('a secret without containers goes to the containers given in props, not to a sidecar added later', () => {
    const pod = podOf(build(
      { containers: [container()], secrets: [{ secret: kplus.Secret.fromSecretName(new App(), 'db', 'db'), mountPath: '/var/run/secrets/db' }] },
      (d) => d.addContainer(container({ name: 'log-shipper' })),
    ));
    expect(pod.containers.map((c: any) => [c.name, mounts(c)])).toEqual([
      ['api', ['/tmp', '/var/run/secrets/db']],
      ['log-shipper', ['/tmp']],
    ]);
  });

  test('a container added later gets a secret that names it', () => {
    const pod = podOf(build(
      {
        containers: [container()],
        initContainers: [{ name: 'migrate', image: container().image, resources: container().resources }],
        secrets: [{ secret: kplus.Secret.fromSecretName(new App(), 'db', 'db'), mountPath: '/var/run/secrets/db', containers: ['migrate', 'log-shipper'] }],
      },
      (d) => d.addContainer(container({ name: 'log-shipper' })),
    ));
    expect(pod.containers.map((c: any) => [c.name, mounts(c)])).toEqual([
      ['api', ['/tmp']],
      ['log-shipper', ['/tmp', '/var/run/secrets/db']],
    ]);
    expect(mounts(pod.initContainers[0])).toEqual(['/tmp', '/var/run/secrets/db']);
  });
});

describe('two constructs writing the same object are refused at synth (k8s-unique-object)', () => {
  test('within a chart', () => {
    const chart = newChart();
    new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
    new SecureDeployment(chart, 'api', { containers: [container()], metadata: { name: 'api' } });
    new SecureDeployment(chart, 'api2', { containers: [container()], metadata: { name: 'api' } });
    expect(() => Testing.synth(chart)).toThrow([
      "- [k8s-unique-object] test/api/Resource (Deployment clinic/api) metadata.name: Deployment 'api' in namespace 'clinic' is defined 2 times (also at test/api2/Resource); only one definition can be applied",
      '    fix: Rename one of them (metadata.name), or remove the duplicate definition at test/api2/Resource.',
    ].join('\n'));
  });

  test('across charts of an app: the same HipaaNamespace in two charts', () => {
    const app = Testing.app();
    const a = new Chart(app, 'platform', { namespace: 'clinic' });
    const b = new Chart(app, 'platform-copy', { namespace: 'clinic' });
    new HipaaNamespace(a, 'clinic', { owner: 'platform-team' });
    new HipaaNamespace(b, 'clinic', { owner: 'platform-team' });
    expect(() => app.synth()).toThrow(
      "- [k8s-unique-object] platform/clinic/Namespace/Resource (Namespace clinic) metadata.name: Namespace 'clinic' is defined 2 times (also at platform-copy/clinic/Namespace/Resource); only one definition can be applied",
    );
  });
});
