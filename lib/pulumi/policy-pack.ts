/**
 * The HIPAA rules as a CrossGuard policy pack: `new PolicyPack('hipaa', { policies: hipaaPolicies() })`
 * in a policy pack's index.ts, then `pulumi preview --policy-pack <dir>`.
 *
 * Kubernetes rules need the whole object set (a workload's NetworkPolicies, its namespace), so
 * every policy is a stack policy: the stack's Kubernetes objects and AWS resources are checked
 * ONCE per stack validation by the rule engine (Kubernetes and AWS packs), and each rule's policy
 * reports that rule's unwaived findings. The engine's own rules (invalid or expired waivers...)
 * have a policy each too. Waivers are those the resources carry (Kubernetes annotation, AWS tags)
 * plus those of the settings (code, or the `hipaa-settings` policy's config).
 *
 * This file does not load @pulumi/policy (the policies are plain objects that match its types)
 * and loads the rule packs only when `hipaaPolicies()` is called.
 */
import type { PolicyStackResource, StackResources } from './policy-resources';
import { HipaaPolicySettings, POLICY_SETTINGS_SCHEMA, PolicyConfigSchemaOf, resolvePolicySettings } from './policy-settings';
import { isUnknownValueError, whileRuleRuns } from './policy-unknowns';
import type { CheckOptions, CheckResult } from '../check/engine';
import type { Finding } from '../check/finding';
import { META_RULES } from '../check/meta-rules';
import { isPulumiType } from '../check/pulumi-resource';
import { describeResource, Resource } from '../check/resource';
import type { Rule, RulePack, Violation } from '../check/rule';
import type { ScopedWaiver } from '../check/waiver';

/** Name of the policy that holds the pack's settings in the policy pack config and reports their problems. */
export const HIPAA_SETTINGS_POLICY = 'hipaa-settings';
/** Name of the advisory policy that lists the waived findings, so they stay visible in the preview. */
export const HIPAA_WAIVED_POLICY = 'hipaa-waived-findings';
/** Name of the advisory policy that lists the rules not run on a resource because values they read are unknown during preview. */
export const HIPAA_NOT_CHECKED_POLICY = 'hipaa-not-checked-during-preview';

/** What CrossGuard passes to a stack policy (a subset of @pulumi/policy's StackValidationArgs). */
export interface HipaaStackValidationArgs {
  /** The resources of the stack. */
  readonly resources: readonly PolicyStackResource[];
  /** The policy's config (from the policy pack config). */
  getConfig<T extends object>(): T;
  /** Marks the policy as not applicable to the stack. */
  notApplicable(reason?: string): never;
}

/** Reports a violation, optionally of one resource (by URN). */
export type HipaaReportViolation = (message: string, urn?: string) => void;

/**
 * One policy of the pack: a CrossGuard stack validation policy (assignable to @pulumi/policy's
 * StackValidationPolicy).
 */
export interface HipaaStackPolicy {
  /** Rule id (or the name of one of the pack's own policies). */
  readonly name: string;
  /** What the policy requires (the rule's title). */
  readonly description: string;
  /** mandatory for rules of severity error, advisory for warnings and the pack's summaries. */
  readonly enforcementLevel: 'advisory' | 'mandatory';
  /** high for errors, medium for warnings, low for the summaries. */
  readonly severity: 'low' | 'medium' | 'high';
  /** How to fix a violation (the rule's fix). @default - none */
  readonly remediationSteps?: string;
  /** The policy's config schema (only the settings policy has one). @default - no config */
  readonly configSchema?: PolicyConfigSchemaOf;
  /** Validates the stack. */
  readonly validateStack: (args: HipaaStackValidationArgs, reportViolation: HipaaReportViolation) => void;
}

/** Options of {@link hipaaPolicies}: the settings (see {@link HipaaPolicySettings}) and the rules. */
export interface HipaaPoliciesOptions extends HipaaPolicySettings {
  /** The rules to run. @default - the Kubernetes and AWS packs combined */
  readonly pack?: RulePack;
  /** The time waiver expiry is judged against. @default - the time of each stack validation */
  readonly now?: Date;
}

