import type { RulePack } from '../../../check/rule';

/** Exposure of PHI: Services, Ingresses and inline Secrets. */
export const exposurePack: RulePack = {
  name: 'kubernetes-exposure',
  description: 'Exposure of PHI: Services, Ingresses and inline Secrets.',
  rules: [],
};
