import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { groupResource, resourceModifiers, restoreTemplate, restoreTestScript, RestoreTestPlan } from '../../lib/cdk8s/restore-test-script';
import { Restore } from '../../lib/imports/velero.io';
import { validateCustomResources } from '../helpers/crd-schema';

const PLAN: RestoreTestPlan = {
  veleroNamespace: 'velero',
  schedule: 'backup',
  sourceNamespace: 'clinic',
  scratchNamespace: 'backup-restore-test',
  includedResources: ['persistentvolumeclaims', 'persistentvolumes', 'configmaps', 'deployments.apps'],
  expectedClaims: ['data-db-0'],
  modifiersConfigMap: 'backup-restore-test',
  maxBackupAgeSeconds: 25 * 3600,
  rtoSeconds: 4 * 3600,
};

/**
 * A fake kubectl, driven by environment variables, that logs every call: runs the script as the
 * CronJob would, without a cluster.
 */
const FAKE_KUBECTL = `#!/bin/sh
echo "$*" >> "$FAKE_LOG"
case "$*" in
  "get backups.velero.io"*) [ -z "\${FAKE_LIST_FAILS:-}" ] || { echo 'Error from server (Forbidden)' >&2; exit 1; }; printf '%s' "$FAKE_BACKUPS" ;;
  "create -f"*) echo "backup-restore-test-x7k2p" ;;
  "get persistentvolumeclaims"*) printf '%s' "$FAKE_CLAIMS" ;;
  "get restores.velero.io"*"{.status.phase}"*) printf '%s' "$FAKE_PHASE" ;;
  "get restores.velero.io"*"{.spec.backupName}"*) echo "backup-20260101020000" ;;
  "get restores.velero.io"*"errors="*) echo "errors=2 restic timeout" ;;
  "delete --raw"*) [ -z "\${FAKE_DELETE_FAILS:-}" ] || exit 1 ;;
  "delete "*) ;;
  *) echo "unexpected kubectl $*" >&2; exit 2 ;;
esac
`;

interface Run { readonly status: number | null; readonly stdout: string; readonly stderr: string; readonly calls: string[] }

