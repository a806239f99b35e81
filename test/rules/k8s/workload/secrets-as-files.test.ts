import { secretsAsFiles } from '../../../../lib/rules/k8s/workload/secrets-as-files';
import { deployment } from '../../../helpers/fixtures';
import { clone, runRule, violations } from '../../../helpers/rule-test';
import { WORKLOAD_KINDS, POD_SPEC_PATH, specOf, workloadOfKind } from '../../../helpers/workloads';

describe('k8s-secrets-as-files', () => {
  test('passes a pod with no secrets in its environment, including plain values and ConfigMap references', () => {
    const d = clone(deployment) as any;
    d.spec.template.spec.containers[0].env = [
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'REGION', valueFrom: { configMapKeyRef: { name: 'settings', key: 'region' } } },
      { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    ];
    d.spec.template.spec.containers[0].envFrom = [{ configMapRef: { name: 'settings' } }];
    expect(violations(secretsAsFiles, [deployment, d])).toEqual([]);
  });

  test('flags env valueFrom.secretKeyRef and says how to mount it instead', () => {
    const d = clone(deployment) as any;
    d.spec.template.spec.containers[0].env = [
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
    ];
    const [f] = runRule(secretsAsFiles, [d]).unwaived;
    expect(`${f.path}: ${f.message}`).toBe(
      "spec.template.spec.containers[0].env[1].valueFrom.secretKeyRef: container 'api' reads key 'password' of Secret 'db' into environment variable 'DB_PASSWORD'",
    );
    expect(f.fix).toBe(
      'Remove spec.template.spec.containers[0].env[1]; add a volume {name: secret-db, secret: {secretName: db, defaultMode: 0400}}, ' +
        "mount it in container 'api' with readOnly: true (e.g. at /var/run/secrets/db), and read /var/run/secrets/db/password (e.g. set DB_PASSWORD_FILE to that path).",
    );
  });

  test('flags envFrom.secretRef', () => {
    const d = clone(deployment) as any;
    d.spec.template.spec.containers[0].envFrom = [{ configMapRef: { name: 'settings' } }, { secretRef: { name: 'db' }, prefix: 'DB_' }];
    expect(violations(secretsAsFiles, [d])).toEqual([
      "spec.template.spec.containers[0].envFrom[1].secretRef: container 'api' loads every key of Secret 'db' into environment variables",
    ]);
  });

  test('checks init and ephemeral containers', () => {
    const pod = workloadOfKind('Pod');
    pod.spec.initContainers = [{ name: 'migrate', image: 'x', envFrom: [{ secretRef: { name: 'db' } }] }];
    pod.spec.ephemeralContainers = [{ name: 'debug', image: 'x', env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } }] }];
    expect(violations(secretsAsFiles, [pod])).toEqual([
      "spec.ephemeralContainers[0].env[0].valueFrom.secretKeyRef: ephemeral container 'debug' reads key 'token' of Secret 'api' into environment variable 'TOKEN'",
      "spec.initContainers[0].envFrom[0].secretRef: init container 'migrate' loads every key of Secret 'db' into environment variables",
    ]);
  });

  test.each(WORKLOAD_KINDS)('checks the pod of a %s at its own path', (kind) => {
    const obj = workloadOfKind(kind);
    expect(violations(secretsAsFiles, [obj])).toEqual([]);
    specOf(obj).containers[0].envFrom = [{ secretRef: { name: 'db' } }];
    expect(violations(secretsAsFiles, [obj])).toEqual([
      `${POD_SPEC_PATH[kind]}.containers[0].envFrom[0].secretRef: container 'api' loads every key of Secret 'db' into environment variables`,
    ]);
  });
});
