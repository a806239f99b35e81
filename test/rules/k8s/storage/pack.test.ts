import { compliantStorage } from './fixtures';
import { kubernetesPack } from '../../../../lib/rules/k8s';
import { storagePack } from '../../../../lib/rules/k8s/storage';
import { compliantSet } from '../../../helpers/fixtures';
import { expectOneRulePerFile, expectPackDescribed, expectPackPasses } from '../../../helpers/pack-test';

/** Modules of the folder that are not rules. */
const HELPERS = ['index.ts', 'claims.ts', 'encryption.ts', 'velero.ts', 'secret-stores.ts'];

describe('storage pack', () => {
  test('the compliant storage, snapshot and backup fixtures pass every rule of the pack', () => {
    expectPackPasses(storagePack, [...compliantSet(), ...compliantStorage()]);
  });

  test('they pass the whole Kubernetes pack, which includes the storage pack', () => {
    expectPackPasses(kubernetesPack, [...compliantSet(), ...compliantStorage()]);
    for (const rule of storagePack.rules) expect(kubernetesPack.rules).toContain(rule);
  });

  test('has one rule per file, with the id k8s-<file name>, and every rule file is in the pack', () => {
    expectOneRulePerFile(storagePack, 'storage', HELPERS);
  });

  test('every rule cites controls of the catalogue, names its kinds and says how to fix it', () => {
    expectPackDescribed(storagePack);
  });
});
