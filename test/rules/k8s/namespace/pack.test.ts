import { namespacePack } from '../../../../lib/rules/k8s/namespace';
import { compliantSet } from '../../../helpers/fixtures';
import { expectOneRulePerFile, expectPackDescribed, expectPackPasses } from '../../../helpers/pack-test';

/** Modules of the folder that are not rules. */
const HELPERS = ['index.ts', 'network-policy.ts'];

describe('namespace pack', () => {
  test('the compliant fixtures pass every rule of the pack', () => {
    expectPackPasses(namespacePack, compliantSet());
  });

  test('has one rule per file, with the id k8s-<file name>, and every rule file is in the pack', () => {
    expectOneRulePerFile(namespacePack, 'namespace', HELPERS);
  });

  test('every rule cites controls of the catalogue, names its kinds and says how to fix it', () => {
    expectPackDescribed(namespacePack);
  });
});