/** A rule that was not run on a resource because a value it reads is unknown during preview. */
export interface NotCheckedDuringPreview {
  /** The rule. */
  readonly ruleId: string;
  /** The resource. */
  readonly resource: Resource;
  /** The unknown value's path. */
  readonly path: string;
}

/** One stack validation's check, shared by every policy of the pack. */
interface StackCheck {
  readonly stack: StackResources;
  readonly result?: CheckResult;
  /** Why the check could not run. */
  readonly error?: string;
  readonly notChecked: readonly NotCheckedDuringPreview[];
}

/**
 * The policies of the HIPAA pack, for `new PolicyPack('hipaa', { policies: hipaaPolicies() })`:
 *
 * - `hipaa-settings` (mandatory, first): takes the settings from the policy pack config (same
 *   fields as {@link HipaaPolicySettings}; waivers are added to those given here, options
 *   override) and reports their problems. The other policies use the settings it read, so keep
 *   it first and enabled when the config has settings.
 * - one policy per rule, named by the rule id: that rule's unwaived findings (mandatory for
 *   errors, advisory for warnings); not applicable when the stack has nothing of the rule's kinds.
 * - one per engine rule (`waiver-invalid`, `waiver-expired`, `waiver-blocked-by-admission`,
 *   `engine-rule-error`), mandatory.
 * - `hipaa-waived-findings` (advisory): every waived finding with its waiver, so accepted risks
 *   stay visible in the preview (CrossGuard has no "waived" status). Disable it in the config to hide them.
 * - `hipaa-not-checked-during-preview` (advisory): rules skipped on a resource because a value
 *   they read is unknown during preview (e.g. the ARN of a key created in the same update);
 *   they run when the stack is analysed after the update.
 *
 * @throws Error listing every problem of the settings given here
 */
