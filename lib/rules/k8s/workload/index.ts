import type { RulePack } from '../../../check/rule';

/** Workload hygiene: immutable, bounded, observable, least-privilege workloads with pinned images from allowed registries. */
export const workloadPack: RulePack = {
  name: 'kubernetes-workload',
  description: 'Workload hygiene: immutable, bounded, observable, least-privilege workloads with pinned images from allowed registries.',
  rules: [],
};
