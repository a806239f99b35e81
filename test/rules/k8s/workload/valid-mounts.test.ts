import { validMounts } from '../../../../lib/rules/k8s/workload/valid-mounts';
import { compliantSet, deployment } from '../../../helpers/fixtures';
import { clone, runRule, violations } from '../../../helpers/rule-test';
import { POD_SPEC_PATH, specOf, WORKLOAD_KINDS, workloadOfKind } from '../../../helpers/workloads';

function withMounts(mounts: object[], volumes: object[] = [{ name: 'tmp', emptyDir: {} }, { name: 'creds', secret: { secretName: 'db' } }]): any {
  const d = clone(deployment) as any;
  d.spec.template.spec.containers[0].volumeMounts = mounts;
  d.spec.template.spec.volumes = volumes;
  return d;
}

describe('k8s-valid-mounts', () => {
  test('passes the compliant objects and distinct absolute mounts', () => {
    expect(violations(validMounts, compliantSet())).toEqual([]);
    expect(violations(validMounts, [withMounts([{ name: 'tmp', mountPath: '/tmp' }, { name: 'creds', mountPath: '/var/run/secrets/db' }])])).toEqual([]);
  });

  test('flags a relative mount path, with an absolute one as fix', () => {
    const [f] = runRule(validMounts, [withMounts([{ name: 'creds', mountPath: 'secrets/db' }])]).unwaived;
    expect(`${f.path}: ${f.message}`).toBe(
      "spec.template.spec.containers[0].volumeMounts[0].mountPath: container 'api': mount path 'secrets/db' is relative; the container runtime refuses a mount path that is not absolute",
    );
    expect(f.fix).toBe("Set spec.template.spec.containers[0].volumeMounts[0].mountPath to an absolute path, e.g. '/secrets/db'.");
  });

  test('flags a path mounted twice, also when written with a trailing slash', () => {
    expect(violations(validMounts, [withMounts([{ name: 'tmp', mountPath: '/data' }, { name: 'creds', mountPath: '/data/' }])])).toEqual([
      "spec.template.spec.containers[0].volumeMounts[1].mountPath: container 'api' mounts '/data/' twice (volumeMounts[0] and [1]); the API server requires mount paths to be unique in a container",
    ]);
  });

  test.each(WORKLOAD_KINDS)('flags a mount of a volume the %s does not define', (kind) => {
    const obj = workloadOfKind(kind);
    specOf(obj).containers[0].volumeMounts.push({ name: 'missing', mountPath: '/data' });
    expect(violations(validMounts, [obj])).toEqual([
      `${POD_SPEC_PATH[kind]}.containers[0].volumeMounts[1].name: container 'api' mounts volume 'missing', which the pod does not define in ${POD_SPEC_PATH[kind]}.volumes` +
        (kind === 'StatefulSet' ? ' nor spec.volumeClaimTemplates' : ''),
    ]);
  });

  test('a StatefulSet\'s pods may mount its volume claim templates by name; other kinds cannot', () => {
    const template = { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } };
    const sts = workloadOfKind('StatefulSet');
    sts.spec.volumeClaimTemplates = [template];
    specOf(sts).containers[0].volumeMounts.push({ name: 'data', mountPath: '/var/lib/data' });
    expect(violations(validMounts, [sts])).toEqual([]);
    specOf(sts).containers[0].volumeMounts.push({ name: 'wal', mountPath: '/var/lib/wal' });
    expect(violations(validMounts, [sts])).toEqual([
      "spec.template.spec.containers[0].volumeMounts[2].name: container 'api' mounts volume 'wal', which the pod does not define in spec.template.spec.volumes nor spec.volumeClaimTemplates",
    ]);
    const d = workloadOfKind('Deployment');
    d.spec.volumeClaimTemplates = [template];
    specOf(d).containers[0].volumeMounts.push({ name: 'data', mountPath: '/var/lib/data' });
    expect(violations(validMounts, [d])).toHaveLength(1);
  });
});
