import { compliantTransport } from './fixtures';
import { kubernetesPack } from '../../../../lib/rules/k8s';
import { transportPack } from '../../../../lib/rules/k8s/transport';
import { compliantSet } from '../../../helpers/fixtures';
import { expectOneRulePerFile, expectPackDescribed, expectPackPasses } from '../../../helpers/pack-test';

/** Modules of the folder that are not rules. */
const HELPERS = ['index.ts', 'ingress-nginx.ts', 'ingress-controller.ts'];

describe('transport pack', () => {
  test('the compliant fixtures pass every rule of the pack and the whole Kubernetes pack', () => {
    expectPackPasses(transportPack, [...compliantSet(), ...compliantTransport()]);
    expectPackPasses(kubernetesPack, [...compliantSet(), ...compliantTransport()]);
  });

  test('has one rule per file, with the id k8s-<file name>, and every rule file is in the pack', () => {
    expectOneRulePerFile(transportPack, 'transport', HELPERS);
  });

  test('every rule cites controls of the catalogue, names its kinds and says how to fix it', () => {
    expectPackDescribed(transportPack);
  });
});
