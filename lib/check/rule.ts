import type { RuleContext } from './context';
import type { Resource } from './resource';
import type { ControlId } from '../controls/catalogue';

/** How bad a finding is: errors fail a build, warnings are reported. */
export type Severity = 'error' | 'warning';

/** What a rule is, without its logic: enough to report on it. */
export interface RuleInfo {
  /** Stable id, e.g. `k8s-run-as-non-root`; used by waivers and reports. */
  readonly id: string;
  /** One line saying what the rule requires. */
  readonly title: string;
  /** Why it matters, for reports. */
  readonly description: string;
  /** error fails the check; warning is reported only. */
  readonly severity: Severity;
  /** HIPAA Security Rule citations the rule serves (ids in the controls catalogue). */
  readonly controls: readonly ControlId[];
  /** Kinds the rule applies to: Kubernetes kinds or Pulumi type tokens; `*` for every Kubernetes kind. */
  readonly kinds: readonly string[];
  /** How to fix a violation, when a violation does not say something more specific. */
  readonly fix: string;
}

/** One thing a rule found wrong with an object. */
export interface Violation {
  /** Field path inside the object, e.g. `spec.template.spec.containers[0].image`. */
  readonly path: string;
  /** What is wrong, naming the offending value. */
  readonly message: string;
  /** How to fix this particular violation. @default - the rule's fix */
  readonly fix?: string;
}

/** Called by a rule once per violation. */
export type Report = (violation: Violation) => void;

/** A check: rule metadata plus the logic. Rules are pure functions of the object set. */
export interface Rule extends RuleInfo {
  /** Checks one object (seeing the whole set through `ctx`) and reports each violation. */
  check(resource: Resource, ctx: RuleContext, report: Report): void;
}

/** A named, ordered list of rules. */
export interface RulePack {
  /** Name of the pack, e.g. `kubernetes`. */
  readonly name: string;
  /** What the pack covers. */
  readonly description: string;
  /** The rules, in reporting order. */
  readonly rules: readonly Rule[];
}

/** Joins packs into one, refusing duplicate rule ids. */
export function combinePacks(name: string, description: string, ...packs: RulePack[]): RulePack {
  const seen = new Map<string, string>();
  const rules: Rule[] = [];
  for (const pack of packs) {
    for (const rule of pack.rules) {
      const other = seen.get(rule.id);
      if (other !== undefined) {
        throw new Error(`Rule id '${rule.id}' is defined twice (packs '${other}' and '${pack.name}')`);
      }
      seen.set(rule.id, pack.name);
      rules.push(rule);
    }
  }
  return { name, description, rules };
}
