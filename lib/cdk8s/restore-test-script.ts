/**
 * What the restore test of a BackupSchedule runs: the Velero Restore it creates (a template,
 * rendered with the generated Velero classes, created at run time with `kubectl create`), the
 * resource modifiers Velero applies to what it restores, and the POSIX shell script that checks
 * the latest backup, restores it into the scratch namespace, verifies it against the RTO, fails
 * loudly and cleans up. Pure functions of the plan, so they are tested without a cluster.
 */
import type * as velero from '../imports/velero.io';
import { PHI_LABEL } from '../labels';

/** What the restore test restores, where, and what it checks. */
export interface RestoreTestPlan {
  /** Namespace Velero runs in (Restores are created there). */
  readonly veleroNamespace: string;
  /** The Schedule whose latest backup is restored. */
  readonly schedule: string;
  /** The namespace restored from the backup. */
  readonly sourceNamespace: string;
  /** The scratch namespace it is restored into. */
  readonly scratchNamespace: string;
  /** Resources restored (Velero's names: `persistentvolumeclaims`, `deployments.apps`); the namespaced ones are deleted afterwards. */
  readonly includedResources: readonly string[];
  /** Claims that must be restored and Bound. */
  readonly expectedClaims: readonly string[];
  /** The ConfigMap in the Velero namespace holding the resource modifiers. */
  readonly modifiersConfigMap: string;
  /** Oldest a completed backup may be, in seconds. */
  readonly maxBackupAgeSeconds: number;
  /** Recovery time objective in seconds: the restore and its checks must finish within it. */
  readonly rtoSeconds: number;
}

/** Label on the Restores the test creates, naming the Schedule (evidence: they are kept, with their logs in the bucket). */
export const RESTORE_TEST_LABEL = 'hipaa-constructs.io/restore-test';

/** Where the script and the Restore template are mounted in the test's container. */
export const RESTORE_TEST_DIR = '/etc/restore-test';

/** Cluster-scoped resources among those Velero restores for a namespace (not deleted by name in the scratch namespace). */
const CLUSTER_SCOPED: ReadonlySet<string> = new Set(['persistentvolumes']);

/** The Restore the test creates (`metadata.generateName`: each run gets its own, kept as evidence). */
export function restoreTemplate(plan: RestoreTestPlan, restoreClass: typeof velero.Restore): Record<string, unknown> {
  // generateName keeps names at 63 characters (the API server cuts the prefix to 58), so Velero's
  // velero.io/restore-name label on restored objects is the Restore's name, which the script selects by.
  return restoreClass.manifest({
    metadata: {
      generateName: `${plan.schedule}-restore-test-`,
      namespace: plan.veleroNamespace,
      labels: { [PHI_LABEL]: 'true', [RESTORE_TEST_LABEL]: plan.schedule },
    },
    spec: {
      scheduleName: plan.schedule,
      includedNamespaces: [plan.sourceNamespace],
      namespaceMapping: { [plan.sourceNamespace]: plan.scratchNamespace },
      includedResources: [...plan.includedResources],
      restorePVs: true,
      existingResourcePolicy: 'none',
      resourceModifier: { kind: 'ConfigMap', name: plan.modifiersConfigMap },
    },
  });
}

/**
 * Velero resource modifiers (v1.12+) for the test's restores: restored PersistentVolumes get
 * reclaimPolicy Delete, so deleting the restored claims afterwards also deletes the EBS volumes
 * created from the snapshots (the originals keep Retain: the modifier applies only to restores
 * that name it).
 */
export function resourceModifiers(): string {
  return [
    'version: v1',
    'resourceModifierRules:',
    '- conditions:',
    '    groupResource: persistentvolumes',
    '  patches:',
    '  - operation: replace',
    '    path: "/spec/persistentVolumeReclaimPolicy"',
    '    value: "Delete"',
    '',
  ].join('\n');
}

