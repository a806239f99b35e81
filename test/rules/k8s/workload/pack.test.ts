import { check } from '../../../../lib/check/engine';
import { fromManifest } from '../../../../lib/check/resource';
import { workloadPack } from '../../../../lib/rules/k8s/workload';
import { compliantSet } from '../../../helpers/fixtures';
import { expectOneRulePerFile, expectPackDescribed, expectPackPasses } from '../../../helpers/pack-test';
import { WORKLOAD_KINDS, workloadOfKind } from '../../../helpers/workloads';

/** Modules in the folder that are shared helpers, not rules. */
const HELPERS = ['index.ts', 'image-reference.ts', 'probes.ts', 'service-account.ts'];

describe('workloadPack', () => {
  test('the compliant fixtures pass every workload rule', () => {
    expectPackPasses(workloadPack, compliantSet());
  });

  test.each(WORKLOAD_KINDS)('the compliant pod passes every workload rule as a %s', (kind) => {
    const obj = workloadOfKind(kind);
    obj.metadata.name = `api-${kind.toLowerCase()}`;
    const objects = [...compliantSet(), obj].map((m) => fromManifest(m as Record<string, any>));
    const result = check(objects, workloadPack);
    expect(result.resourceCount).toBe(compliantSet().length + 1);
    const found = result.findings.filter((f) => f.resource.name === obj.metadata.name);
    expect(found.map((f) => `${f.ruleId} ${f.path}: ${f.message}`)).toEqual([]);
  });

  test('every rule file holds one rule whose id is k8s-<file name>, and every rule is in the pack', () => {
    expectOneRulePerFile(workloadPack, 'workload', HELPERS);
  });

  test('rule ids are unique and every rule is fully described', () => {
    expectPackDescribed(workloadPack);
  });
});
