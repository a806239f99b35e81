import { check } from '../../lib/check/engine';
import type { Resource } from '../../lib/check/resource';
import type { Rule } from '../../lib/check/rule';
import { TEST_NOW, TEST_SOON } from '../helpers/rule-test';

/** A rule of a non-Kubernetes kind that reports two paths of every object. */
const rule: Rule = {
  id: 'test-docker-rule',
  title: 'test',
  description: 'test',
  severity: 'error',
  controls: ['164.312(a)(1)'],
  kinds: ['docker:Dockerfile'],
  fix: 'fix it',
  check(_r, _ctx, report) {
    report({ path: 'stages[1].instructions[2]', message: 'bad instruction' });
    report({ path: 'stages[0]', message: 'bad stage' });
  },
};
const wildcard: Rule = { ...rule, id: 'test-every-kind', kinds: ['*'], check: (_r, _c, report) => report({ path: '', message: 'every kind' }) };
const pack = { name: 'test', description: 'test', rules: [rule, wildcard] };

function dockerfile(extra: Partial<Resource> = {}): Resource {
  return {
    kind: 'docker:Dockerfile',
    name: 'Dockerfile',
    body: {},
    source: { file: 'api/Dockerfile', line: 1 },
    lines: { 'stages[1]': 7, 'stages[1].instructions[2]': 9 },
    ...extra,
  };
}

describe('objects of other formats (Docker)', () => {
  test('each finding points at the line of its path, or of its nearest parent path', () => {
    const result = check([dockerfile()], pack, { now: TEST_NOW });
    expect(result.findings.map((f) => [f.path, f.source?.line])).toEqual([
      ['stages[0]', 1],
      ['stages[1].instructions[2]', 9],
    ]);
  });

  test('rules of every kind (`*`) do not run on them', () => {
    expect(check([dockerfile()], pack, { now: TEST_NOW }).findings.map((f) => f.ruleId)).not.toContain('test-every-kind');
  });

  test('carried waivers waive, and broken, unknown or expired ones are findings at their path', () => {
    const waiver = { ruleId: 'test-docker-rule', reason: 'the base image is patched by the vendor weekly', expires: TEST_SOON };
    const result = check([dockerfile({
      waivers: [
        { waiver, path: 'comments[0]' },
        { problem: 'a waiver comment must read ...', path: 'comments[1]' },
        { waiver: { ...waiver, ruleId: 'no-such-rule' }, path: 'comments[2]' },
        { waiver: { ...waiver, reason: 'legacy' }, path: 'comments[3]' },
        { waiver: { ...waiver, container: 'app' }, path: 'comments[4]' },
      ],
    })], pack, { now: TEST_NOW });
    expect(result.waived.map((f) => f.path)).toEqual(['stages[0]', 'stages[1].instructions[2]']);
    expect(result.unwaived.map((f) => `${f.ruleId} ${f.path}: ${f.message}`)).toEqual([
      'waiver-invalid comments[1]: a waiver comment must read ...',
      "waiver-invalid comments[2]: waiver names rule 'no-such-rule', which is not a rule of the 'test' pack",
      "waiver-invalid comments[3]: waiver of rule 'test-docker-rule': reason must be at least 20 characters and 3 different words saying why the risk is accepted and what compensates for it (got 6 characters, 1 word)",
      "waiver-invalid comments[4]: waiver of rule 'test-docker-rule': container cannot be given on a docker:Dockerfile (it has no pod)",
    ]);
    const expired = check([dockerfile({ waivers: [{ waiver: { ...waiver, expires: '2026-01-01' }, path: 'comments[0]' }] })], pack, { now: TEST_NOW });
    expect(expired.unwaived.map((f) => `${f.ruleId} ${f.path}`)).toEqual([
      'test-docker-rule stages[0]',
      'test-docker-rule stages[1].instructions[2]',
      'waiver-expired comments[0]',
    ]);
  });

  test('scoped waivers given to the checker target them by kind and name', () => {
    const waiver = { ruleId: 'test-docker-rule', reason: 'the base image is patched by the vendor weekly', expires: TEST_SOON };
    const result = check([dockerfile(), dockerfile({ name: 'other' })], pack, { now: TEST_NOW, waivers: [{ ...waiver, target: { kind: 'docker:Dockerfile', name: 'Dockerfile' } }] });
    expect(result.waived.map((f) => f.resource.name)).toEqual(['Dockerfile', 'Dockerfile']);
    expect(result.unwaived.map((f) => f.resource.name)).toEqual(['other', 'other']);
  });
});
