import { claim, encryptedClass } from './fixtures';
import { singleNodeClaim } from '../../../../lib/rules/k8s/storage/single-node-claim';
import { deployment, namespace } from '../../../helpers/fixtures';
import { clone, violations } from '../../../helpers/rule-test';

/** A copy of the compliant Deployment (or `kind`) that mounts claim `claimName`, with `spec` merged into its spec. */
function mounting(claimName: string, spec: Record<string, unknown> = {}, kind = 'Deployment'): any {
  const w = clone(deployment) as any;
  w.kind = kind;
  w.spec.template.spec.volumes = [...(w.spec.template.spec.volumes ?? []), { name: 'data', persistentVolumeClaim: { claimName } }];
  Object.assign(w.spec, spec);
  return w;
}
const rwx = () => {
  const c = claim('efs', 'shared');
  c.spec.accessModes = ['ReadWriteMany'];
  return c;
};
const rwop = () => {
  const c = claim('encrypted-gp3', 'db');
  c.spec.accessModes = ['ReadWriteOncePod'];
  return c;
};
const set = (...objects: object[]) => [namespace, encryptedClass(), ...objects];

describe('k8s-single-node-claim', () => {
  test('flags two replicas sharing a ReadWriteOnce claim', () => {
    expect(violations(singleNodeClaim, set(claim(), mounting('db')))).toEqual([
      "spec.replicas: Deployment 'api' mounts PersistentVolumeClaim 'db' (ReadWriteOnce, attached to one node at a time) as volume \"data\", but it runs 2 replicas: " +
        'the second pod cannot attach the volume on another node, or shares the file system on the same one',
    ]);
  });

  test('flags one replica with the default RollingUpdate (maxSurge 25% of 1 is one extra pod), and a numeric maxSurge', () => {
    expect(violations(singleNodeClaim, set(rwop(), mounting('db', { replicas: 1 })))).toEqual([
      "spec.strategy: Deployment 'api' mounts PersistentVolumeClaim 'db' (ReadWriteOncePod, attached to one node at a time) as volume \"data\", but its RollingUpdate (maxSurge \"25%\") " +
        'starts the new pod before the old one releases the volume, so a rollout stalls on a Multi-Attach error when the new pod lands on another node',
    ]);
    expect(violations(singleNodeClaim, set(claim(), mounting('db', { replicas: 1, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } })))).toHaveLength(1);
  });

  test('flags a DaemonSet and a StatefulSet with replicas sharing one claim', () => {
    const ds = mounting('db', {}, 'DaemonSet');
    delete ds.spec.replicas;
    expect(violations(singleNodeClaim, set(claim(), ds))).toEqual([
      "kind: DaemonSet 'api' mounts PersistentVolumeClaim 'db' (ReadWriteOnce, attached to one node at a time) as volume \"data\", but a DaemonSet runs one pod on every node",
    ]);
    expect(violations(singleNodeClaim, set(claim(), mounting('db', { replicas: 3, serviceName: 'api' }, 'StatefulSet')))).toHaveLength(1);
  });

  test('flags a Job and a CronJob running pods in parallel on one claim; passes one at a time', () => {
    const job = (parallelism?: number) => {
      const w = mounting('db', {}, 'Job');
      delete w.spec.replicas;
      delete w.spec.selector;
      if (parallelism !== undefined) w.spec.parallelism = parallelism;
      return w;
    };
    expect(violations(singleNodeClaim, set(claim(), job(3)))).toEqual([
      "spec.parallelism: Job 'api' mounts PersistentVolumeClaim 'db' (ReadWriteOnce, attached to one node at a time) as volume \"data\", but it runs 3 pods in parallel: " +
        'the others cannot attach the volume on another node, or share the file system on the same one',
    ]);
    const cron = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: job().metadata, spec: { schedule: '0 3 * * *', jobTemplate: { spec: { ...job(2).spec } } } };
    expect(violations(singleNodeClaim, set(claim(), cron))).toHaveLength(1);
    expect(violations(singleNodeClaim, set(claim(), job(), job(1)))).toEqual([]);
  });

  test('passes one replica with Recreate, or with maxSurge 0; a StatefulSet of one; a shared (ReadWriteMany) claim; a claim not in the set', () => {
    expect(violations(singleNodeClaim, set(claim(), mounting('db', { replicas: 1, strategy: { type: 'Recreate' } })))).toEqual([]);
    expect(violations(singleNodeClaim, set(claim(), mounting('db', { replicas: 1, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } } })))).toEqual([]);
    expect(violations(singleNodeClaim, set(claim(), mounting('db', { replicas: 1, serviceName: 'api' }, 'StatefulSet')))).toEqual([]);
    expect(violations(singleNodeClaim, set(rwx(), mounting('shared', { replicas: 5 })))).toEqual([]);
    expect(violations(singleNodeClaim, set(mounting('not-here')))).toEqual([]);
  });

  test('matches the claim in the workload\'s namespace only', () => {
    expect(violations(singleNodeClaim, set(claim('encrypted-gp3', 'db', 'billing'), mounting('db')))).toEqual([]);
  });
});
