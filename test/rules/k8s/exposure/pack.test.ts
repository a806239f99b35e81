import { compliantExposure } from './fixtures';
import { kubernetesPack } from '../../../../lib/rules/k8s';
import { exposurePack } from '../../../../lib/rules/k8s/exposure';
import { compliantSet } from '../../../helpers/fixtures';
import { expectOneRulePerFile, expectPackDescribed, expectPackPasses } from '../../../helpers/pack-test';

/** Modules of the folder that are not rules. */
const HELPERS = ['index.ts', 'phi.ts'];

describe('exposure pack', () => {
  test('the compliant fixtures, with a ClusterIP Service and a TLS Ingress, pass every rule of the pack', () => {
    expectPackPasses(exposurePack, [...compliantSet(), ...compliantExposure()]);
  });

  test('the compliant Service and Ingress pass the whole Kubernetes pack', () => {
    expectPackPasses(kubernetesPack, [...compliantSet(), ...compliantExposure()]);
  });

  test('has one rule per file, with the id k8s-<file name>, and every rule file is in the pack', () => {
    expectOneRulePerFile(exposurePack, 'exposure', HELPERS);
  });

  test('every rule cites controls of the catalogue, names its kinds and says how to fix it', () => {
    expectPackDescribed(exposurePack);
  });
});