function iso(secondsAgo: number): string {
  return new Date(Date.now() - secondsAgo * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function run(env: Record<string, string>, plan: RestoreTestPlan = PLAN, args: string[] = []): Run {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'restore-test-'));
  try {
    fs.writeFileSync(path.join(dir, 'kubectl'), FAKE_KUBECTL, { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'run.sh'), restoreTestScript(plan));
    const log = path.join(dir, 'calls.log');
    fs.writeFileSync(log, '');
    const r = spawnSync('sh', [path.join(dir, 'run.sh'), ...args], {
      encoding: 'utf8',
      env: {
        PATH: `${dir}:${process.env.PATH}`,
        FAKE_LOG: log,
        POLL_SECONDS: '0',
        RESTORE_TEMPLATE: path.join(dir, 'restore.json'),
        FAKE_BACKUPS: `${iso(30 * 3600)} backup-20260101020000\n${iso(3600)} backup-20260102020000\n`,
        FAKE_PHASE: 'Completed',
        FAKE_CLAIMS: 'data-db-0=Bound ',
        ...env,
      },
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, calls: fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const FAILED = 'RESTORE TEST FAILED (schedule velero/backup):';
const CLEANUP = [
  'delete --raw /api/v1/namespaces/backup-restore-test/persistentvolumeclaims?labelSelector=velero.io%2Frestore-name%3Dbackup-restore-test-x7k2p',
  'delete --raw /api/v1/namespaces/backup-restore-test/configmaps?labelSelector=velero.io%2Frestore-name%3Dbackup-restore-test-x7k2p',
  'delete deployments.apps -n backup-restore-test -l velero.io/restore-name=backup-restore-test-x7k2p --wait=false',
];

describe('the restore test script (run with a fake kubectl)', () => {
  test('passes: the newest completed backup is recent, the restore completes, the claims are Bound; then it deletes what it restored', () => {
    const r = run({});
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('restore-test: latest completed backup: backup-20260102020000');
    expect(r.stdout).toMatch(/RESTORE TEST PASSED: backup backup-20260101020000 restored into backup-restore-test and verified in \d+ seconds \(RTO 14400 seconds\)/);
    expect(r.calls[0]).toMatch(/^get backups.velero.io -n velero -l velero.io\/schedule-name=backup -o jsonpath=/);
    expect(r.calls.filter((c) => c.startsWith('create'))).toEqual([expect.stringMatching(/^create -f \S+\/restore\.json -o jsonpath=\{\.metadata\.name\}$/)]);
    expect(r.calls.slice(-3)).toEqual(CLEANUP);
  });

  test('fails when no backup of the schedule completed, without creating a Restore', () => {
    const r = run({ FAKE_BACKUPS: '' });
    expect([r.status, r.stderr.trim()]).toEqual([1, `${FAILED} no completed backup of schedule backup in namespace velero`]);
    expect(r.calls.some((c) => c.startsWith('create'))).toBe(false);
  });

  test('fails when the newest completed backup is older than the allowed age (backups stopped)', () => {
    const started = iso(26 * 3600);
    const r = run({ FAKE_BACKUPS: `${started} backup-old\n` });
    expect([r.status, r.stderr.trim()]).toEqual([1, `${FAILED} the latest completed backup, backup-old, started at ${started}, more than 90000 seconds ago: backups have stopped or are failing`]);
  });

  test('fails when the backups cannot be listed (e.g. RBAC), saying so', () => {
    const r = run({ FAKE_LIST_FAILS: '1' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${FAILED} could not list the backups of schedule backup in namespace velero (see the error above)`);
  });

  test('fails when the restore ends PartiallyFailed, and still cleans up', () => {
    const r = run({ FAKE_PHASE: 'PartiallyFailed' });
    expect([r.status, r.stderr.trim()]).toEqual([1,
      `${FAILED} restore backup-restore-test-x7k2p ended in phase PartiallyFailed (errors=2 restic timeout); see: velero restore describe backup-restore-test-x7k2p --details`]);
    expect(r.calls.slice(-3)).toEqual(CLEANUP);
  });

  test('fails when the restore does not complete within the RTO', () => {
    const r = run({ FAKE_PHASE: 'InProgress' }, { ...PLAN, rtoSeconds: 0 });
    expect([r.status, r.stderr.trim()]).toEqual([1, `${FAILED} restore backup-restore-test-x7k2p did not complete within the RTO of 0 seconds (phase InProgress)`]);
    expect(r.calls.slice(-3)).toEqual(CLEANUP);
  });

  test('fails when an expected claim is missing or a claim is not Bound within the RTO', () => {
    const r = run({ FAKE_CLAIMS: 'other=Pending ' }, { ...PLAN, rtoSeconds: 0 });
    expect([r.status, r.stderr.trim()]).toEqual([1, `${FAILED} within the RTO of 0 seconds, claims not restored: data-db-0; not Bound: other`]);
  });

  test('runs the verification command with the restore named in its environment; its failure fails the test', () => {
    const ok = run({}, PLAN, ['sh', '-c', 'echo "checked $RESTORE_NAMESPACE $RESTORE_NAME $BACKUP_NAME"']);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('checked backup-restore-test backup-restore-test-x7k2p backup-20260101020000');
    const bad = run({}, PLAN, ['sh', '-c', 'exit 3']);
    expect([bad.status, bad.stderr.trim()]).toEqual([1, `${FAILED} the verification command (sh -c exit 3) failed on restore backup-restore-test-x7k2p`]);
    expect(bad.calls.slice(-3)).toEqual(CLEANUP);
  });

  test('a cleanup that fails fails the test, even after the checks passed', () => {
    const r = run({ FAKE_DELETE_FAILS: '1' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${FAILED} could not delete restored persistentvolumeclaims in backup-restore-test`);
  });
});

describe('the Restore template and resource modifiers', () => {
  const template = restoreTemplate(PLAN, Restore);

  test('restores the latest backup of the schedule, only the source namespace, mapped to the scratch namespace, volumes from snapshots, nothing overwritten', () => {
    expect(template).toEqual({
      apiVersion: 'velero.io/v1',
      kind: 'Restore',
      metadata: {
        generateName: 'backup-restore-test-',
        namespace: 'velero',
        labels: { 'hipaa-constructs.io/phi': 'true', 'hipaa-constructs.io/restore-test': 'backup' },
      },
      spec: {
        scheduleName: 'backup',
        includedNamespaces: ['clinic'],
        namespaceMapping: { clinic: 'backup-restore-test' },
        includedResources: ['persistentvolumeclaims', 'persistentvolumes', 'configmaps', 'deployments.apps'],
        restorePVs: true,
        existingResourcePolicy: 'none',
        resourceModifier: { kind: 'ConfigMap', name: 'backup-restore-test' },
      },
    });
  });

  test('is valid against the Velero Restore CRD (with the name the API server gives it from generateName)', () => {
    const created = { ...template, metadata: { ...(template.metadata as object), name: 'backup-restore-test-x7k2p' } };
    expect(validateCustomResources([created])).toEqual([]);
  });

  test('restored PersistentVolumes get reclaimPolicy Delete, so deleting the claims deletes the volumes made from snapshots', () => {
    expect(resourceModifiers()).toBe([
      'version: v1',
      'resourceModifierRules:',
      '- conditions:',
      '    groupResource: persistentvolumes',
      '  patches:',
      '  - operation: replace',
      '    path: "/spec/persistentVolumeReclaimPolicy"',
      '    value: "Delete"',
      '',
    ].join('\n'));
  });

  test('resource names: core or with their API group', () => {
    expect([groupResource('secrets'), groupResource('deployments.apps'), groupResource('externalsecrets.external-secrets.io')]).toEqual([
      { group: '', resource: 'secrets' }, { group: 'apps', resource: 'deployments' }, { group: 'external-secrets.io', resource: 'externalsecrets' },
    ]);
  });
});