export function hipaaPolicies(options: HipaaPoliciesOptions = {}): HipaaStackPolicy[] {
  const pack = options.pack ?? defaultPack();
  const knownIds = new Set(pack.rules.map((r) => r.id));
  const { pack: _pack, now: fixedNow, ...settings } = options;
  const code = resolvePolicySettings(settings, knownIds, fixedNow);
  if (code.problems.length > 0) throw new Error(`Invalid hipaaPolicies() settings: ${code.problems.join('; ')}`);
  const runner = new PackRunner(pack, code.options, fixedNow);

  const settingsPolicy: HipaaStackPolicy = {
    name: HIPAA_SETTINGS_POLICY,
    description: 'The HIPAA policy pack\'s settings (waivers, allowed registries, Kubernetes version, waiver review period, PHI classification) must be valid, and the rules must run',
    enforcementLevel: 'mandatory',
    severity: 'high',
    remediationSteps: 'Correct the hipaa-settings entry of the policy pack config as each message says.',
    configSchema: POLICY_SETTINGS_SCHEMA,
    validateStack: (args, report) => {
      const config = resolvePolicySettings(args.getConfig<Record<string, unknown>>(), knownIds, fixedNow);
      runner.configure(config.options);
      for (const problem of config.problems) report(`${HIPAA_SETTINGS_POLICY} config: ${problem}`);
      const outcome = runner.run(args.resources);
      if (outcome.error !== undefined) report(`The HIPAA rules could not run, nothing was checked: ${outcome.error}`);
    },
  };

  const rulePolicies = pack.rules.map((rule): HipaaStackPolicy => ({
    name: rule.id,
    description: rule.title,
    enforcementLevel: rule.severity === 'error' ? 'mandatory' : 'advisory',
    severity: rule.severity === 'error' ? 'high' : 'medium',
    remediationSteps: rule.fix,
    validateStack: (args, report) => {
      const outcome = runner.run(args.resources);
      if (!outcome.result) return;
      if ((outcome.result.coverage?.[rule.id] ?? 1) === 0) {
        args.notApplicable(`the stack has no ${rule.kinds.join(', ')} (${outcome.result.resourceCount} resources checked)`);
      }
      reportFindings(outcome.result.unwaived, rule.id, report);
    },
  }));

  const metaPolicies = META_RULES.map((rule): HipaaStackPolicy => ({
    name: rule.id,
    description: rule.title,
    enforcementLevel: 'mandatory',
    severity: 'high',
    remediationSteps: rule.fix,
    validateStack: (args, report) => {
      const outcome = runner.run(args.resources);
      if (outcome.result) reportFindings(outcome.result.unwaived, rule.id, report);
    },
  }));

  const waivedPolicy: HipaaStackPolicy = {
    name: HIPAA_WAIVED_POLICY,
    description: 'Findings accepted by a waiver, listed so that accepted risks stay visible (they do not fail the deployment)',
    enforcementLevel: 'advisory',
    severity: 'low',
    remediationSteps: 'Nothing to do until the waiver expires; then fix the finding or review the risk and renew the waiver.',
    validateStack: (args, report) => {
      const outcome = runner.run(args.resources);
      for (const f of outcome.result?.waived ?? []) report(waivedMessage(f), urnOf(f));
    },
  };

  const notCheckedPolicy: HipaaStackPolicy = {
    name: HIPAA_NOT_CHECKED_POLICY,
    description: 'Rules that could not run on a resource during preview because a value they read is not known yet',
    enforcementLevel: 'advisory',
    severity: 'low',
    remediationSteps: 'None needed: the value is known once the resources it depends on exist, and the rule runs when the stack is analysed after the update.',
    validateStack: (args, report) => {
      const outcome = runner.run(args.resources);
      for (const n of outcome.notChecked) {
        const urn = n.resource.source?.constructPath;
        report(
          `${urn ?? describeResource(n.resource)}: rule ${n.ruleId} not checked during preview: ${n.path} is unknown until the resources it depends on are created; ` +
            'the rule runs when the stack is analysed after the update',
          urn,
        );
      }
    },
  };

  return [settingsPolicy, ...rulePolicies, ...metaPolicies, waivedPolicy, notCheckedPolicy];
}

/** Runs the check once per stack validation and settings; every policy reads the same outcome. */
class PackRunner {
  private config: CheckOptions = {};
  private configKey = '';
  private last?: { key: string; outcome: StackCheck };
  private readonly byArgs = new WeakMap<object, { key: string; outcome: StackCheck }>();
  private readonly wrapped: RulePack;
  private notChecked: NotCheckedDuringPreview[] = [];
  private buffered = false;

  constructor(pack: RulePack, private readonly code: CheckOptions, private readonly fixedNow?: Date) {
    this.wrapped = { ...pack, rules: pack.rules.map((rule) => this.wrap(rule)) };
  }

  /** The settings from the policy pack config (replaces those of an earlier run). */
  configure(config: CheckOptions): void {
    this.config = config;
    this.configKey = JSON.stringify(config);
  }

  /** The check of these resources (run now, or the outcome of the same stack and settings). */
  run(resources: readonly PolicyStackResource[]): StackCheck {
    const known = this.byArgs.get(resources);
    if (known && known.key.startsWith(`${this.configKey}\n`)) return known.outcome;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at the first stack validation, not with the entry point
    const { stackResources } = require('./policy-resources') as typeof import('./policy-resources');
    const stack = stackResources(resources);
    const key = `${this.configKey}\n${stack.fingerprint}`;
    if (this.last?.key !== key) this.last = { key, outcome: this.check(stack) };
    this.byArgs.set(resources, this.last);
    return this.last.outcome;
  }

