import { kubernetesPack } from '../../../../lib/rules/k8s';
import { rbacPack } from '../../../../lib/rules/k8s/rbac';
import { compliantSet } from '../../../helpers/fixtures';
import { expectOneRulePerFile, expectPackDescribed, expectPackPasses } from '../../../helpers/pack-test';
import { compliantRbac } from '../../../helpers/rbac-fixtures';

/** Modules of the folder that are not rules. */
const HELPERS = ['index.ts', 'policy.ts'];

describe('rbac pack', () => {
  test('the compliant fixtures and the compliant Role and RoleBinding pass every rule of the pack', () => {
    expectPackPasses(rbacPack, [...compliantSet(), ...compliantRbac()]);
  });

  test('the compliant Role and RoleBinding pass the whole Kubernetes pack', () => {
    expectPackPasses(kubernetesPack, [...compliantSet(), ...compliantRbac()]);
  });

  test('has one rule per file, with the id k8s-<file name>, and every rule file is in the pack', () => {
    expectOneRulePerFile(rbacPack, 'rbac', HELPERS);
  });

  test('every rule cites controls of the catalogue, names its kinds and says how to fix it', () => {
    expectPackDescribed(rbacPack);
  });
});
