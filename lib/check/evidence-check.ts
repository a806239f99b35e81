import type { Baseline } from './baseline';
import { applyBaseline } from './baseline-file';
import { check, CheckOptions, CheckResult } from './engine';
import type { Resource } from './resource';
import { combinePacks, RulePack } from './rule';
import { buildFlowGraph } from '../flows/build-flow-graph';
import type { FlowGraph } from '../flows/flow-graph';
import { baaPack } from '../rules/baa';

/** Options of {@link evidenceCheck}: a check's, plus a baseline and whether to build the data-flow graph. */
export interface EvidenceCheckOptions extends CheckOptions {
  /** The baseline to apply to the result. @default - none */
  readonly baseline?: Baseline;
  /** Build the PHI data-flow graph of the objects (for the HTML, Markdown, DOT and OSCAL reports). @default false */
  readonly flowGraph?: boolean;
}

/** What {@link evidenceCheck} found. */
export interface EvidenceCheck {
  /** The result, baseline applied. */
  readonly result: CheckResult;
  /** The pack that ran: the given one, joined with the BAA rules when a register was given. */
  readonly pack: RulePack;
  /** The data-flow graph, when asked for. @default - not built */
  readonly flowGraph?: FlowGraph;
}

/**
 * One check the way `hipaa-check` and the cdk8s validation plugin run it: the pack (plus the BAA
 * rules when a register is given) over the objects, the baseline applied, and the data-flow graph
 * built from the same objects.
 */
export function evidenceCheck(resources: readonly Resource[], pack: RulePack, options: EvidenceCheckOptions = {}): EvidenceCheck {
  const { baseline, flowGraph: wantGraph, ...checkOptions } = options;
  const full = checkOptions.baaRegister ? withBaaRules(pack) : pack;
  const now = checkOptions.now ?? new Date();
  let result = check(resources, full, { ...checkOptions, now });
  if (baseline) result = applyBaseline(result, baseline, now);
  const flowGraph = wantGraph
    ? buildFlowGraph(resources, {
      defaultNamespace: checkOptions.defaultNamespace,
      unclassifiedIsPhi: checkOptions.unclassifiedIsPhi,
      baaRegister: checkOptions.baaRegister,
      now,
    })
    : undefined;
  return { result, pack: full, flowGraph };
}

/** `pack` joined with the BAA rules (once). */
export function withBaaRules(pack: RulePack): RulePack {
  if (pack.rules.some((r) => baaPack.rules.includes(r))) return pack;
  return combinePacks(`${pack.name}+${baaPack.name}`, `${pack.description} ${baaPack.description}`, pack, baaPack);
}
