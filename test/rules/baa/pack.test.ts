import { join } from 'path';
import { NOW, REGISTER } from './fixtures';
import { check } from '../../../lib/check/engine';
import { fromManifest } from '../../../lib/check/resource';
import { baaPack } from '../../../lib/rules/baa';
import { expectOneRulePerFileIn, expectPackDescribed } from '../../helpers/pack-test';

describe('baa pack', () => {
  test('has one rule per file, with the id baa-<file name>, and every rule file is in the pack', () => {
    expectOneRulePerFileIn(baaPack, join(__dirname, '../../../lib/rules/baa'), 'baa', ['index.ts']);
  });

  test('every rule is described and cites 164.308(b)(1) and 164.314(a)(1)', () => {
    expectPackDescribed(baaPack);
    for (const rule of baaPack.rules) expect(rule.controls).toEqual(['164.308(b)(1)', '164.314(a)(1)']);
    expect(baaPack.rules.filter((r) => r.severity === 'warning').map((r) => r.id)).toEqual(['baa-image-registry', 'baa-register-stale']);
  });

  test('without a register the rules check nothing (and build no graph)', () => {
    const d = fromManifest({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'clinic' }, spec: {} });
    expect(check([d], baaPack, { now: NOW }).findings).toEqual([]);
    expect(check([d], baaPack, { now: NOW, baaRegister: REGISTER }).passed).toBe(true);
  });
});
