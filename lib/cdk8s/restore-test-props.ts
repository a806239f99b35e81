/**
 * Validation of a BackupSchedule's `restoreTest` props, reported with the schedule's other
 * problems in one Error; and the check that the scratch namespace is not a production one,
 * which runs at construction and again at synth (a Namespace may be declared later).
 */
import { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { AppValidation } from './app-validation';
import { describe, InputProblems, isPlainObject } from './input-problems';
import { SecureStatefulSet } from './secure-stateful-set';
import { waiverListProblem } from '../check/waiver';
import { PHI_LABEL } from '../labels';
import { labelPhiBasis, phiLabelOf } from '../rules/k8s/phi-classification';
import { parseCidr } from '../rules/k8s/support/cidr';
import { formatDuration } from '../rules/k8s/support/velero-cron';
import { pinnedByDigest } from '../rules/k8s/workload/image-reference';
import { nameViolation } from '../rules/k8s/workload/valid-name';

/** What the restore test needs from the schedule's validated props. */
export interface ScheduleFacts {
  readonly name: string;
  readonly veleroNamespace: string;
  readonly namespaces: readonly string[];
  readonly gapMs: number | undefined;
  readonly rpoMs: number | undefined;
  /** The schedule's `owner` prop, the scratch namespace's owner unless restoreTest.owner is given. */
  readonly owner: unknown;
}

/** The values the restore test writes, computed once its props are valid. */
export interface RestoreTestChoices {
  readonly scratchNamespace: string;
  readonly sourceNamespace: string;
  readonly includedResources: readonly string[];
  readonly maxBackupAgeMs: number;
}

/** Resources restored by default: the claims and the volumes Velero creates from their snapshots. */
export const DEFAULT_RESTORED_RESOURCES: readonly string[] = ['persistentvolumeclaims', 'persistentvolumes'];

const RESOURCE = /^[a-z0-9]+(?:\.[a-z0-9-]+)*$/;

/** The default scratch namespace of a Schedule named `schedule`. */
export function defaultScratchNamespace(schedule: string): string {
  const base = schedule.slice(0, 63 - '-restore-test'.length).replace(/-+$/, '');
  return `${base}-restore-test`;
}

/** InputProblems for a BackupRestoreTest constructed directly: its props are the construct's own, not the schedule's `restoreTest`. */
class OwnProps extends InputProblems {
  add(field: string, message: string): void {
    super.add(field === 'restoreTest' ? 'props' : field.replace(/^restoreTest\./, ''), message.replace(/restoreTest\./g, ''));
  }
}

/**
 * Throws one Error listing every problem of a BackupRestoreTest's props (`where` is its construct
 * path), including a scratch namespace the app already declares; returns what it writes.
 */
export function validateRestoreTest(where: string, s: ScheduleFacts, props: unknown, root: IConstruct): RestoreTestChoices {
  const p = new OwnProps(where);
  const choices = restoreTestProblems(p, props, s);
  if (isPlainObject(props)) {
    const scratch = typeof props.namespace === 'string' ? props.namespace : defaultScratchNamespace(s.name);
    const conflict = s.namespaces.includes(scratch) ? undefined : scratchNamespaceConflict(root, scratch, s.name);
    if (conflict !== undefined) p.add('restoreTest.namespace', conflict);
  }
  p.throwIfAny();
  return choices!;
}

/** Records the problems of `rt` (the `restoreTest` prop) and returns the choices when it is valid enough. */
export function restoreTestProblems(p: InputProblems, rt: unknown, s: ScheduleFacts): RestoreTestChoices | undefined {
  if (!p.object(rt, 'restoreTest')) return undefined;
  const before = p.count;
  if (rt.image === undefined) {
    p.add('restoreTest.image', 'is required: an image with sh and kubectl, pinned by digest (e.g. \'<registry>/kubectl:1.28.15@sha256:...\').');
  } else if (p.string(rt.image, 'restoreTest.image') && !pinnedByDigest(rt.image)) {
    p.add('restoreTest.image', `'${rt.image}' is not pinned by digest (k8s-image-digest): the test runs with an API token, so the image must be the one reviewed. Append @sha256:<digest>.`);
  }
  if (rt.schedule !== undefined && !(isPlainObject(rt.schedule) && typeof rt.schedule.expressionString === 'string')) {
    p.add('restoreTest.schedule', `expected a Cron (e.g. Cron.schedule({ minute: '0', hour: '5', weekDay: '0' })), got ${describe(rt.schedule)}.`);
  }
  const scratch = typeof rt.namespace === 'string' ? rt.namespace : defaultScratchNamespace(s.name);
  if (p.string(rt.namespace, 'restoreTest.namespace')) {
    const v = nameViolation('Namespace', rt.namespace);
    if (v) p.add('restoreTest.namespace', `${v.message.replace('Namespace name', 'namespace')} (k8s-valid-name).`);
  }
  if (s.namespaces.includes(scratch)) {
    p.add('restoreTest.namespace', `${productionTarget(scratch, 'is a namespace this schedule backs up')} ${scratchFix(s.name)}`);
  } else if (scratch === s.veleroNamespace) {
    p.add('restoreTest.namespace', `'${scratch}' is the Velero namespace; restored objects must not land beside Velero's own. ${scratchFix(s.name)}`);
  }
  let source = s.namespaces[0];
  if (p.string(rt.sourceNamespace, 'restoreTest.sourceNamespace')) {
    source = rt.sourceNamespace;
    if (!s.namespaces.includes(rt.sourceNamespace)) {
      p.add('restoreTest.sourceNamespace', `'${rt.sourceNamespace}' is not backed up by this schedule (namespaces: ${s.namespaces.map((n) => `'${n}'`).join(', ') || 'none'}), so there is nothing to restore. Name one of them.`);
    }
  }
  let resources = DEFAULT_RESTORED_RESOURCES;
  if (p.list(rt.includedResources, 'restoreTest.includedResources')) {
    resources = resourceProblems(p, rt.includedResources);
  }
  if (p.list(rt.expectedClaims, 'restoreTest.expectedClaims')) {
    rt.expectedClaims.forEach((c: unknown, i: number) => {
      const field = `restoreTest.expectedClaims[${i}]`;
      if (!p.string(c, field, false)) return;
      const v = nameViolation('PersistentVolumeClaim', c);
      if (v) p.add(field, `${v.message} (k8s-valid-name).`);
    });
    if (rt.expectedClaims.length > 0 && !resources.includes('persistentvolumeclaims')) {
      p.add('restoreTest.expectedClaims', 'names claims, but includedResources does not restore persistentvolumeclaims. Add persistentvolumeclaims and persistentvolumes to includedResources, or drop expectedClaims.');
    }
  }
  if (p.list(rt.verifyCommand, 'restoreTest.verifyCommand')) {
    if (rt.verifyCommand.length === 0) p.add('restoreTest.verifyCommand', 'is empty; give the command and its arguments, e.g. [\'/bin/sh\', \'-c\', \'kubectl get configmap app -n "$RESTORE_NAMESPACE"\'], or leave it unset.');
    rt.verifyCommand.forEach((a: unknown, i: number) => p.string(a, `restoreTest.verifyCommand[${i}]`, false));
  }
  let maxAge = s.rpoMs === undefined ? undefined : s.rpoMs + 3600_000;
  if (rt.maxBackupAge !== undefined && p.instance(rt.maxBackupAge, 'restoreTest.maxBackupAge', 'a Duration (e.g. Duration.hours(25))', 'toMilliseconds', false)) {
    maxAge = (rt.maxBackupAge as { toMilliseconds(o: { integral: boolean }): number }).toMilliseconds({ integral: false });
    if (s.gapMs !== undefined && maxAge < s.gapMs) {
      p.add('restoreTest.maxBackupAge', `${formatDuration(maxAge)} is shorter than the schedule's longest gap between backups (${formatDuration(s.gapMs)}), so the test would fail before every backup. ` +
        `Set it to at least ${formatDuration(s.gapMs).split(' ')[0]} plus the time a backup takes, or leave it unset (the RPO plus one hour).`);
    }
  }
  apiServerProblems(p, rt.apiServer);
  if (p.string(rt.owner, 'restoreTest.owner') === false && rt.owner === undefined && typeof s.owner !== 'string') {
    p.add('restoreTest.owner', 'is required when the schedule has no owner: the scratch namespace (a HipaaNamespace) is labelled with the team accountable for it. Set owner on the schedule or on the restore test.');
  }
  p.object(rt.access, 'restoreTest.access');
  const waiversProblem = waiverListProblem(rt.waivers);
  if (waiversProblem) {
    p.add('restoreTest.waivers', waiversProblem);
  } else if (!(Array.isArray(rt.waivers) && rt.waivers.some((w: unknown) => isPlainObject(w) && w.ruleId === 'k8s-service-account-token'))) {
    p.add('restoreTest.waivers', 'needs a waiver for k8s-service-account-token: the restore test calls the Kubernetes API (it creates a Velero Restore and reads what was restored), so its pod mounts ' +
      'its ServiceAccount\'s token, which its Roles limit to that. Accept it with a reason and a review date, e.g. { ruleId: \'k8s-service-account-token\', reason: ' +
      '\'Restore test creates Velero Restores through the API; its Roles allow only that\', expires: \'YYYY-MM-DD\' }.');
  }
  if (p.count > before || source === undefined || maxAge === undefined) return undefined;
  return { scratchNamespace: scratch, sourceNamespace: source, includedResources: resources, maxBackupAgeMs: maxAge };
}

function resourceProblems(p: InputProblems, list: unknown[]): string[] {
  const out: string[] = [];
  list.forEach((r, i) => {
    const field = `restoreTest.includedResources[${i}]`;
    if (!p.string(r, field, false)) return;
    if (r === '*' || !RESOURCE.test(r)) {
      p.add(field, `'${r}' is not a resource name; name each resource Velero restores in lower case, with its API group unless it is core (e.g. 'configmaps', 'deployments.apps').`);
    } else if (r === 'namespaces') {
      p.add(field, '\'namespaces\' would restore the source Namespace object; the scratch namespace already exists (a HipaaNamespace). Leave it out.');
    } else if (!out.includes(r)) {
      out.push(r);
    }
  });
  if (list.length === 0) {
    p.add('restoreTest.includedResources', `is empty, so the test would restore nothing. Leave it unset (${DEFAULT_RESTORED_RESOURCES.join(', ')}) or list resources.`);
  } else if (out.includes('persistentvolumeclaims') && !out.includes('persistentvolumes')) {
    p.add('restoreTest.includedResources', 'restores persistentvolumeclaims without persistentvolumes: the claims would not get the volumes Velero creates from the snapshots, ' +
      'and the test would check empty or unbound claims instead of the backed-up data. Add persistentvolumes.');
  }
  return out;
}

function apiServerProblems(p: InputProblems, api: unknown): void {
  if (api === undefined) {
    p.add('restoreTest.apiServer', 'is required: the addresses of the Kubernetes API server the test\'s pod may reach (its only egress besides DNS), e.g. ' +
      '{ cidrs: [\'10.0.0.0/24\'] } (the endpoints of the `kubernetes` Service: kubectl get endpoints kubernetes -n default).');
    return;
  }
  if (!p.object(api, 'restoreTest.apiServer', false)) return;
  if (api.cidrs === undefined || (Array.isArray(api.cidrs) && api.cidrs.length === 0)) {
    p.add('restoreTest.apiServer.cidrs', 'needs at least one CIDR of the API server\'s endpoints, e.g. \'10.0.0.0/24\'.');
  } else if (p.list(api.cidrs, 'restoreTest.apiServer.cidrs', false)) {
    api.cidrs.forEach((c: unknown, i: number) => {
      const field = `restoreTest.apiServer.cidrs[${i}]`;
      if (p.string(c, field, false) && parseCidr(c) === undefined) p.add(field, `'${c}' is not a CIDR (e.g. '10.0.0.0/24', or '10.0.0.5/32' for one address).`);
    });
  }
  if (p.number(api.port, 'restoreTest.apiServer.port') && !(Number.isInteger(api.port) && api.port >= 1 && api.port <= 65535)) {
    p.add('restoreTest.apiServer.port', `must be a port number from 1 to 65535 (got ${api.port}).`);
  }
}

function productionTarget(ns: string, what: string): string {
  return `'${ns}' ${what}: restoring into it would overwrite production data (deleted objects come back, restored ones mix with live ones, and the test's cleanup deletes what it restored there).`;
}

function scratchFix(schedule: string): string {
  return `Name a scratch namespace of its own, which the restore test creates, or leave restoreTest.namespace unset ('${defaultScratchNamespace(schedule)}').`;
}

/**
 * Why the scratch namespace `scratch` is a production namespace of the app (a Namespace object
 * of that name that is not the test's own), or undefined. `own` is the test's Namespace object.
 */
export function scratchNamespaceConflict(root: IConstruct, scratch: string, schedule: string, own?: IConstruct): string | undefined {
  // In a synth pass (where cdk8s validates the app once per chart), one walk serves every restore test.
  const index = AppValidation.passValue(root, 'restore-test/namespaces', () => namespaceIndex(root));
  for (const c of index.get(scratch) ?? []) {
    if (c === own) continue;
    const label = phiLabelOf({ [PHI_LABEL]: c.metadata.getLabel(PHI_LABEL) });
    const basis = labelPhiBasis(label, true);
    const what = basis === undefined ? undefined
      : label === 'true' ? `is a PHI namespace of the app (${c.node.path}, labelled ${PHI_LABEL}: "true")`
        : `is a namespace of the app without a PHI label (${c.node.path}; unclassified, it counts as PHI)`;
    if (what !== undefined) return `${productionTarget(scratch, what)} ${scratchFix(schedule)}`;
    return `'${scratch}' is a Namespace the app already creates (${c.node.path}); the restore test creates and owns its scratch namespace. ${scratchFix(schedule)}`;
  }
  return undefined;
}

/** The Namespace objects under `root` (one walk of the tree), by name, in tree order. */
function namespaceIndex(root: IConstruct): ReadonlyMap<string, readonly ApiObject[]> {
  const byName = new Map<string, ApiObject[]>();
  for (const c of root.node.findAll()) {
    if (!(c instanceof ApiObject) || c.kind !== 'Namespace') continue;
    const list = byName.get(c.name);
    if (list) list.push(c);
    else byName.set(c.name, [c]);
  }
  return byName;
}

/**
 * The `expectedClaims` that cannot exist, checked at synth: a name that starts like a claim of a
 * StatefulSet claim template of the app in `namespace` (`<template>-`) but is not one of the
 * claims the app's StatefulSets write there (`<template>-<StatefulSet name>-<ordinal>`, ordinal
 * below replicas) or a claim the app declares. The script would wait for it until the RTO and
 * fail every run. Claims of no template of the app (made elsewhere, e.g. by Helm) are not judged.
 */
export function expectedClaimProblems(root: IConstruct, namespace: string, expected: readonly string[], field = 'restoreTest.expectedClaims'): string[] {
  if (expected.length === 0) return [];
  // In a synth pass (where cdk8s validates the app once per chart), one walk of the tree serves
  // every restore test.
  const { claims, sets } = AppValidation.passValue(root, 'restore-test/claims', () => claimIndex(root)).get(namespace) ?? NO_CLAIMS;
  const problems: string[] = [];
  expected.forEach((claim, i) => {
    if (claims.has(claim)) return;
    const set = sets.find((s) => claim.startsWith(`${s.template}-`));
    if (set === undefined) return;
    const meant = claim.slice(set.template.length + 1).replace(/-\d+$/, '');
    const fix = meant !== '' && meant !== set.name
      ? `Name one of those, or give the StatefulSet a fixed name (metadata: { name: '${meant}' } on the SecureStatefulSet).`
      : 'Name one of those, or raise the StatefulSet\'s replicas.';
    problems.push(`${field}[${i}]: '${claim}' is not a claim the app creates in namespace '${namespace}': claim template '${set.template}' of StatefulSet '${set.name}' (${set.path}) ` +
      `writes ${set.claims.map((n) => `'${n}'`).join(', ')}, so every run would wait for a claim that never exists and fail. ${fix}`);
  });
  return problems;
}

/** The claims the app declares or its StatefulSets' templates write in one namespace. */
interface NamespaceClaims {
  readonly claims: ReadonlySet<string>;
  readonly sets: readonly { path: string; name: string; template: string; claims: string[] }[];
}

const NO_CLAIMS: NamespaceClaims = { claims: new Set(), sets: [] };

/** Per namespace, the claims of the app under `root` (one walk of the tree; StatefulSets other than SecureStatefulSets are rendered once). */
function claimIndex(root: IConstruct): ReadonlyMap<string, NamespaceClaims> {
  const byNamespace = new Map<string, { claims: Set<string>; sets: { path: string; name: string; template: string; claims: string[] }[] }>();
  for (const c of root.node.findAll()) {
    if (!(c instanceof ApiObject) || (c.kind !== 'StatefulSet' && c.kind !== 'PersistentVolumeClaim')) continue;
    const namespace: string = c.metadata.namespace ?? 'default';
    let entry = byNamespace.get(namespace);
    if (entry === undefined) byNamespace.set(namespace, (entry = { claims: new Set(), sets: [] }));
    if (c.kind === 'PersistentVolumeClaim') {
      entry.claims.add(c.name);
      continue;
    }
    // A SecureStatefulSet knows its templates and replicas; any other StatefulSet is rendered.
    const secure = c.node.scope instanceof SecureStatefulSet ? c.node.scope : undefined;
    const json = secure ? undefined : c.toJson();
    const replicas = secure ? secure.replicas ?? 1 : typeof json.spec?.replicas === 'number' ? json.spec.replicas : 1;
    const templates: string[] = secure
      ? secure.volumeClaims.map((t) => t.name)
      : (json.spec?.volumeClaimTemplates ?? []).map((t: any) => String(t.metadata?.name));
    for (const template of templates) {
      const names = Array.from({ length: replicas }, (_, i) => `${template}-${c.name}-${i}`);
      names.forEach((n) => entry!.claims.add(n));
      // kplus and our constructs hold their ApiObject as the child 'Resource': name the construct.
      const path = c.node.id === 'Resource' && c.node.scope ? c.node.scope.node.path : c.node.path;
      entry.sets.push({ path, name: c.name, template, claims: names });
    }
  }
  return byNamespace;
}

