import type { RulePack } from '../../../check/rule';

/** RBAC: least-privilege roles and bindings. */
export const rbacPack: RulePack = {
  name: 'kubernetes-rbac',
  description: 'RBAC: least-privilege roles and bindings.',
  rules: [],
};
