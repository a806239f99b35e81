import { WAIVER_EXPIRED, WAIVER_INVALID } from './meta-rules';
import type { Resource } from './resource';
import type { RuleInfo, Violation } from './rule';
import { isExpired, parseWaiverAnnotation, ScopedWaiver, targets, Waiver, WaiverPolicy, WAIVERS_ANNOTATION } from './waiver';
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
  const annotation = resource.body.metadata?.annotations?.[WAIVERS_ANNOTATION];
  if (annotation === undefined && globalWaivers.length === 0) return NONE;
  const raise: Array<readonly [RuleInfo, Violation]> = [];
  const invalid = (message: string) => raise.push([WAIVER_INVALID, { path: WAIVERS_ANNOTATION_PATH, message }]);
  const candidates: Array<{ waiver: Waiver; containerPath?: string }> = [];
  if (annotation !== undefined) {
    const parsed = parseWaiverAnnotation(annotation, policy);
    for (const problem of parsed.problems) invalid(problem);
    parsed.waivers.forEach((w) => {
      if (!knownIds.has(w.ruleId)) {
        invalid(`waiver names rule '${w.ruleId}', which is not a rule of the '${packName}' pack`);
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
  const byRule = new Map<string, { whole?: Waiver; containers: Array<{ path: string; waiver: Waiver }> }>();
  for (const { waiver: w, containerPath: path } of candidates) {
    if (isExpired(w, policy.now)) {
      raise.push([WAIVER_EXPIRED, {
        path: WAIVERS_ANNOTATION_PATH,
        message: `waiver of rule '${w.ruleId}'${w.container ? ` for container '${w.container}'` : ''} expired on ${w.expires}${w.owner ? ` (owner: ${w.owner})` : ''}; it no longer applies`,
      }]);
      continue;
    }
    let entry = byRule.get(w.ruleId);
    if (!entry) byRule.set(w.ruleId, (entry = { containers: [] }));
    if (path === undefined) entry.whole ??= w;
    else if (!entry.containers.some((c) => c.path === path)) entry.containers.push({ path, waiver: w });
  }
  return { byRule, raise };
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
