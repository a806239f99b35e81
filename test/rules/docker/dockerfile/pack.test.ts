import { existsSync } from 'fs';
import { join } from 'path';
import { dockerfile, goodDockerfile, REGISTRY } from './fixtures';
import { isDockerKind } from '../../../../lib/check/docker/kinds';
import { check } from '../../../../lib/check/engine';
import { dockerfilePack } from '../../../../lib/rules/docker/dockerfile';
import { expectOneRulePerFileIn, expectRuleDescribed } from '../../../helpers/pack-test';
import { TEST_NOW } from '../../../helpers/rule-test';

describe('docker dockerfile pack', () => {
  test('has one rule per file, with the id docker-<file name>, and a test file per rule', () => {
    expectOneRulePerFileIn(dockerfilePack, join(__dirname, '../../../../lib/rules/docker/dockerfile'), 'docker', ['index.ts']);
    const untested = dockerfilePack.rules.map((r) => `${r.id.replace(/^docker-/, '')}.test.ts`).filter((f) => !existsSync(join(__dirname, f)));
    expect(untested).toEqual([]);
  });

  test('every rule is described, cites controls of the catalogue and checks Docker kinds', () => {
    for (const rule of dockerfilePack.rules) {
      expectRuleDescribed(rule);
      expect(rule.id).toMatch(/^docker-dockerfile-[a-z0-9-]+$/);
      expect(rule.kinds.filter((k) => !isDockerKind(k))).toEqual([]);
    }
  });

  test('the compliant Dockerfile passes the whole pack', () => {
    const result = check([dockerfile(goodDockerfile())], dockerfilePack, { now: TEST_NOW, allowedRegistries: [REGISTRY] });
    expect(result.findings.map((f) => `${f.ruleId} ${f.path}: ${f.message}`)).toEqual([]);
    expect(result.passed).toBe(true);
  });
});
