import { existsSync } from 'fs';
import { join } from 'path';
import { COMPLIANT_PROJECT } from './fixtures';
import { isDockerKind } from '../../../../lib/check/docker/kinds';
import { check } from '../../../../lib/check/engine';
import { composePack } from '../../../../lib/rules/docker/compose';
import { composeResources } from '../../../helpers/compose-rule-test';
import { expectOneRulePerFileIn, expectRuleDescribed } from '../../../helpers/pack-test';
import { TEST_NOW } from '../../../helpers/rule-test';

describe('docker compose pack', () => {
  test('has one rule per file, with the id docker-<file name>, and each rule has a test file', () => {
    expectOneRulePerFileIn(composePack, join(__dirname, '../../../../lib/rules/docker/compose'), 'docker', ['index.ts']);
    const untested = composePack.rules.map((r) => `${r.id.replace(/^docker-/, '')}.test.ts`).filter((f) => !existsSync(join(__dirname, f)));
    expect(untested).toEqual([]);
  });

  test('every rule is described, cites controls of the catalogue and checks Docker kinds only', () => {
    for (const rule of composePack.rules) {
      expectRuleDescribed(rule);
      expect(rule.id).toMatch(/^docker-compose-[a-z0-9-]+$/);
      expect(rule.kinds.filter((k) => !isDockerKind(k))).toEqual([]);
    }
  });

  test('a hardened PHI project passes every rule', () => {
    const result = check(composeResources(COMPLIANT_PROJECT), composePack, { now: TEST_NOW });
    expect(result.findings.map((f) => `${f.ruleId} ${f.resource.name} ${f.path}: ${f.message}`)).toEqual([]);
    expect(result.passed).toBe(true);
  });
});
