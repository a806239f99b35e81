import { compliantAdmission } from './fixtures';
import { kubernetesPack } from '../../../../lib/rules/k8s';
import { admissionPack } from '../../../../lib/rules/k8s/admission';
import { compliantSet } from '../../../helpers/fixtures';
import { expectOneRulePerFile, expectPackDescribed, expectPackPasses } from '../../../helpers/pack-test';

/** Modules of the folder that are not rules. */
const HELPERS = ['index.ts', 'image-policies.ts', 'image-references.ts'];

describe('admission pack', () => {
  test('the compliant set with its image policy passes every rule of the pack', () => {
    expectPackPasses(admissionPack, [...compliantSet(), ...compliantAdmission()]);
  });

  test('it passes the whole Kubernetes pack, which includes the admission pack', () => {
    expectPackPasses(kubernetesPack, [...compliantSet(), ...compliantAdmission()]);
    for (const rule of admissionPack.rules) expect(kubernetesPack.rules).toContain(rule);
  });

  test('has one rule per file, with the id k8s-<file name>, and every rule file is in the pack', () => {
    expectOneRulePerFile(admissionPack, 'admission', HELPERS);
  });

  test('every rule cites controls of the catalogue, names its kinds and says how to fix it', () => {
    expectPackDescribed(admissionPack);
  });
});
