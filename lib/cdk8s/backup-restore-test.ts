import { ApiObject, Cron, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import type { BackupSchedule } from './backup-schedule';
import { HipaaNamespace, NamespaceAccess } from './hipaa-namespace';
import { childPath } from './input-problems';
import { toLabelValue } from './label-value';
import { RESTORE_TEST_DIR, RestoreTestPlan } from './restore-test-script';
import { SecureCronJob } from './secure-cron-job';

export type { RestoreTestPlan } from './restore-test-script';
import type { Waiver } from '../check/waiver';
import { OWNER_LABEL, PHI_LABEL } from '../labels';

/* eslint-disable @typescript-eslint/no-require-imports */
const script = (): typeof import('./restore-test-script') => require('./restore-test-script');
const restoreProps = (): typeof import('./restore-test-props') => require('./restore-test-props');
const veleroImports = (): typeof import('../imports/velero.io') => require('../imports/velero.io');
/* eslint-enable @typescript-eslint/no-require-imports */

/** The annotation marking a Namespace as the restore-test scratch space of a Schedule (`<velero namespace>/<schedule>`). */
export const RESTORE_TEST_OF_ANNOTATION = 'hipaa-constructs.io/restore-test-of';

/** Where the restore test's pod may reach the Kubernetes API server. */
export interface ApiServerEndpoint {
  /**
   * CIDRs of the API server's endpoints (`kubectl get endpoints kubernetes -n default`; on EKS the
   * control plane's network interfaces in your VPC). Most CNIs match NetworkPolicies after the
   * `kubernetes` Service's address is translated, so these are the endpoints; for a CNI that
   * matches before, add the Service's ClusterIP as a /32.
   */
  readonly cidrs: string[];
  /** Port of the endpoints. @default 443 */
  readonly port?: number;
}

/** Props of a BackupSchedule's restore test (`restoreTest`). */
export interface BackupRestoreTestProps {
  /** Image with `sh`, `kubectl` and `date` (GNU or busybox), pinned by digest, e.g. a kubectl image from your registry. */
  readonly image: string;
  /** When the test runs (in UTC). @default Cron.schedule({ minute: '0', hour: '5', weekDay: '0' }) (Sundays 05:00 UTC) */
  readonly schedule?: Cron;
  /**
   * The scratch namespace the backup is restored into, created as a PHI HipaaNamespace (the restored
   * data is PHI). Must not be a namespace the schedule backs up or any other Namespace of the app.
   * @default '<schedule name>-restore-test'
   */
  readonly namespace?: string;
  /** The backed-up namespace that is restored. @default - the schedule's first namespace */
  readonly sourceNamespace?: string;
  /**
   * Resources restored (Velero's names, with the API group unless core: `configmaps`,
   * `deployments.apps`); the namespaced ones are deleted after each run. Workloads are left out
   * by default so restored copies of the apps never run.
   * @default ['persistentvolumeclaims', 'persistentvolumes']
   */
  readonly includedResources?: string[];
  /**
   * Claims that must be restored and Bound. A StatefulSet's claims are named
   * `<template>-<StatefulSet name>-<ordinal>`: a name that starts with a claim template of a
   * StatefulSet of the app in the source namespace but is not one of its claims is refused at synth.
   * @default - none named: every restored claim must be Bound
   */
  readonly expectedClaims?: string[];
  /**
   * A command run in the test's container after the built-in checks, with RESTORE_NAME,
   * RESTORE_NAMESPACE and BACKUP_NAME set; a non-zero exit fails the test.
   * @default - none
   */
  readonly verifyCommand?: string[];
  /** Oldest the latest completed backup may be (older: backups stopped, the test fails). @default - the RPO plus one hour */
  readonly maxBackupAge?: Duration;
  /** Where the test's pod may reach the API server (its only egress besides DNS). */
  readonly apiServer: ApiServerEndpoint;
  /** Team accountable for the test (owner label of the scratch namespace and the job). @default - the schedule's owner */
  readonly owner?: string;
  /** Who may read or administer the scratch namespace. @default - nobody */
  readonly access?: NamespaceAccess;
  /**
   * Accepted findings on the test's objects, each with a reason and an expiry at most 12 months
   * ahead. Must include one for `k8s-service-account-token`: the test calls the API.
   */
  readonly waivers: Waiver[];
}

/**
 * The scheduled restore test of a {@link BackupSchedule}: a SecureCronJob in a scratch PHI
 * namespace that checks the schedule's latest completed backup is recent, restores it into the
 * scratch namespace (Velero namespaceMapping; restored volumes get reclaimPolicy Delete), waits
 * for the Restore to complete and the claims to be Bound within the RTO, runs an optional
 * verification command, deletes what it restored, and fails the Job (no retries) with a
 * `RESTORE TEST FAILED` line when anything goes wrong. Its ServiceAccount may only create and
 * read Restores and read Backups in the Velero namespace, and list claims and delete what it
 * restored in the scratch namespace; its pod may reach only the API server (and DNS).
 * Created by {@link BackupSchedule} from its `restoreTest` prop, or directly for more tests.
 */
export class BackupRestoreTest extends Construct {
  /** The scratch namespace. */
  public readonly namespace: HipaaNamespace;
  /** The CronJob that runs the test. */
  public readonly cronJob: SecureCronJob;
  /** The Roles of the test's ServiceAccount: in the Velero namespace and in the scratch namespace. */
  public readonly roles: k8s.KubeRole[];
  /** The plan the test's script runs. */
  public readonly plan: RestoreTestPlan;

  /**
   * A restore test of `schedule` (BackupSchedule creates one from its `restoreTest` prop; create
   * more, e.g. one per namespace, each with its own scratch `namespace`).
   */
  constructor(schedule: BackupSchedule, id: string, props: BackupRestoreTestProps) {
    const choices = restoreProps().validateRestoreTest(childPath(schedule, id), {
      name: schedule.name,
      veleroNamespace: schedule.veleroNamespace,
      namespaces: schedule.namespaces,
      gapMs: schedule.longestGap.toMilliseconds(),
      rpoMs: schedule.rpo.toMilliseconds({ integral: false }),
      owner: schedule.owner,
    }, props, schedule.node.root);
    super(schedule, id);
    const s = script();
    const owner = props.owner ?? schedule.owner;
    const labels = { [PHI_LABEL]: 'true', ...(owner === undefined ? {} : { [OWNER_LABEL]: toLabelValue(owner) }) };
    const scratch = choices.scratchNamespace;
    // Named after the scratch namespace, so the objects of several tests of a schedule differ in the
    // Velero namespace; at most 52 characters: the CronJob's name, to which Kubernetes appends 11 for each Job.
    const name = scratch.slice(0, 52).replace(/-+$/, '');
    this.plan = {
      veleroNamespace: schedule.veleroNamespace,
      schedule: schedule.name,
      sourceNamespace: choices.sourceNamespace,
      scratchNamespace: scratch,
      includedResources: choices.includedResources,
      expectedClaims: props.expectedClaims ?? [],
      modifiersConfigMap: name,
      maxBackupAgeSeconds: Math.ceil(choices.maxBackupAgeMs / 1000),
      rtoSeconds: Math.ceil(schedule.rto.toSeconds({ integral: false })),
    };

    this.namespace = new HipaaNamespace(this, 'Namespace', { name: scratch, owner: owner!, phi: true, access: props.access });
    ApiObject.of(this.namespace.namespace).metadata.addAnnotation(RESTORE_TEST_OF_ANNOTATION, `${schedule.veleroNamespace}/${schedule.name}`);

    // The Velero objects the test's Restores name live beside the Schedule, where Velero reads them.
    new k8s.KubeConfigMap(this, 'ResourceModifiers', {
      metadata: { name, namespace: schedule.veleroNamespace, labels: { [PHI_LABEL]: 'false', ...(owner === undefined ? {} : { [OWNER_LABEL]: toLabelValue(owner) }) } },
      data: { 'resource-modifiers.yaml': s.resourceModifiers() },
    });
    const files = new kplus.ConfigMap(this, 'Script', {
      metadata: { name, namespace: scratch, labels },
      data: {
        'run.sh': s.restoreTestScript(this.plan),
        'restore.json': JSON.stringify(s.restoreTemplate(this.plan, veleroImports().Restore), undefined, 2),
      },
    });

    this.cronJob = new SecureCronJob(this, 'CronJob', {
      metadata: { name, namespace: scratch },
      schedule: props.schedule ?? Cron.schedule({ minute: '0', hour: '5', weekDay: '0' }),
      owner,
      automountServiceAccountToken: true,
      // One attempt: a retry would hide a failed restore behind a second one. The deadline leaves the script time to clean up after the RTO.
      backoffLimit: 0,
      activeDeadline: Duration.seconds(this.plan.rtoSeconds + 600),
      containers: [{
        name: 'restore-test',
        image: props.image,
        command: ['/bin/sh', `${RESTORE_TEST_DIR}/run.sh`],
        args: props.verifyCommand,
        envVariables: { HOME: kplus.EnvValue.fromValue('/tmp') },
        resources: {
          cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) },
          memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
          ephemeralStorage: { request: Size.gibibytes(1), limit: Size.gibibytes(1) },
        },
        volumeMounts: [{ path: RESTORE_TEST_DIR, volume: kplus.Volume.fromConfigMap(this, 'ScriptVolume', files, { defaultMode: 0o444 }), readOnly: true }],
      }],
      egress: props.apiServer.cidrs.map((cidr, i) => ({
        to: cidr.includes(':') ? kplus.NetworkPolicyIpBlock.ipv6(this, `ApiServer${i}`, cidr) : kplus.NetworkPolicyIpBlock.ipv4(this, `ApiServer${i}`, cidr),
        ports: [kplus.NetworkPolicyPort.tcp(props.apiServer.port ?? 443)],
      })),
      waivers: props.waivers,
    });
    this.cronJob.node.addDependency(this.namespace);
    const account = this.cronJob.podServiceAccount.name;

    const veleroRole = new k8s.KubeRole(this, 'VeleroRole', {
      metadata: { name, namespace: schedule.veleroNamespace, labels },
      rules: [
        { apiGroups: ['velero.io'], resources: ['restores'], verbs: ['create', 'get'] },
        { apiGroups: ['velero.io'], resources: ['backups'], verbs: ['list'] },
      ],
    });
    const scratchRole = new k8s.KubeRole(this, 'ScratchRole', {
      metadata: { name, namespace: scratch, labels },
      rules: scratchRules(this.plan),
    });
    this.roles = [veleroRole, scratchRole];
    for (const [i, role] of this.roles.entries()) {
      const binding = new k8s.KubeRoleBinding(this, `Binding${i}`, {
        metadata: { name, namespace: role.metadata.namespace, labels },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role.name },
        subjects: [{ kind: 'ServiceAccount', name: account, namespace: scratch }],
      });
      binding.node.addDependency(this.namespace);
    }
    scratchRole.node.addDependency(this.namespace);
    files.node.addDependency(this.namespace);

    // A Namespace declared after this construct is checked at synth (one walk of the tree per synth for every test).
    this.node.addValidation({
      validate: () => {
        const conflict = restoreProps().scratchNamespaceConflict(this.node.root, scratch, schedule.name, ApiObject.of(this.namespace.namespace));
        return conflict === undefined ? [] : [`restoreTest.namespace: ${conflict}`];
      },
    });
    // The claims it waits for must be ones the app's StatefulSets write (they may be declared later).
    this.node.addValidation({
      validate: () => restoreProps().expectedClaimProblems(this.node.root, choices.sourceNamespace, this.plan.expectedClaims),
    });
  }
}

/**
 * The scratch namespace's Role: read the restored claims, and delete what the test restored
 * (deletecollection only for core resources, which the script deletes by label without listing
 * them, so restored Secrets are never read; list and delete for grouped ones, which kubectl
 * deletes by label).
 */
function scratchRules(plan: RestoreTestPlan): k8s.PolicyRule[] {
  const s = script();
  const rules: k8s.PolicyRule[] = [{ apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['list'] }];
  const core = s.namespacedResources(plan).filter((r) => s.groupResource(r).group === '');
  if (core.length > 0) rules.push({ apiGroups: [''], resources: core, verbs: ['deletecollection'] });
  const byGroup = new Map<string, string[]>();
  for (const r of s.namespacedResources(plan)) {
    const { group, resource } = s.groupResource(r);
    if (group !== '') byGroup.set(group, [...(byGroup.get(group) ?? []), resource]);
  }
  for (const [group, resources] of byGroup) rules.push({ apiGroups: [group], resources, verbs: ['list', 'delete'] });
  return rules;
}
