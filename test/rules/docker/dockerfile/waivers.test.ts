import { df, dockerfile, REGISTRY } from './fixtures';
import { check } from '../../../../lib/check/engine';
import { dockerfilePack } from '../../../../lib/rules/docker/dockerfile';
import { dockerfileHealthcheck } from '../../../../lib/rules/docker/dockerfile/dockerfile-healthcheck';
import { TEST_NOW, TEST_SOON } from '../../../helpers/rule-test';

const pack = { name: 'docker-dockerfile', description: 'test', rules: [dockerfileHealthcheck] };
const run = (text: string) => check([dockerfile(text)], pack, { now: TEST_NOW, allowedRegistries: [REGISTRY] });
const REASON = 'the orchestrator probes the HTTP endpoint directly instead';

describe('waivers in Dockerfile comments', () => {
  test('a waiver comment waives its rule: the finding is reported as waived', () => {
    const result = run(df(`# hipaa-constructs.io/waiver/docker-dockerfile-healthcheck: expires=${TEST_SOON} owner=team@example.com ticket=SEC-7 reason=${REASON}`, 'FROM alpine', 'USER 1'));
    expect(result.unwaived).toEqual([]);
    expect(result.passed).toBe(true);
    expect(result.findings.map((f) => [f.ruleId, f.source?.line, f.message, f.waiver])).toEqual([
      ['docker-dockerfile-healthcheck', 2, 'stage 0 (FROM alpine) has no HEALTHCHECK', { ruleId: 'docker-dockerfile-healthcheck', expires: TEST_SOON, owner: 'team@example.com', ticket: 'SEC-7', reason: REASON }],
    ]);
  });

  test('an expired waiver comment no longer waives and is a waiver-expired finding at its line', () => {
    const result = run(df('FROM alpine', `# hipaa-constructs.io/waiver/docker-dockerfile-healthcheck: expires=2026-01-31 owner=team@example.com reason=${REASON}`, 'USER 1'));
    expect(result.unwaived.map((f) => `${f.ruleId} ${f.source?.line} ${f.path}: ${f.message}`).sort()).toEqual([
      'docker-dockerfile-healthcheck 1 stages[0]: stage 0 (FROM alpine) has no HEALTHCHECK',
      "waiver-expired 2 waivers[0]: waiver of rule 'docker-dockerfile-healthcheck' expired on 2026-01-31 (owner: team@example.com); it no longer applies",
    ]);
  });

  test('a malformed waiver comment and a waiver of an unknown rule are waiver-invalid findings at their lines', () => {
    const result = check(
      [dockerfile(df('FROM alpine', '# hipaa-constructs.io/waiver/docker-dockerfile-healthcheck: expires=2026-07-01', `# hipaa-constructs.io/waiver/docker-nope: expires=${TEST_SOON} reason=${REASON}`, 'USER 1'))],
      dockerfilePack,
      { now: TEST_NOW, allowedRegistries: [REGISTRY] },
    );
    expect(result.unwaived.filter((f) => f.ruleId === 'waiver-invalid').map((f) => `${f.source?.line} ${f.path}: ${f.message}`)).toEqual([
      "2 waivers[0]: waiver comment must read '# hipaa-constructs.io/waiver/<rule-id>: expires=YYYY-MM-DD owner=<x> ticket=<y> reason=<text>' (owner and ticket optional; got '# hipaa-constructs.io/waiver/docker-dockerfile-healthcheck: expires=2026-07-01')",
      "3 waivers[1]: waiver names rule 'docker-nope', which is not a rule of the 'docker-dockerfile' pack",
    ]);
  });
});
