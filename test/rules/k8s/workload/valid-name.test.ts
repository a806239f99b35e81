import { validName } from '../../../../lib/rules/k8s/workload/valid-name';
import { compliantSet, deployment } from '../../../helpers/fixtures';
import { clone, runRule, violations } from '../../../helpers/rule-test';
import { containerNamed, workloadOfKind } from '../../../helpers/workloads';

function named(kind: string, name: unknown, extra: Record<string, unknown> = {}): any {
  return { apiVersion: 'v1', kind, metadata: { name, ...extra } };
}

const SUBDOMAIN = "use only lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters";
const LABEL = "use only lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters";

describe('k8s-valid-name', () => {
  test('passes the compliant objects', () => {
    expect(violations(validName, compliantSet())).toEqual([]);
  });

  test('applies to every kind', () => {
    expect(validName.kinds).toEqual(['*']);
  });

  test('flags a name that is not a DNS-1123 subdomain, quoting it and suggesting one', () => {
    const [f] = runRule(validName, [named('ConfigMap', 'Patient_Records')]).unwaived;
    expect(`${f.path}: ${f.message}`).toBe(`metadata.name: ConfigMap name 'Patient_Records' is not a valid DNS-1123 subdomain: ${SUBDOMAIN}`);
    expect(f.fix).toBe("Rename metadata.name to a valid DNS-1123 subdomain, e.g. 'patient-records'.");
  });

  test.each([
    ['ConfigMap', 'app.config-v2'],
    ['Deployment', 'a'],
    ['Deployment', `${'a'.repeat(63)}.${'b'.repeat(63)}`],
    ['Namespace', 'clinic-2'],
    ['Service', 'api-v2'],
    ['ClusterRole', 'system:auth-delegator'],
    ['RoleBinding', 'Team Readers'],
    ['Job', 'j'.repeat(63)],
    ['CronJob', 'c'.repeat(52)],
    ['Widget', 'my.widget'],
  ])('passes %s %s', (kind, name) => {
    expect(violations(validName, [named(kind, name)])).toEqual([]);
  });

  test.each([
    ['Deployment', '-api', 'DNS-1123 subdomain', SUBDOMAIN],
    ['Deployment', 'api.', 'DNS-1123 subdomain', SUBDOMAIN],
    ['Secret', 'db..creds', 'DNS-1123 subdomain', SUBDOMAIN],
    ['Namespace', 'clinic.prod', 'DNS-1123 label', LABEL],
    ['Service', '2fa', 'DNS-1035 label', "use only lower-case letters, digits and '-', starting with a letter and ending with a letter or digit, at most 63 characters"],
    ['Service', 'api.v2', 'DNS-1035 label', "use only lower-case letters, digits and '-', starting with a letter and ending with a letter or digit, at most 63 characters"],
  ])('flags %s %j', (kind, name, what, allowed) => {
    expect(violations(validName, [named(kind, name)])).toEqual([`metadata.name: ${kind} name '${name}' is not a valid ${what}: ${allowed}`]);
  });

  test('flags names that are too long for their kind, saying why', () => {
    expect(violations(validName, [named('Namespace', 'n'.repeat(64))])).toEqual([
      `metadata.name: Namespace name '${'n'.repeat(64)}' is 64 characters long; it must be a DNS-1123 label of at most 63 characters`,
    ]);
    expect(violations(validName, [named('ConfigMap', 'c'.repeat(254))])).toEqual([
      `metadata.name: ConfigMap name '${'c'.repeat(254)}' is 254 characters long; it must be a DNS-1123 subdomain of at most 253 characters`,
    ]);
    expect(violations(validName, [named('Job', 'j'.repeat(64))])).toEqual([
      `metadata.name: Job name '${'j'.repeat(64)}' is 64 characters long; it must be a DNS-1123 subdomain of at most 63 characters (the name becomes the value of its pods' job-name label)`,
    ]);
    const long = Array(4).fill('nightly-report').join('-');
    const [f] = runRule(validName, [named('CronJob', long)]).unwaived;
    expect(f.message).toBe(
      `CronJob name '${long}' is 59 characters long; it must be a DNS-1123 subdomain of at most 52 characters ` +
        '(the CronJob controller appends 11 characters to it to name each Job, and Job names are limited to 63)',
    );
    expect(f.fix).toBe("Shorten metadata.name to at most 52 characters, e.g. 'nightly-report-nightly-report-nightly-report-nightly'.");
  });

  test('RBAC names are path segments', () => {
    expect(violations(validName, [named('Role', 'a/b'), named('ClusterRoleBinding', '..')])).toEqual([
      "metadata.name: ClusterRoleBinding name '..' is not a valid path segment name: it may be anything except '.' or '..' and must not contain '/' or '%'",
      "metadata.name: Role name 'a/b' is not a valid path segment name: it may be anything except '.' or '..' and must not contain '/' or '%'",
    ]);
  });

  test('flags an object with no name, and a name that is not a string', () => {
    const found = runRule(validName, [{ apiVersion: 'v1', kind: 'ConfigMap' }, named('Secret', 42)]).unwaived;
    expect(found.map((f) => `${f.resource.kind} ${f.path}: ${f.message}`)).toEqual([
      'ConfigMap metadata.name: ConfigMap has no metadata.name; Kubernetes refuses an object without a name',
      'Secret metadata.name: Secret name 42 is a number, not a string',
    ]);
    expect(found[0].fix).toBe(
      "Set metadata.name to a DNS-1123 subdomain (only lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters).",
    );
  });

  test('accepts generateName instead of a name, with its trailing dash', () => {
    expect(violations(validName, [{ apiVersion: 'batch/v1', kind: 'Job', metadata: { generateName: 'migrate-' } }])).toEqual([]);
    expect(violations(validName, [{ apiVersion: 'batch/v1', kind: 'Job', metadata: { generateName: 'Migrate-' } }])).toEqual([
      `metadata.generateName: Job generateName 'Migrate-' is not a valid DNS-1123 subdomain: ${SUBDOMAIN.replace('253', '63')}`,
    ]);
  });

  test('flags a namespace reference that is not a DNS-1123 label', () => {
    expect(violations(validName, [named('ConfigMap', 'settings', { namespace: 'Clinic' })])).toEqual([
      `metadata.namespace: namespace 'Clinic' is not a valid DNS-1123 label: ${LABEL}`,
    ]);
  });

  test('flags container names that are not DNS-1123 labels, in every container list', () => {
    const pod = workloadOfKind('Pod');
    pod.spec.containers[0].name = 'API';
    pod.spec.initContainers = [containerNamed('db.migrate')];
    pod.spec.ephemeralContainers = [{ image: 'x' }];
    const found = runRule(validName, [pod]).unwaived;
    expect(found.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "spec.containers[0].name: container name 'API' is not a valid DNS-1123 label: " + LABEL,
      "spec.ephemeralContainers[0].name: ephemeral container '?' at spec.ephemeralContainers[0] has no name; Kubernetes requires one",
      "spec.initContainers[0].name: container name 'db.migrate' is not a valid DNS-1123 label: " + LABEL,
    ]);
    expect(found[0].fix).toBe("Rename spec.containers[0].name to a valid DNS-1123 label, e.g. 'api'.");
  });

  test('flags container names used twice in a pod, across lists', () => {
    const d = clone(deployment) as any;
    d.spec.template.spec.initContainers = [containerNamed('api')];
    expect(violations(validName, [d])).toEqual([
      "spec.template.spec.initContainers[0].name: init container 'api' has the same name as container 'api' at spec.template.spec.containers[0]; " +
        'names must be unique across containers, init containers and ephemeral containers',
    ]);
  });

  test('checks container names in CronJob templates', () => {
    const cj = workloadOfKind('CronJob');
    cj.spec.jobTemplate.spec.template.spec.containers[0].name = 'Report_Job';
    expect(violations(validName, [cj])).toEqual([
      `spec.jobTemplate.spec.template.spec.containers[0].name: container name 'Report_Job' is not a valid DNS-1123 label: ${LABEL}`,
    ]);
  });
});