  private check(stack: StackResources): StackCheck {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at the first stack validation
    const { check } = require('../check/engine') as typeof import('../check/engine');
    const options: CheckOptions = {
      ...this.code,
      ...this.config,
      waivers: [...(this.code.waivers ?? []), ...(this.config.waivers ?? [])] as ScopedWaiver[],
      now: this.fixedNow ?? new Date(),
    };
    this.notChecked = [];
    this.buffered = Object.keys(stack.unknown).length > 0;
    try {
      return { stack, result: check(stack.resources, this.wrapped, options), notChecked: this.notChecked };
    } catch (e) {
      return { stack, error: (e as Error).message ?? String(e), notChecked: [] };
    }
  }

  /**
   * The rule, skipped on a resource when it reads a value unknown during preview (what it
   * reported on that resource before is dropped: it may depend on the unknown value).
   */
  private wrap(rule: Rule): Rule {
    const family = ruleFamily(rule);
    const check: Rule['check'] = (resource, ctx, report) => {
      if (family !== undefined && family !== (isPulumiType(resource.kind) ? 'pulumi' : 'kubernetes')) return;
      if (!this.buffered) return rule.check(resource, ctx, report);
      const found: Violation[] = [];
      try {
        whileRuleRuns(() => rule.check(resource, ctx, (v) => found.push(v)));
      } catch (e) {
        if (!isUnknownValueError(e)) throw e;
        const path = (e as { path?: unknown }).path;
        const props = (e as { props?: unknown }).props;
        this.notChecked.push({ ruleId: rule.id, resource, path: typeof path === 'string' ? path : Array.isArray(props) ? props.join('.') : '?' });
        return;
      }
      for (const v of found) report(v);
    };
    const { id, title, description, severity, controls, kinds, fix } = rule;
    return { id, title, description, severity, controls, kinds, fix, check };
  }
}

/**
 * The objects a rule of every kind (`*`) is meant for, by its id: `k8s-` rules check Kubernetes
 * objects (e.g. k8s-valid-name), `aws-` rules Pulumi resources; a stack holds both.
 */
function ruleFamily(rule: Rule): 'kubernetes' | 'pulumi' | undefined {
  if (!rule.kinds.includes('*')) return undefined;
  if (rule.id.startsWith('k8s-')) return 'kubernetes';
  if (rule.id.startsWith('aws-')) return 'pulumi';
  return undefined;
}

/* eslint-disable @typescript-eslint/no-require-imports -- the rules load when hipaaPolicies() is called, not with the entry point */
function defaultPack(): RulePack {
  const { combinePacks } = require('../check/rule') as typeof import('../check/rule');
  const { kubernetesPack } = require('../rules/k8s') as typeof import('../rules/k8s');
  const { awsPack } = require('../rules/aws') as typeof import('../rules/aws');
  return combinePacks('hipaa', 'The Kubernetes and AWS rules of hipaa-constructs', kubernetesPack, awsPack);
}
/* eslint-enable @typescript-eslint/no-require-imports */

function urnOf(f: Finding): string | undefined {
  return f.source?.constructPath;
}

function where(f: Finding): string {
  return `${urnOf(f) ?? describeResource(f.resource)}${f.path ? ` ${f.path}` : ''}`;
}

function reportFindings(findings: readonly Finding[], ruleId: string, report: HipaaReportViolation): void {
  for (const f of findings) {
    if (f.ruleId === ruleId) report(`${where(f)}: ${f.message} Fix: ${f.fix} (HIPAA ${f.controls.join(', ')})`, urnOf(f));
  }
}

function waivedMessage(f: Finding): string {
  const w = f.waiver!;
  const by = [w.owner && `owner ${w.owner}`, w.ticket && `ticket ${w.ticket}`, w.container && `container ${w.container} only`].filter(Boolean).join(', ');
  return `${where(f)}: ${f.ruleId} (${f.severity}) waived until ${w.expires}${by ? ` (${by})` : ''}: ${w.reason.trim().replace(/\s+/g, ' ')}. Finding: ${f.message} (HIPAA ${f.controls.join(', ')})`;
}
