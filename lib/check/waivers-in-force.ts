import { WAIVER_EXPIRED, WAIVER_INVALID } from './meta-rules';
import { isPulumiType } from './pulumi-resource';
import { isKubernetesKind, Resource } from './resource';
import type { RuleInfo, Violation } from './rule';
import { isExpired, parseWaiverAnnotation, ScopedWaiver, targets, Waiver, waiverProblems, WaiverPolicy, WAIVERS_ANNOTATION } from './waiver';
import { parseWaiverTags } from './waiver-tags';
import { containerLabel, podTemplate } from '../rules/k8s/pod';

/**
 * The waivers of one rule on one object: one for the whole object, and/or some for single
 * containers of its pod (each with the field path of its container).
 */
export interface RuleWaivers {
  /** The first valid waiver of the rule for the whole object. @default - none */
  readonly whole?: Waiver;
  /** Waivers of the rule for one container each, with the path of that container. */
  readonly containers: ReadonlyArray<{ readonly path: string; readonly waiver: Waiver }>;
}

/** Waivers in force on an object, by rule id, and findings about waivers that are broken or expired. */
export interface WaiversInForce {
  readonly byRule: ReadonlyMap<string, RuleWaivers>;
  /** Findings to raise on the object: meta-rule and violation. */
  readonly raise: ReadonlyArray<readonly [RuleInfo, Violation]>;
}

const NONE: WaiversInForce = { byRule: new Map(), raise: [] };

/** Path of the waivers annotation, where findings about waivers point. */
export const WAIVERS_ANNOTATION_PATH = `metadata.annotations["${WAIVERS_ANNOTATION}"]`;

/**
 * The waivers in force for an object: from its annotation (validated against `policy`, broken
 * ones raised as waiver-invalid) and from the checker's scoped waivers that target it, minus
 * expired ones (raised as waiver-expired). A waiver naming a container applies only when the
 * object's pod has a container of that name; in an annotation, an unknown container is invalid.
 */
export function waiversInForce(
  resource: Resource,
  globalWaivers: readonly ScopedWaiver[],
  knownIds: ReadonlySet<string>,
  packName: string,
  policy: Required<WaiverPolicy>,
): WaiversInForce {
  if (isPulumiType(resource.kind)) return waiverTagsInForce(resource, globalWaivers, knownIds, packName, policy);
  if (!isKubernetesKind(resource.kind)) return carriedWaiversInForce(resource, globalWaivers, knownIds, packName, policy);
  const annotation = resource.body.metadata?.annotations?.[WAIVERS_ANNOTATION];
  if (annotation === undefined && globalWaivers.length === 0) return NONE;
  const raise: Array<readonly [RuleInfo, Violation]> = [];
  const invalid = (message: string) => raise.push([WAIVER_INVALID, { path: WAIVERS_ANNOTATION_PATH, message }]);
  const candidates: Candidate[] = [];
  if (annotation !== undefined) {
    const parsed = parseWaiverAnnotation(annotation, policy);
    for (const problem of parsed.problems) invalid(problem);
    parsed.waivers.forEach((w) => {
      if (!knownIds.has(w.ruleId)) {
        invalid(notInPack(w.ruleId, packName));
        return;
      }
      if (w.container === undefined) {
        candidates.push({ waiver: w });
        return;
      }
      const found = containerPath(resource, w.container);
      if (found.path !== undefined) candidates.push({ waiver: w, containerPath: found.path });
      else invalid(`waiver of rule '${w.ruleId}' names container '${w.container}', but ${found.why}`);
    });
  }
  for (const w of globalWaivers) {
    if (!targets(w.target, resource.kind, resource.namespace, resource.name)) continue;
    if (w.container === undefined) {
      candidates.push({ waiver: w });
    } else {
      // A scoped waiver may target many objects: it applies to those whose pod has the container.
      const found = containerPath(resource, w.container);
      if (found.path !== undefined) candidates.push({ waiver: w, containerPath: found.path });
    }
  }
  return { byRule: byRuleInForce(candidates, policy, raise, () => WAIVERS_ANNOTATION_PATH), raise };
}


/**
 * The waivers of a Pulumi resource: from its waiver tags (see waiver-tags.ts) and from the
 * checker's scoped waivers that target its type and name. A cloud resource has no pod, so a
 * waiver naming a container does not apply to it.
 */
function waiverTagsInForce(
  resource: Resource,
  globalWaivers: readonly ScopedWaiver[],
  knownIds: ReadonlySet<string>,
  packName: string,
  policy: Required<WaiverPolicy>,
): WaiversInForce {
  const parsed = parseWaiverTags(resource.body.tags, policy);
  if (parsed.waivers.length === 0 && parsed.problems.length === 0 && globalWaivers.length === 0) return NONE;
  const raise: Array<readonly [RuleInfo, Violation]> = [];
  const tagPath = (tag: string) => `tags[${JSON.stringify(tag)}]`;
  for (const p of parsed.problems) raise.push([WAIVER_INVALID, { path: tagPath(p.tag), message: p.message }]);
  const candidates: Candidate[] = [];
  for (const w of parsed.waivers) {
    if (knownIds.has(w.ruleId)) candidates.push({ waiver: w, at: tagPath(w.tag) });
    else raise.push([WAIVER_INVALID, { path: tagPath(w.tag), message: notInPack(w.ruleId, packName) }]);
  }
  candidates.push(...podlessScopedWaivers(resource, globalWaivers, 'tags'));
  return { byRule: byRuleInForce(candidates, policy, raise, (candidate) => candidate.at ?? 'tags'), raise };
}

