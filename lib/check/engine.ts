import type { Baseline, BaselineEntry } from './baseline';
import { RuleContext, RuleSettings } from './context';
import { ruleCoverage } from './coverage';
import { EgressPrefixLimits, resolveMinEgressPrefix } from './egress-prefix';
import type { Finding } from './finding';
import { DEFAULT_KUBERNETES_VERSION } from './kubernetes-version';
import { ENGINE_RULE_ERROR, META_RULES } from './meta-rules';
import { isKubernetesKind, lineOfPath, Resource, ResourceRef } from './resource';
import type { Rule, RuleInfo, RulePack, Violation } from './rule';
import { SettingsError } from './settings-error';
import { describeValue, resolveMaxWaiverMonths, ScopedWaiver, Waiver, waiverProblems } from './waiver';
import { waiversBlockedByAdmission } from './waiver-admission';
import { RuleWaivers, waiverFor, waiversInForce } from './waivers-in-force';
import type { BaaRegister } from '../baa/baa-register';

/** AWS ECR private registries in any account and region. */
export const DEFAULT_ALLOWED_REGISTRIES: readonly string[] = ['*.dkr.ecr.*.amazonaws.com'];

/** Options of a check run. */
export interface CheckOptions {
  /** Registries images may come from (see {@link RuleSettings.allowedRegistries}). @default DEFAULT_ALLOWED_REGISTRIES (AWS ECR private registries) */
  readonly allowedRegistries?: readonly string[];
  /** Kubernetes minor version the manifests target. @default '1.28' */
  readonly kubernetesVersion?: string;
  /** Namespace of namespaced objects that name none. @default 'default' */
  readonly defaultNamespace?: string;
  /** Waivers given to the checker rather than carried on objects. @default - none */
  readonly waivers?: readonly ScopedWaiver[];
  /** The time waiver expiry is judged against. @default - now */
  readonly now?: Date;
  /**
   * Shortest prefix length of a CIDR a PHI workload may send to (k8s-phi-open-egress); a shorter
   * prefix is a wider block. Refused with an Error when out of range.
   * @default DEFAULT_MIN_EGRESS_PREFIX (IPv4 /16, IPv6 /48)
   */
  readonly minEgressPrefix?: EgressPrefixLimits;
  /**
   * How many months ahead a waiver's expiry may lie (a whole number from 1 to 36): 45 CFR
   * 164.308(a)(8) asks for periodic evaluation, so every waiver comes back for review.
   * @default 12
   */
  readonly maxWaiverMonths?: number;
  /**
   * Objects rules may consult but that are not checked themselves, e.g. the Namespace and
   * NetworkPolicies another chart or file defines for the objects being checked. @default - none
   */
  readonly context?: readonly Resource[];
  /**
   * Whether objects nobody classified count as PHI: namespaces whose Namespace object has no
   * `hipaa-constructs.io/phi` label of "true" or "false" (or is not in the checked set), and
   * workloads, Services, Secrets and ConfigMaps outside a PHI namespace without such a label.
   * Set to false to treat only what is labelled "true" (and what is in a namespace labelled so) as PHI.
   * @default true
   */
  readonly unclassifiedIsPhi?: boolean;
  /**
   * The BAA register the BAA rules check external destinations against (see lib/baa). The BAA rules
   * run only in a pack that holds them (the CLI and the plugin add them when a register is given).
   * @default - none
   */
  readonly baaRegister?: BaaRegister;
}

/** The settings a check ran with (time excluded), as reports record them. */
export interface CheckSettings {
  /** Registries images could come from. */
  readonly allowedRegistries: readonly string[];
  /** Kubernetes minor version the manifests were checked against. */
  readonly kubernetesVersion: string;
  /** Namespace of namespaced objects that name none. */
  readonly defaultNamespace: string;
  /** Whether objects nobody classified counted as PHI. */
  readonly unclassifiedIsPhi: boolean;
  /** Shortest CIDR prefix a PHI workload could send to, per address family. */
  readonly minEgressPrefix: { readonly ipv4: number; readonly ipv6: number };
  /** How many months ahead a waiver's expiry could lie. */
  readonly maxWaiverMonths: number;
}

