import { claimIn } from './claims';
import type { Resource } from '../../../check/resource';
import type { Rule } from '../../../check/rule';
import { podTemplate } from '../pod';

/** Access modes that let a volume be used from more than one node. */
const SHARED_MODES = ['ReadWriteMany', 'ReadOnlyMany'];

/**
 * A claim that attaches to one node at a time (ReadWriteOnce, ReadWriteOncePod: EBS, GCE PD and
 * Azure Disk volumes) is mounted by one pod at a time: one replica, and a Deployment that stops
 * the old pod before it starts the new one.
 */
export const singleNodeClaim: Rule = {
  id: 'k8s-single-node-claim',
  title: 'A claim that attaches to one node (ReadWriteOnce, ReadWriteOncePod) must be mounted by one pod at a time',
  description:
    'A block volume (EBS, GCE PD, Azure Disk) attaches to one node. A Deployment, ReplicaSet or StatefulSet with more than ' +
    'one replica that mounts the same such claim (a pod volume, not a StatefulSet claim template) gets the second pod stuck ' +
    'in ContainerCreating ("Multi-Attach error") on another node, or, on the same node, two writers on one file system, ' +
    'which corrupts a database. A Deployment with one replica but the default RollingUpdate strategy starts the new pod ' +
    'before the old one releases the volume, and the pod anti-affinity places it on another node: every rollout stalls ' +
    'until its progress deadline. A DaemonSet runs a pod on every node; a Job (or CronJob) with parallelism above 1 several. Claims of the checked set whose access modes ' +
    'allow no sharing (ReadWriteOnce, ReadWriteOncePod) are checked; claims not in the set are not.',
  severity: 'error',
  controls: ['164.308(a)(7)(ii)(B)', '164.312(c)(1)'],
  kinds: ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'],
  fix: 'Mount the claim from one pod: replicas: 1 and strategy Recreate (cdk8s-plus: strategy: DeploymentStrategy.recreate()) or a RollingUpdate with maxSurge 0; ' +
    'give each replica its own volume with a StatefulSet volume claim template; or use storage with ReadWriteMany (EFS).',
  check(resource, ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    const volumes: unknown = pod.spec.volumes;
    if (!Array.isArray(volumes)) return;
    volumes.forEach((volume: any, i: number) => {
      const claimName: unknown = volume?.persistentVolumeClaim?.claimName;
      if (typeof claimName !== 'string') return;
      const claim = claimIn(ctx, ctx.namespaceOf(resource), claimName);
      if (claim === undefined) return;
      const modes: unknown = claim.body.spec?.accessModes;
      if (!Array.isArray(modes) || modes.length === 0 || modes.some((m) => SHARED_MODES.includes(m))) return;
      const problem = sharingProblem(resource);
      if (problem === undefined) return;
      report({
        path: problem.path,
        message: `${resource.kind} '${resource.name}' mounts PersistentVolumeClaim '${claimName}' (${modes.join(', ')}, ` +
          `attached to one node at a time) as volume ${JSON.stringify(volume.name ?? i)}, but ${problem.why}`,
      });
    });
  },
};

/** Why the workload would run two pods on the claim at once, and where that is set; undefined when it never does. */
function sharingProblem(resource: Resource): { path: string; why: string } | undefined {
  const spec = resource.body.spec ?? {};
  if (resource.kind === 'DaemonSet') return { path: 'kind', why: 'a DaemonSet runs one pod on every node' };
  if (resource.kind === 'Job' || resource.kind === 'CronJob') {
    const job = resource.kind === 'Job' ? spec : spec.jobTemplate?.spec ?? {};
    const parallelism = typeof job.parallelism === 'number' ? job.parallelism : 1;
    if (parallelism <= 1) return undefined;
    const path = resource.kind === 'Job' ? 'spec.parallelism' : 'spec.jobTemplate.spec.parallelism';
    return { path, why: `it runs ${parallelism} pods in parallel: the others cannot attach the volume on another node, or share the file system on the same one` };
  }
  const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
  if (replicas > 1) return { path: 'spec.replicas', why: `it runs ${replicas} replicas: the second pod cannot attach the volume on another node, or shares the file system on the same one` };
  if (resource.kind !== 'Deployment') return undefined;
  const strategy = spec.strategy ?? {};
  if (strategy.type === 'Recreate') return undefined;
  const surge = surgePods(strategy.rollingUpdate?.maxSurge, replicas);
  if (surge === 0) return undefined;
  return {
    path: 'spec.strategy',
    why: `its RollingUpdate (maxSurge ${JSON.stringify(strategy.rollingUpdate?.maxSurge ?? '25%')}) starts the new pod before the old one ` +
      'releases the volume, so a rollout stalls on a Multi-Attach error when the new pod lands on another node',
  };
}

/** Extra pods a RollingUpdate starts: maxSurge as a number, or a percentage of replicas rounded up (default 25%). */
function surgePods(maxSurge: unknown, replicas: number): number {
  const value = maxSurge ?? '25%';
  if (typeof value === 'number') return value;
  const percent = typeof value === 'string' ? /^(\d+)%$/.exec(value) : null;
  return percent ? Math.ceil((replicas * Number(percent[1])) / 100) : 1;
}
