import { check } from '../../lib/check/engine';
import { fromPulumiResource } from '../../lib/check/pulumi-resource';
import type { Rule } from '../../lib/check/rule';
import { parseWaiverTags, renderWaiverTags, waiverTagKey } from '../../lib/check/waiver-tags';
import { TEST_NOW, TEST_SOON } from '../helpers/rule-test';

const rotation: Rule = {
  id: 'aws-test-rotation',
  title: 'Keys rotate',
  description: 'Test rule.',
  severity: 'error',
  controls: ['164.312(a)(2)(iv)'],
  kinds: ['aws:kms/key:Key'],
  fix: 'Set enableKeyRotation.',
  check(r, _ctx, report) {
    if (r.body.enableKeyRotation !== true) report({ path: 'enableKeyRotation', message: 'rotation is off' });
  },
};
const pack = { name: 'aws', description: 'test', rules: [rotation] };
const waiver = { ruleId: 'aws-test-rotation', reason: 'Imported key material cannot rotate automatically here', expires: TEST_SOON, owner: 'security@example.com', ticket: 'SEC-12' };

describe('waivers as tags', () => {
  test('render and parse round-trip', () => {
    const { tags, problems } = renderWaiverTags([waiver], { now: TEST_NOW });
    expect(problems).toEqual([]);
    expect(tags).toEqual({ [waiverTagKey('aws-test-rotation')]: `expires=${TEST_SOON} owner=security@example.com ticket=SEC-12 reason=Imported key material cannot rotate automatically here` });
    const parsed = parseWaiverTags(tags, { now: TEST_NOW });
    expect(parsed.problems).toEqual([]);
    expect(parsed.waivers).toEqual([{ ...waiver, tag: waiverTagKey('aws-test-rotation') }]);
  });

  test('refuses what AWS would not store as a tag value', () => {
    expect(renderWaiverTags([{ ...waiver, reason: 'Vendor key (imported), rotation by hand; see runbook' }], { now: TEST_NOW }).problems).toEqual([
      "waivers[0]: waiver of 'aws-test-rotation' cannot be written as an AWS tag: tag values allow only letters, digits, spaces and _ . : / = + - @ (remove ( ) , ; from the reason, owner or ticket)",
    ]);
    expect(renderWaiverTags([{ ...waiver, reason: `${waiver.reason} ${'and more detail '.repeat(15)}` }], { now: TEST_NOW }).problems[0]).toMatch(/is 3\d\d characters as a tag, more than the 256 AWS allows/);
    expect(renderWaiverTags([waiver, waiver], { now: TEST_NOW }).problems).toEqual(["waivers[1]: rule 'aws-test-rotation' is waived twice; give one waiver per rule and resource"]);
  });

  test('the engine applies a tag waiver, and raises broken and expired ones at the tag', () => {
    const key = (tags: Record<string, string>) => fromPulumiResource({ type: 'aws:kms/key:Key', name: 'phi', inputs: { tags } });
    const { tags } = renderWaiverTags([waiver], { now: TEST_NOW });
    const waived = check([key(tags)], pack, { now: TEST_NOW });
    expect(waived.unwaived).toEqual([]);
    expect(waived.waived.map((f) => f.waiver?.reason)).toEqual([waiver.reason]);

    const broken = check([key({ [waiverTagKey('aws-test-rotation')]: 'reason=too short' })], pack, { now: TEST_NOW });
    expect(broken.unwaived.map((f) => `${f.ruleId} ${f.path}`)).toEqual([
      'aws-test-rotation enableKeyRotation',
      `waiver-invalid tags["${waiverTagKey('aws-test-rotation')}"]`,
      `waiver-invalid tags["${waiverTagKey('aws-test-rotation')}"]`,
    ]);
    const expired = check([key({ [waiverTagKey('aws-test-rotation')]: `expires=2026-01-01 reason=${waiver.reason}` })], pack, { now: TEST_NOW });
    expect(expired.unwaived.map((f) => `${f.ruleId} ${f.path}: ${f.message}`)).toEqual([
      'aws-test-rotation enableKeyRotation: rotation is off',
      `waiver-expired tags["${waiverTagKey('aws-test-rotation')}"]: waiver of rule 'aws-test-rotation' expired on 2026-01-01; it no longer applies`,
    ]);
    const unknown = check([key({ [waiverTagKey('aws-nope')]: `expires=${TEST_SOON} reason=${waiver.reason}` })], pack, { now: TEST_NOW });
    expect(unknown.unwaived.map((f) => f.message)).toContain("waiver names rule 'aws-nope', which is not a rule of the 'aws' pack");
  });

  test('scoped waivers target a Pulumi resource by type and name', () => {
    const r = fromPulumiResource({ type: 'aws:kms/key:Key', name: 'phi', inputs: {} });
    expect(check([r], pack, { now: TEST_NOW, waivers: [{ ...waiver, target: { kind: 'aws:kms/key:Key', name: 'phi' } }] }).passed).toBe(true);
    expect(check([r], pack, { now: TEST_NOW, waivers: [{ ...waiver, target: { kind: 'aws:kms/key:Key', name: 'other' } }] }).passed).toBe(false);
  });
});

test('rules of every kind (`*`, the Kubernetes rules such as k8s-valid-name) do not check Pulumi resources', () => {
  const everyKind: Rule = { ...rotation, id: 'k8s-test-any', kinds: ['*'], check: (_r, _c, report) => report({ path: 'metadata', message: 'seen' }) };
  const r = fromPulumiResource({ type: 'aws:kms/key:Key', name: 'phi', inputs: { enableKeyRotation: true } });
  expect(check([r], { name: 'mixed', description: 'test', rules: [rotation, everyKind] }, { now: TEST_NOW }).findings).toEqual([]);
});
