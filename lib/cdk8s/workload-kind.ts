/**
 * What the shared pod hardening needs to know about the kind of workload it hardens: the
 * construct's name in messages, the Kubernetes kind it writes, whether it runs replicas (and
 * how many by default) and whether its pods are spread across zones and nodes. Kept apart from
 * PodHardening and the prop checks so both read it without loading the other.
 */

/** The kind of a hardened workload construct. */
export interface WorkloadKind {
  /** The construct's class name, as messages name it (`SecureDeployment`). */
  readonly construct: string;
  /** The Kubernetes kind it writes (`Deployment`), whose naming rule applies to metadata.name. */
  readonly kind: string;
  /**
   * The replicas kplus writes when props give none; undefined for run-to-completion kinds
   * (Jobs, CronJobs), which have neither replicas nor a PodDisruptionBudget.
   * @default - no replicas
   */
  readonly defaultReplicas?: number;
  /** Whether the pods get the preferred spread across zones and nodes (long-running kinds). */
  readonly spread: boolean;
}

/** SecureDeployment: kplus's Deployment runs 2 replicas unless told otherwise. */
export const DEPLOYMENT_KIND: WorkloadKind = { construct: 'SecureDeployment', kind: 'Deployment', defaultReplicas: 2, spread: true };

/** SecureStatefulSet: kplus's StatefulSet runs 1 replica unless told otherwise. */
export const STATEFUL_SET_KIND: WorkloadKind = { construct: 'SecureStatefulSet', kind: 'StatefulSet', defaultReplicas: 1, spread: true };

/** SecureJob: one run to completion, no replicas, no spread. */
export const JOB_KIND: WorkloadKind = { construct: 'SecureJob', kind: 'Job', spread: false };

/** SecureCronJob: scheduled runs to completion, no replicas, no spread. */
export const CRON_JOB_KIND: WorkloadKind = { construct: 'SecureCronJob', kind: 'CronJob', spread: false };

/**
 * AuditSink's log forwarder: a DaemonSet, one pod per node, so no replicas, no
 * PodDisruptionBudget and no spread (the scheduler places one pod on each node).
 */
export const DAEMON_SET_KIND: WorkloadKind = { construct: 'LogForwarder', kind: 'DaemonSet', spread: false };
