/**
 * How every BAA rule runs: read the register from the settings (no register, nothing to check),
 * take the check's data-flow graph, and report what a pure function of (graph, register, object)
 * finds. Not a rule.
 */
import { flowGraphOf } from './flow-graph';
import { phiDestinationsOf, PhiDestination } from './phi-destinations';
import type { BaaRegister } from '../../../baa/baa-register';
import type { Resource } from '../../../check/resource';
import type { Rule, RuleInfo, Violation } from '../../../check/rule';
import type { FlowGraph } from '../../../flows/flow-graph';

/** What a BAA rule finds on one object: a pure function of the object's PHI destinations. */
export type BaaJudgement = (destinations: readonly PhiDestination[], register: BaaRegister, now: Date) => Violation[];

/** A rule's logic as a pure function of (graph, register, object), for tests on hand-built graphs. */
export type BaaViolations = (graph: FlowGraph, register: BaaRegister, resource: Resource, now: Date, defaultNamespace?: string) => Violation[];

/** Lifts a judgement of an object's PHI destinations into a function of (graph, register, object). */
export function baaViolations(judge: BaaJudgement): BaaViolations {
  return (graph, register, resource, now, defaultNamespace = 'default') => {
    const destinations = phiDestinationsOf(graph, register, resource, now, defaultNamespace);
    return destinations.length === 0 ? [] : judge(destinations, register, now);
  };
}

/** A rule that reports what `violations` finds, when the check has a BAA register. */
export function baaRule(info: RuleInfo, violations: BaaViolations): Rule {
  return {
    ...info,
    check(resource, ctx, report) {
      const register = ctx.settings.baaRegister;
      if (register === undefined) return;
      for (const v of violations(flowGraphOf(ctx), register, resource, ctx.settings.now, ctx.settings.defaultNamespace)) report(v);
    },
  };
}