/** `persistentvolumeclaims` (core) or `deployments.apps`: the API group and resource of a Velero resource name. */
export function groupResource(name: string): { readonly group: string; readonly resource: string } {
  const dot = name.indexOf('.');
  return dot < 0 ? { group: '', resource: name } : { group: name.slice(dot + 1), resource: name.slice(0, dot) };
}

/** The namespaced resources of the plan the test deletes after each run. */
export function namespacedResources(plan: RestoreTestPlan): string[] {
  return plan.includedResources.filter((r) => !CLUSTER_SCOPED.has(r));
}

function quote(value: string): string {
  return `'${value.replace(/'/g, '\'\\\'\'')}'`;
}

/**
 * The test's script (POSIX sh; needs `kubectl` and `date -d @<seconds>`, as in Debian- or
 * busybox-based kubectl images). Arguments, when given, are a verification command run after
 * the built-in checks, with RESTORE_NAME, RESTORE_NAMESPACE and BACKUP_NAME set. Exits non-zero,
 * with a line starting `RESTORE TEST FAILED`, when there is no recent completed backup, when the
 * restore fails or does not complete within the RTO, when a claim is missing or not Bound, when
 * the verification command fails, or when the cleanup fails.
 */
export function restoreTestScript(plan: RestoreTestPlan): string {
  const namespaced = namespacedResources(plan);
  const core = namespaced.filter((r) => groupResource(r).group === '');
  const grouped = namespaced.filter((r) => groupResource(r).group !== '');
  return `#!/bin/sh
# Restore test of Velero Schedule ${plan.veleroNamespace}/${plan.schedule}, written by hipaa-constructs (BackupSchedule).
# Restores the latest completed backup of namespace ${plan.sourceNamespace} into ${plan.scratchNamespace}, checks it within the RTO,
# and deletes what it restored. Any failure exits non-zero (the Job fails) with a line starting "RESTORE TEST FAILED".
set -eu
VELERO_NS=${quote(plan.veleroNamespace)}
SCHEDULE=${quote(plan.schedule)}
SCRATCH=${quote(plan.scratchNamespace)}
MAX_BACKUP_AGE_SECONDS=${plan.maxBackupAgeSeconds}
RTO_SECONDS=${plan.rtoSeconds}
EXPECTED_CLAIMS=${quote(plan.expectedClaims.join(' '))}
DELETE_CORE=${quote(core.join(' '))}
DELETE_GROUPED=${quote(grouped.join(' '))}
POLL_SECONDS="\${POLL_SECONDS:-10}"
RESTORE_TEMPLATE="\${RESTORE_TEMPLATE:-${RESTORE_TEST_DIR}/restore.json}"

started=$(date +%s)
deadline=$((started + RTO_SECONDS))
restore=''
log() { echo "restore-test: $*"; }
fail() { echo "RESTORE TEST FAILED (schedule $VELERO_NS/$SCHEDULE): $*" >&2; exit 1; }

cleanup() {
  status=$?
  trap - EXIT
  if [ -n "$restore" ]; then
    log "deleting what restore $restore created in $SCRATCH"
    for r in $DELETE_CORE; do
      kubectl delete --raw "/api/v1/namespaces/$SCRATCH/$r?labelSelector=velero.io%2Frestore-name%3D$restore" >/dev/null \\
        || { echo "RESTORE TEST FAILED (schedule $VELERO_NS/$SCHEDULE): could not delete restored $r in $SCRATCH" >&2; status=1; }
    done
    for r in $DELETE_GROUPED; do
      kubectl delete "$r" -n "$SCRATCH" -l "velero.io/restore-name=$restore" --wait=false \\
        || { echo "RESTORE TEST FAILED (schedule $VELERO_NS/$SCHEDULE): could not delete restored $r in $SCRATCH" >&2; status=1; }
    done
  fi
  exit "$status"
}
trap cleanup EXIT

# 1. A completed backup of the schedule, recent enough (backups that stopped or fail are found here).
backups=$(kubectl get backups.velero.io -n "$VELERO_NS" -l "velero.io/schedule-name=$SCHEDULE" \\
  -o jsonpath='{range .items[?(@.status.phase=="Completed")]}{.status.startTimestamp}{" "}{.metadata.name}{"\\n"}{end}') \\
  || fail "could not list the backups of schedule $SCHEDULE in namespace $VELERO_NS (see the error above)"
latest=$(printf '%s\\n' "$backups" | grep . | sort | tail -n 1 || true)
[ -n "$latest" ] || fail "no completed backup of schedule $SCHEDULE in namespace $VELERO_NS"
backup_started=\${latest%% *}
backup=\${latest#* }
oldest=$(date -u -d "@$((started - MAX_BACKUP_AGE_SECONDS))" +%Y-%m-%dT%H:%M:%SZ)
if expr "$backup_started" \\< "$oldest" >/dev/null; then
  fail "the latest completed backup, $backup, started at $backup_started, more than $MAX_BACKUP_AGE_SECONDS seconds ago: backups have stopped or are failing"
fi
log "latest completed backup: $backup (started $backup_started)"

# 2. Restore it into the scratch namespace.
restore=$(kubectl create -f "$RESTORE_TEMPLATE" -o jsonpath='{.metadata.name}') || fail "could not create the Restore (see the error above)"
log "created restore $VELERO_NS/$restore into $SCRATCH"
while :; do
  phase=$(kubectl get restores.velero.io "$restore" -n "$VELERO_NS" -o jsonpath='{.status.phase}') || fail "could not read restore $restore (see the error above)"
  case "$phase" in
    Completed) break ;;
    PartiallyFailed|Failed|FailedValidation)
      why=$(kubectl get restores.velero.io "$restore" -n "$VELERO_NS" -o jsonpath='errors={.status.errors} {.status.failureReason} {.status.validationErrors}')
      fail "restore $restore ended in phase $phase ($why); see: velero restore describe $restore --details" ;;
  esac
  [ "$(date +%s)" -lt "$deadline" ] || fail "restore $restore did not complete within the RTO of $RTO_SECONDS seconds (phase \${phase:-New})"
  sleep "$POLL_SECONDS"
done
restored_from=$(kubectl get restores.velero.io "$restore" -n "$VELERO_NS" -o jsonpath='{.spec.backupName}')
log "restore $restore completed from backup \${restored_from:-$backup}"

# 3. The restored claims exist and are Bound (their volumes were created from the snapshots).
while :; do
  claims=$(kubectl get persistentvolumeclaims -n "$SCRATCH" -l "velero.io/restore-name=$restore" \\
    -o jsonpath='{range .items[*]}{.metadata.name}={.status.phase}{" "}{end}') || fail "could not list the restored claims in $SCRATCH (see the error above)"
  missing=''
  for c in $EXPECTED_CLAIMS; do
    case " $claims" in *" $c="*) ;; *) missing="$missing $c" ;; esac
  done
  unbound=''
  for c in $claims; do
    case "$c" in *=Bound) ;; *) unbound="$unbound \${c%%=*}" ;; esac
  done
  [ -n "$missing$unbound" ] || break
  [ "$(date +%s)" -lt "$deadline" ] || fail "within the RTO of $RTO_SECONDS seconds, claims not restored:\${missing:- none}; not Bound:\${unbound:- none}"
  sleep "$POLL_SECONDS"
done
log "restored claims, all Bound: \${claims:-none}"

# 4. The user's verification command, if any.
if [ "$#" -gt 0 ]; then
  RESTORE_NAME="$restore" RESTORE_NAMESPACE="$SCRATCH" BACKUP_NAME="\${restored_from:-$backup}" "$@" \\
    || fail "the verification command ($*) failed on restore $restore"
fi

log "RESTORE TEST PASSED: backup \${restored_from:-$backup} restored into $SCRATCH and verified in $(( $(date +%s) - started )) seconds (RTO $RTO_SECONDS seconds)"
`;
}
