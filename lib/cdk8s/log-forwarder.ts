import * as kplus from 'cdk8s-plus-28';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import { childPath } from './input-problems';
import { HardenedWorkloadProps, PodHardening } from './pod-hardening';
import { DAEMON_SET_KIND } from './workload-kind';

/** Props of {@link LogForwarder}: the hardened pod props and the DaemonSet's own. */
export interface LogForwarderProps extends Omit<kplus.DaemonSetProps, 'containers' | 'securityContext' | 'serviceAccount' | 'automountServiceAccountToken' | 'isolate' | 'initContainers' | 'podMetadata'>, HardenedWorkloadProps {}

/**
 * A DaemonSet hardened by the shared PodHardening (DaemonSet kind: no replicas, no
 * PodDisruptionBudget, no spread): the log forwarder of {@link AuditSink}. Containers added
 * later are hardened the same way.
 */
export class LogForwarder extends kplus.DaemonSet {
  /** The ServiceAccount the pods run as. */
  public readonly podServiceAccount: kplus.IServiceAccount;

  private readonly hardening: PodHardening;

  constructor(scope: Construct, id: string, props: LogForwarderProps) {
    PodHardening.validate(childPath(scope, id), props, DAEMON_SET_KIND);
    super(scope, id, PodHardening.podProps(id, props));
    this.hardening = new PodHardening(this, props, DAEMON_SET_KIND);
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
