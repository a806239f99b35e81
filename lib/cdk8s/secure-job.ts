import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { childPath } from './input-problems';
import { PodHardening, SecurePodProps } from './pod-hardening';
import { jobProps } from './props-checks';
import { JOB_KIND } from './workload-kind';

/** How long a SecureJob (and each run of a SecureCronJob) may run before Kubernetes ends it. */
export const DEFAULT_JOB_DEADLINE = Duration.hours(1);
/** How often a failed pod of a SecureJob (or a SecureCronJob's run) is retried. */
export const DEFAULT_JOB_BACKOFF_LIMIT = 3;
/** How long a finished SecureJob and its pods are kept before Kubernetes deletes them. */
export const DEFAULT_JOB_TTL = Duration.days(1);

/**
 * A container of a {@link SecureJob} or {@link SecureCronJob}. Resources are required; probes
 * are optional (a run to completion takes no traffic, and the job's deadline ends a hung run)
 * and checked when given. The security context starts from the hardened defaults and any field
 * given here overrides one (a weaker value is refused at synth unless a waiver accepts it).
 */
export interface SecureJobContainerProps extends kplus.ContainerProps {
  /** Requests and limits for cpu, memory and ephemeral storage (all six are checked). */
  readonly resources: kplus.ContainerResources;
}

/** What a run of a {@link SecureJob} or of a {@link SecureCronJob} may do: deadline and retries. */
export interface SecureJobLimits {
  /**
   * How long a run may take before Kubernetes ends it (`activeDeadlineSeconds`), at least 1
   * second: it ends a hung run, so the containers need no liveness probe.
   * @default Duration.hours(1)
   */
  readonly activeDeadline?: Duration;
  /** Retries before the run counts as failed (`backoffLimit`), 0 or more. @default 3 */
  readonly backoffLimit?: number;
  /**
   * Whether a failed container restarts in its pod (`OnFailure`) or the pod fails and the run
   * is retried in a new pod (`Never`); Kubernetes refuses `Always` for a Job.
   * @default RestartPolicy.NEVER
   */
  readonly restartPolicy?: kplus.RestartPolicy;
}

/** Props of {@link SecureJob}: the pod props every hardened workload shares, and the Job's own. */
export interface SecureJobProps extends Omit<kplus.JobProps, 'containers' | 'securityContext' | 'activeDeadline' | 'backoffLimit' | 'ttlAfterFinished' | 'restartPolicy' |
  'serviceAccount' | 'automountServiceAccountToken' | 'isolate'>,
  SecurePodProps, SecureJobLimits {
  /** Containers of the pod (at least one). */
  readonly containers: SecureJobContainerProps[];
  /**
   * How long the finished Job and its pods (with their logs, which may hold PHI) are kept before
   * Kubernetes deletes them (`ttlSecondsAfterFinished`), at least 1 second.
   * @default Duration.days(1)
   */
  readonly ttlAfterFinished?: Duration;
}

/**
 * A Job hardened like {@link SecureDeployment} (same pod hardening: its own ServiceAccount
 * without a token, non-root UID/GID 10001, read-only root filesystem, no privilege escalation,
 * all capabilities dropped, seccomp and AppArmor runtime/default, an in-memory /tmp, secrets as
 * read-only files, PHI labels, NetworkPolicies for exactly the declared flows), built on
 * cdk8s-plus-28's Job. A run ends after `activeDeadline` (default 1 hour), is retried
 * `backoffLimit` times (default 3), and the finished Job and its pods are deleted after
 * `ttlAfterFinished` (default 1 day). No probes are required, no PodDisruptionBudget or spread
 * is written (a run to completion has no replicas to keep up).
 */
export class SecureJob extends kplus.Job {
  /** The ServiceAccount the pods run as (token not mounted). */
  public readonly podServiceAccount: kplus.IServiceAccount;

  private readonly hardening: PodHardening;

  constructor(scope: Construct, id: string, props: SecureJobProps) {
    PodHardening.validate(childPath(scope, id), props, JOB_KIND, (p, raw) => jobProps().jobProblems(p, raw));
    super(scope, id, {
      ...PodHardening.podProps(id, props),
      activeDeadline: props.activeDeadline ?? DEFAULT_JOB_DEADLINE,
      backoffLimit: props.backoffLimit ?? DEFAULT_JOB_BACKOFF_LIMIT,
      ttlAfterFinished: props.ttlAfterFinished ?? DEFAULT_JOB_TTL,
    });
    this.hardening = new PodHardening(this, props, JOB_KIND);
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

  /** @internal */
  public _toPodSpec(): k8s.PodSpec {
    return this.hardening.podSpec(() => super._toPodSpec());
  }
}