/**
 * The waivers of an object of another format (a Dockerfile, a Compose service, a daemon.json): those
 * its reader found in the file ({@link Resource.waivers}) and the checker's scoped waivers that target
 * its kind and name. It has no pod, so a waiver naming a container does not apply to it.
 */
function carriedWaiversInForce(
  resource: Resource,
  globalWaivers: readonly ScopedWaiver[],
  knownIds: ReadonlySet<string>,
  packName: string,
  policy: Required<WaiverPolicy>,
): WaiversInForce {
  const carried = resource.waivers ?? [];
  if (carried.length === 0 && globalWaivers.length === 0) return NONE;
  const raise: Array<readonly [RuleInfo, Violation]> = [];
  const candidates: Candidate[] = [];
  for (const c of carried) {
    if (c.problem !== undefined || c.waiver === undefined) {
      raise.push([WAIVER_INVALID, { path: c.path, message: c.problem ?? 'not a waiver' }]);
      continue;
    }
    const problems = waiverProblems(c.waiver, undefined, policy);
    const w = c.waiver as Waiver;
    if (problems.length === 0 && w.container !== undefined) problems.push(`container cannot be given on a ${resource.kind} (it has no pod)`);
    if (problems.length > 0) {
      raise.push([WAIVER_INVALID, { path: c.path, message: `waiver${typeof w.ruleId === 'string' ? ` of rule '${w.ruleId}'` : ''}: ${problems.join('; ')}` }]);
    } else if (!knownIds.has(w.ruleId)) {
      raise.push([WAIVER_INVALID, { path: c.path, message: notInPack(w.ruleId, packName) }]);
    } else {
      candidates.push({ waiver: w, at: c.path });
    }
  }
  candidates.push(...podlessScopedWaivers(resource, globalWaivers, ''));
  return { byRule: byRuleInForce(candidates, policy, raise, (candidate) => candidate.at ?? ''), raise };
}

/** The finding's message for a waiver of a rule the pack does not have. */
function notInPack(ruleId: string, packName: string): string {
  return `waiver names rule '${ruleId}', which is not a rule of the '${packName}' pack`;
}

/**
 * The checker's scoped waivers that target an object without a pod (a cloud resource, a Docker file):
 * a waiver naming a container does not apply to it. Findings about them point at `at`.
 */
function podlessScopedWaivers(resource: Resource, globalWaivers: readonly ScopedWaiver[], at: string): Candidate[] {
  return globalWaivers
    .filter((w) => w.container === undefined && targets(w.target, resource.kind, resource.namespace, resource.name))
    .map((waiver) => ({ waiver, at }));
}

interface Candidate {
  readonly waiver: Waiver;
  readonly containerPath?: string;
  /** Where a finding about this waiver points. @default - the object's waiver annotation */
  readonly at?: string;
}

/** Candidates minus expired ones (raised as waiver-expired at `pathOf`), by rule id. */
function byRuleInForce(
  candidates: readonly Candidate[],
  policy: Required<WaiverPolicy>,
  raise: Array<readonly [RuleInfo, Violation]>,
  pathOf: (c: Candidate) => string,
): Map<string, RuleWaivers> {
  const byRule = new Map<string, { whole?: Waiver; containers: Array<{ path: string; waiver: Waiver }> }>();
  for (const candidate of candidates) {
    const { waiver: w, containerPath: path } = candidate;
    if (isExpired(w, policy.now)) {
      raise.push([WAIVER_EXPIRED, {
        path: pathOf(candidate),
        message: `waiver of rule '${w.ruleId}'${w.container ? ` for container '${w.container}'` : ''} expired on ${w.expires}${w.owner ? ` (owner: ${w.owner})` : ''}; it no longer applies`,
      }]);
      continue;
    }
    let entry = byRule.get(w.ruleId);
    if (!entry) byRule.set(w.ruleId, (entry = { containers: [] }));
    if (path === undefined) entry.whole ??= w;
    else if (!entry.containers.some((c) => c.path === path)) entry.containers.push({ path, waiver: w });
  }
  return byRule;
}

/** The waiver that accepts a finding of a rule at `path`, if any. */
export function waiverFor(entry: RuleWaivers | undefined, path: string): Waiver | undefined {
  if (entry === undefined) return undefined;
  if (entry.whole) return entry.whole;
  for (const c of entry.containers) {
    if (isInside(path, c.path)) return c.waiver;
  }
  return undefined;
}

/** True when `path` is `prefix` or a field under it (`containers[1]` does not contain `containers[10]`). */
function isInside(path: string, prefix: string): boolean {
  if (!path.startsWith(prefix)) return false;
  const next = path.charAt(prefix.length);
  return next === '' || next === '.' || next === '[';
}

/** Where the container of that name is in the object's pod, or why there is none. */
export function containerPath(resource: Resource, name: string): { path?: string; why: string } {
  const pod = podTemplate(resource);
  if (!pod) return { why: `a ${resource.kind} has no pod, so there is no container to limit the waiver to` };
  const ref = pod.containers.find((c) => c.container.name === name);
  if (ref) return { path: ref.path, why: '' };
  const names = pod.containers.map((c) => containerLabel(c));
  return { why: `the pod has no container of that name (it has ${names.length > 0 ? names.join(', ') : 'no containers'})` };
}
