import { Cron, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { childPath } from './input-problems';
import { PodHardening, SecurePodProps } from './pod-hardening';
import { jobProps } from './props-checks';
import { DEFAULT_JOB_BACKOFF_LIMIT, DEFAULT_JOB_DEADLINE, SecureJobContainerProps, SecureJobLimits } from './secure-job';
import { CRON_JOB_KIND } from './workload-kind';

/** The time zone a SecureCronJob's schedule is read in unless props say otherwise. */
export const DEFAULT_CRON_TIME_ZONE = 'Etc/UTC';
/** How late after its scheduled time a SecureCronJob's run may still start. */
export const DEFAULT_CRON_STARTING_DEADLINE = Duration.minutes(5);

/** Props of {@link SecureCronJob}: the pod props every hardened workload shares, the schedule, and the limits of each run. */
export interface SecureCronJobProps extends Omit<kplus.CronJobProps, 'containers' | 'securityContext' | 'activeDeadline' | 'backoffLimit' | 'ttlAfterFinished' |
  'timeZone' | 'startingDeadline' | 'successfulJobsRetained' | 'failedJobsRetained' | 'restartPolicy' | 'serviceAccount' | 'automountServiceAccountToken' | 'isolate'>, SecurePodProps, SecureJobLimits {
  /** Containers of the pod (at least one). */
  readonly containers: SecureJobContainerProps[];
  /** When the job runs, e.g. `Cron.daily()` or `Cron.schedule({ minute: '0', hour: '3' })` (read in `timeZone`). */
  readonly schedule: Cron;
  /**
   * IANA time zone the schedule is read in (`spec.timeZone`), so it does not depend on the
   * zone of the controller manager.
   * @default 'Etc/UTC'
   */
  readonly timeZone?: string;
  /**
   * How late after its scheduled time a run may still start (at least 10 seconds, the
   * controller's period); a run that cannot start in time is skipped.
   * @default Duration.minutes(5)
   */
  readonly startingDeadline?: Duration;
  /**
   * Finished successful Jobs kept (with their pods and logs, which may hold PHI); older ones are
   * deleted. Kubernetes keeps 3 by default.
   * @default 1
   */
  readonly successfulJobsRetained?: number;
  /** Failed Jobs kept (with their pods and logs) to find out why they failed. @default 1 */
  readonly failedJobsRetained?: number;
}

/**
 * A CronJob whose pods are hardened like {@link SecureDeployment}'s (the same PodHardening),
 * built on cdk8s-plus-28's CronJob. The schedule is read in `Etc/UTC` unless `timeZone` says
 * otherwise and checked as the API server parses it; runs do not overlap (concurrencyPolicy
 * Forbid), each run ends after `activeDeadline` (default 1 hour) with `backoffLimit` retries
 * (default 3), and finished Jobs are removed by the history limits (one successful and one
 * failed kept). The Jobs it creates carry the workload's PHI, owner and app labels. No probes
 * are required, no PodDisruptionBudget or spread is written.
 */
export class SecureCronJob extends kplus.CronJob {
  /** The ServiceAccount the pods run as (token not mounted). */
  public readonly podServiceAccount: kplus.IServiceAccount;

  private readonly hardening: PodHardening;

  constructor(scope: Construct, id: string, props: SecureCronJobProps) {
    PodHardening.validate(childPath(scope, id), props, CRON_JOB_KIND, (p, raw) => jobProps().cronJobProblems(p, raw));
    super(scope, id, {
      ...PodHardening.podProps(id, props),
      activeDeadline: props.activeDeadline ?? DEFAULT_JOB_DEADLINE,
      backoffLimit: props.backoffLimit ?? DEFAULT_JOB_BACKOFF_LIMIT,
      timeZone: props.timeZone ?? DEFAULT_CRON_TIME_ZONE,
      concurrencyPolicy: props.concurrencyPolicy ?? kplus.ConcurrencyPolicy.FORBID,
      startingDeadline: props.startingDeadline ?? DEFAULT_CRON_STARTING_DEADLINE,
      successfulJobsRetained: props.successfulJobsRetained ?? 1,
      failedJobsRetained: props.failedJobsRetained ?? 1,
    });
    this.hardening = new PodHardening(this, props, CRON_JOB_KIND);
    this.podServiceAccount = this.hardening.serviceAccount;
    this.hardening.addInitialContainersAndFlows(props);
  }

  /** Adds a container with the hardened security context, /tmp and the secret mounts. */
  public addContainer(cont: kplus.ContainerProps): kplus.Container {
    return this.hardening.addContainer(cont, (hardened) => super.addContainer(hardened));
  }

  /** Adds an init container with the hardened security context, /tmp and the secret mounts. */
  public addInitContainer(cont: kplus.ContainerProps): kplus.Container {
    return this.hardening.addContainer(cont, (hardened) => super.addInitContainer(hardened), 'addInitContainer');
  }

  /** @internal The CronJob spec with the PHI, owner and app labels on the Jobs it creates. */
  public _toKube(): k8s.CronJobSpec {
    const spec = super._toKube();
    return { ...spec, jobTemplate: { ...spec.jobTemplate, metadata: { labels: { ...this.hardening.relatedLabels } } } };
  }

  /** @internal */
  public _toPodSpec(): k8s.PodSpec {
    return this.hardening.podSpec(() => super._toPodSpec());
  }
}
