import { kubernetesPack } from '../../../../lib/rules/k8s';
import { meshPack } from '../../../../lib/rules/k8s/mesh';
import { compliantSet } from '../../../helpers/fixtures';
import { expectOneRulePerFile, expectPackDescribed, expectPackPasses } from '../../../helpers/pack-test';

/** Modules of the folder that are not rules. */
const HELPERS = ['index.ts'];

describe('mesh pack', () => {
  test('the compliant fixtures pass every rule of the pack', () => {
    expectPackPasses(meshPack, compliantSet());
  });

  test('is part of the full Kubernetes pack', () => {
    for (const rule of meshPack.rules) expect(kubernetesPack.rules).toContain(rule);
  });

  test('has one rule per file, with the id k8s-<file name>, and every rule file is in the pack', () => {
    expectOneRulePerFile(meshPack, 'mesh', HELPERS);
  });

  test('every rule cites controls of the catalogue, names its kinds and says how to fix it', () => {
    expectPackDescribed(meshPack);
  });
});