/** What a check found. */
export interface CheckResult {
  /** Every finding, waived or not, in a deterministic order. */
  readonly findings: readonly Finding[];
  /** Findings that stand: neither waived nor baselined. */
  readonly unwaived: readonly Finding[];
  /** Findings accepted by a waiver. */
  readonly waived: readonly Finding[];
  /** How many objects were checked. */
  readonly resourceCount: number;
  /** The rules that ran, and the engine's own waiver rules. */
  readonly rules: readonly RuleInfo[];
  /** True when no unwaived finding has severity error. */
  readonly passed: boolean;
  /**
   * For each rule id (the engine's own rules included), how many of the checked objects the
   * rule applied to (objects of its kinds). A rule that applied to no object is no evidence for
   * its citations. @default - unknown (results made before coverage was reported)
   */
  readonly coverage?: Readonly<Record<string, number>>;
  /** How many of the checked objects are of each kind. @default - unknown (results made before it was reported) */
  readonly kinds?: Readonly<Record<string, number>>;
  /**
   * The settings the rules ran with, defaults filled in, for reports: an auditor reading a PASS
   * needs to know, e.g., whether unclassified objects counted as PHI. @default - unknown (results made before they were reported)
   */
  readonly settings?: CheckSettings;
  /** Findings a baseline accepts (see applyBaseline); they are in `findings` too. @default - none (no baseline applied) */
  readonly baselined?: readonly Finding[];
  /** The baseline applied, when one was. @default - none */
  readonly baseline?: Baseline;
  /** Entries of the applied baseline that matched no finding (fixed, or the object is gone). @default - none */
  readonly staleBaseline?: readonly BaselineEntry[];
}

/**
 * Runs a rule pack over an object set. Pure: the same input gives the same output, in the
 * same order (by namespace, kind, name, rule id, field path).
 */
export function check(resources: readonly Resource[], pack: RulePack, options: CheckOptions = {}): CheckResult {
  validateCheckOptions(options);
  const settings: RuleSettings = {
    allowedRegistries: options.allowedRegistries ?? DEFAULT_ALLOWED_REGISTRIES,
    kubernetesVersion: options.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION,
    defaultNamespace: options.defaultNamespace ?? 'default',
    now: options.now ?? new Date(),
    minEgressPrefix: resolveMinEgressPrefix(options.minEgressPrefix),
    unclassifiedIsPhi: options.unclassifiedIsPhi ?? true,
    baaRegister: options.baaRegister,
  };
  const ctx = new RuleContext(options.context?.length ? [...resources, ...options.context] : resources, settings);
  const knownIds = new Set(pack.rules.map((r) => r.id));
  const rulesByKind = indexRules(pack.rules);
  const wildcard = rulesByKind.get('*') ?? [];
  const findings: Finding[] = [];
  const kindCounts = new Map<string, number>();

  const waiverPolicy = { now: settings.now, maxWaiverMonths: resolveMaxWaiverMonths(options.maxWaiverMonths) };
  const globalWaivers = checkedWaivers(options.waivers, knownIds, waiverPolicy);

  for (const resource of resources) {
    const { byRule: waivers, raise } = waiversInForce(resource, globalWaivers, knownIds, pack.name, waiverPolicy);
    // One object reference shared by the object's findings (not one per finding).
    const ref: ResourceRef = { kind: resource.kind, name: resource.name, namespace: resource.namespace };
    for (const [rule, v] of raise) findings.push(findingOf(rule, resource, ref, v));
    kindCounts.set(resource.kind, (kindCounts.get(resource.kind) ?? 0) + 1);
    const kindRules = rulesByKind.get(resource.kind);
    if (kindRules) runRules(kindRules, resource, ref, ctx, waivers, findings);
    // `*` means every Kubernetes kind: a Pulumi resource or a Docker file is checked only by rules that name its kind.
    if (wildcard.length > 0 && isKubernetesKind(resource.kind)) runRules(wildcard, resource, ref, ctx, waivers, findings);
  }

  findings.push(...waiversBlockedByAdmission(findings, ctx));
  findings.sort(compareFindings);
  const unwaived = findings.filter((f) => !f.waiver);
  return {
    findings,
    unwaived,
    waived: findings.filter((f) => f.waiver),
    resourceCount: resources.length,
    rules: [...pack.rules, ...META_RULES],
    passed: !unwaived.some((f) => f.severity === 'error'),
    coverage: ruleCoverage([...pack.rules, ...META_RULES], kindCounts, resources.length),
    kinds: Object.fromEntries(kindCounts),
    settings: {
      allowedRegistries: [...settings.allowedRegistries],
      kubernetesVersion: settings.kubernetesVersion,
      defaultNamespace: settings.defaultNamespace,
      unclassifiedIsPhi: settings.unclassifiedIsPhi,
      minEgressPrefix: { ...settings.minEgressPrefix },
      maxWaiverMonths: waiverPolicy.maxWaiverMonths,
    },
  };
}

/**
 * Refuses options the rules could not use, with one Error listing every problem. The engine
 * runs it on every check; front ends (synth validation, the CLI) call it early and translate
 * its message.
 */
export function validateCheckOptions(options: CheckOptions): void {
  const problems: string[] = [];
  const unclassified: unknown = options.unclassifiedIsPhi;
  if (unclassified !== undefined && typeof unclassified !== 'boolean') {
    problems.push(`unclassifiedIsPhi must be true or false, got ${JSON.stringify(unclassified) ?? String(unclassified)} (${typeof unclassified})`);
  }
  if (problems.length > 0) throw new Error(`Invalid check options: ${problems.join('; ')}`);
}

