import type { Rule, RulePack } from '../check/rule';

let pack: RulePack | undefined;
let byId: Map<string, Rule> | undefined;

/**
 * The full Kubernetes pack, loaded on first use: its ~50 rule modules are most of this entry
 * point's load time, and an app only needs them when it adds a waiver or synthesizes.
 */
export function fullPack(): RulePack {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  pack ??= (require('../rules/k8s') as typeof import('../rules/k8s')).kubernetesPack;
  return pack;
}

/** Rules of the full pack by id. */
export function fullPackRules(): ReadonlyMap<string, Rule> {
  byId ??= new Map(fullPack().rules.map((r) => [r.id, r]));
  return byId;
}
