import type { RuleContext } from '../../../check/context';
import { buildFlowGraph } from '../../../flows/build-flow-graph';
import type { FlowGraph } from '../../../flows/flow-graph';

/** The PHI data-flow graph of the check's objects, built once per check (memo `flow-graph`) with the check's settings. */
export function flowGraphOf(ctx: RuleContext): FlowGraph {
  return ctx.memo('flow-graph', () =>
    buildFlowGraph(ctx.resources, {
      defaultNamespace: ctx.settings.defaultNamespace,
      unclassifiedIsPhi: ctx.settings.unclassifiedIsPhi,
      baaRegister: ctx.settings.baaRegister,
      now: ctx.settings.now,
    }),
  );
}