function runRules(
  rules: readonly Rule[],
  resource: Resource,
  ref: ResourceRef,
  ctx: RuleContext,
  waivers: ReadonlyMap<string, RuleWaivers>,
  out: Finding[],
): void {
  // One reporter per object, not per rule and object: this loop runs ~50 times per object.
  let current: Rule = rules[0];
  // One finding per rule, object and path, whatever the rule reports: the current rule's
  // findings on this object are out[first...], searched by path (a rule reports a few paths per
  // object; past SCAN_LIMIT of them, through a map of path to index made then).
  let first = out.length;
  let byPath: Map<string, number> | undefined;
  const report = (v: Violation) => {
    let at = -1;
    if (byPath !== undefined) {
      at = byPath.get(v.path) ?? -1;
    } else {
      for (let i = first; i < out.length; i++) {
        if (out[i].path === v.path) {
          at = i;
          break;
        }
      }
    }
    if (at >= 0) {
      out[at] = mergeFindings(out[at], v);
      return;
    }
    byPath?.set(v.path, out.length);
    out.push(findingOf(current, resource, ref, v, waiverFor(waivers.get(current.id), v.path)));
    if (byPath === undefined && out.length - first > SCAN_LIMIT) {
      byPath = new Map();
      for (let i = first; i < out.length; i++) byPath.set(out[i].path, i);
    }
  };
  for (const rule of rules) {
    current = rule;
    first = out.length;
    byPath = undefined;
    try {
      rule.check(resource, ctx, report);
    } catch (e) {
      if (e instanceof SettingsError) throw e; // wrong for every object: the check cannot run
      // A failing rule does not stop the check: it becomes the engine's finding on this object.
      // It carries the failing rule's citations too: what that rule would evidence is not evidenced.
      const f = findingOf(ENGINE_RULE_ERROR, resource, ref, {
        path: '',
        message: `rule '${rule.id}' failed on this object and did not check it: ${errorText(e)}`,
      });
      out.push({ ...f, controls: [...new Set([...ENGINE_RULE_ERROR.controls, ...rule.controls])] });
    }
  }
}

/** Findings of one rule on one object searched one by one for a path; more go into a map. */
const SCAN_LIMIT = 16;

/** The checker's own waivers, validated; every problem of every waiver in one error. */
function checkedWaivers(waivers: unknown, knownIds: ReadonlySet<string>, policy: { now: Date; maxWaiverMonths: number }): ScopedWaiver[] {
  if (waivers === undefined) return [];
  if (!Array.isArray(waivers)) throw new Error(`Invalid check option: waivers must be a list of waivers (got ${describeValue(waivers)})`);
  const problems: string[] = [];
  waivers.forEach((w, i) => {
    const found = waiverProblems(w, knownIds, policy);
    if (found.length > 0) problems.push(`waivers[${i}] (rule '${(w as Waiver)?.ruleId ?? '?'}'): ${found.join('; ')}`);
  });
  if (problems.length > 0) throw new Error(`Invalid waiver${problems.length === 1 ? '' : 's'}: ${problems.join('\n')}`);
  return waivers;
}

/** A second violation of the same rule at the same path, folded into the first finding. */
function mergeFindings(f: Finding, v: Violation): Finding {
  if (f.message === v.message || f.message.split('; ').includes(v.message)) return f;
  return { ...f, message: `${f.message}; ${v.message}` };
}

function errorText(e: unknown): string {
  if (e instanceof Error) return `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}`;
  return String(e);
}

function findingOf(rule: RuleInfo, resource: Resource, ref: ResourceRef, v: Violation, waiver?: Waiver): Finding {
  let source = resource.source;
  if (resource.lines !== undefined && source !== undefined) {
    // Formats with lines per field (a Dockerfile instruction) point each finding at its own line.
    const line = lineOfPath(resource, v.path);
    if (line !== source.line) source = { ...source, line };
  }
  return {
    ruleId: rule.id,
    title: rule.title,
    severity: rule.severity,
    controls: rule.controls,
    resource: ref,
    path: v.path,
    message: v.message,
    fix: v.fix ?? rule.fix,
    source,
    waiver,
  };
}

function indexRules(rules: readonly Rule[]): Map<string, Rule[]> {
  const map = new Map<string, Rule[]>();
  for (const rule of rules) {
    for (const kind of rule.kinds) {
      const list = map.get(kind);
      if (list) list.push(rule);
      else map.set(kind, [rule]);
    }
  }
  return map;
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.resource.namespace ?? '', b.resource.namespace ?? '') ||
    cmp(a.resource.kind, b.resource.kind) ||
    cmp(a.resource.name, b.resource.name) ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.path, b.path) ||
    cmp(a.message, b.message)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
