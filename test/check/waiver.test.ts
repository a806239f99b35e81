import {
  isExpired,
  latestWaiverExpiry,
  parseWaiverAnnotation,
  renderWaiverAnnotation,
  resolveMaxWaiverMonths,
  waiverProblems,
} from '../../lib/check/waiver';
import { daysFromNow } from '../helpers/dates';
import { TEST_NOW, TEST_SOON } from '../helpers/rule-test';

const reason = 'Accepted by the data owner; compensated by review.';
const AT = { now: TEST_NOW };

describe('waiverProblems', () => {
  test('a complete waiver has none', () => {
    expect(waiverProblems({ ruleId: 'r', reason, expires: TEST_SOON, owner: 'team', ticket: 'SEC-1', container: 'api' }, new Set(['r']), AT)).toEqual([]);
  });

  test('names every problem', () => {
    expect(waiverProblems({ reason: 'n/a', expires: '2027-02-30', owner: '', container: '', color: 'red' }, undefined, AT)).toEqual([
      "unknown field 'color' (allowed: ruleId, reason, expires, owner, ticket, container, target)",
      'ruleId is missing: name the rule being waived, e.g. k8s-read-only-root-filesystem',
      'reason must be at least 20 characters and 3 different words saying why the risk is accepted and what compensates for it (got 3 characters, 0 words)',
      'expires must be a date written YYYY-MM-DD (got "2027-02-30")',
      'owner must be a non-empty string when given',
      'container must be a non-empty string when given',
    ]);
    expect(waiverProblems('k8s-x')).toEqual(['a waiver must be an object with ruleId, reason and expires (got the string "k8s-x")']);
    expect(waiverProblems([{ ruleId: 'k8s-x' }])).toEqual(['a waiver must be an object with ruleId, reason and expires (got a list)']);
    expect(waiverProblems({ ruleId: 'k8s-x', reason, expires: TEST_SOON }, new Set(['k8s-y']), AT)).toEqual(["ruleId 'k8s-x' is not a known rule"]);
  });

  describe('the reason must be words', () => {
    test.each([
      ['only spaces', ' '.repeat(40), 0, 0],
      ['one long run of letters', 'x'.repeat(24), 24, 1],
      ['one word repeated', 'legacy legacy legacy legacy', 27, 1],
      ['words run together', 'vendorrequirementforlegacy', 26, 1],
      ['digits and punctuation only', '1234567890 !!!! 12345678', 24, 0],
    ])('%s is refused', (_what, text, length, words) => {
      expect(waiverProblems({ ruleId: 'r', reason: text, expires: TEST_SOON }, undefined, AT)).toEqual([
        `reason must be at least 20 characters and 3 different words saying why the risk is accepted and what compensates for it (got ${length} characters, ${words} word${words === 1 ? '' : 's'})`,
      ]);
    });

    test('three different words of 20 characters pass, in any script', () => {
      expect(waiverProblems({ ruleId: 'r', reason: 'vendor image writes /var', expires: TEST_SOON }, undefined, AT)).toEqual([]);
      expect(waiverProblems({ ruleId: 'r', reason: 'Le fournisseur écrit dans /var/lib', expires: TEST_SOON }, undefined, AT)).toEqual([]);
    });

    test('three words are not enough below 20 characters', () => {
      expect(waiverProblems({ ruleId: 'r', reason: 'too short a reason', expires: TEST_SOON }, undefined, AT)).toHaveLength(1);
    });
  });

  describe('an expiry is required, at most maxWaiverMonths ahead (164.308(a)(8))', () => {
    test('a waiver without one is refused, naming the latest day allowed', () => {
      expect(waiverProblems({ ruleId: 'r', reason }, undefined, AT)).toEqual([
        'expires is missing: give the last day the waiver holds (YYYY-MM-DD, at most 12 months ahead, i.e. 2027-06-01 or earlier), ' +
          'so the accepted risk is evaluated again (45 CFR 164.308(a)(8))',
      ]);
    });

    test('12 months ahead to the day is allowed, one day more is not', () => {
      expect(waiverProblems({ ruleId: 'r', reason, expires: '2027-06-01' }, undefined, AT)).toEqual([]);
      expect(waiverProblems({ ruleId: 'r', reason, expires: '2027-06-02' }, undefined, AT)).toEqual([
        'expires 2027-06-02 is more than 12 months ahead (latest allowed: 2027-06-01): a waiver is evaluated again at least that often ' +
          '(45 CFR 164.308(a)(8)); set an earlier date, or raise maxWaiverMonths (hipaa-check: --max-waiver-months) if your review period is longer',
      ]);
      expect(waiverProblems({ ruleId: 'r', reason, expires: '2099-12-31' }, undefined, AT)).toHaveLength(1);
    });

    test('the limit is configurable', () => {
      expect(waiverProblems({ ruleId: 'r', reason, expires: '2026-09-02' }, undefined, { now: TEST_NOW, maxWaiverMonths: 3 })).toEqual([
        'expires 2026-09-02 is more than 3 months ahead (latest allowed: 2026-09-01): a waiver is evaluated again at least that often ' +
          '(45 CFR 164.308(a)(8)); set an earlier date, or raise maxWaiverMonths (hipaa-check: --max-waiver-months) if your review period is longer',
      ]);
      expect(waiverProblems({ ruleId: 'r', reason, expires: '2028-01-31' }, undefined, { now: TEST_NOW, maxWaiverMonths: 24 })).toEqual([]);
    });

    test('without a given day, the limit is judged against today', () => {
      expect(waiverProblems({ ruleId: 'r', reason, expires: daysFromNow(300) })).toEqual([]);
      expect(waiverProblems({ ruleId: 'r', reason, expires: daysFromNow(400) })).toHaveLength(1);
    });

    test('a date that is not a string is refused, not crashed on', () => {
      expect(waiverProblems({ ruleId: 'r', reason, expires: 20270101 }, undefined, AT)).toEqual(['expires must be a date written YYYY-MM-DD (got 20270101)']);
    });
  });
});

describe('latestWaiverExpiry', () => {
  test('adds whole months, clamped to the end of a shorter month', () => {
    expect(latestWaiverExpiry(new Date('2026-06-01T23:00:00Z'), 12)).toBe('2027-06-01');
    expect(latestWaiverExpiry(new Date('2026-08-31T00:00:00Z'), 6)).toBe('2027-02-28');
    expect(latestWaiverExpiry(new Date('2028-02-29T00:00:00Z'), 12)).toBe('2029-02-28');
    expect(latestWaiverExpiry(new Date('2026-11-15T00:00:00Z'), 3)).toBe('2027-02-15');
  });
});

describe('resolveMaxWaiverMonths', () => {
  test('defaults to 12 and accepts 1 to 36 whole months', () => {
    expect(resolveMaxWaiverMonths(undefined)).toBe(12);
    expect(resolveMaxWaiverMonths(1)).toBe(1);
    expect(resolveMaxWaiverMonths(36)).toBe(36);
  });

  test.each([[0, '0'], [37, '37'], [1.5, '1.5'], ['12', '"12"'], [NaN, 'null'], [null, 'null']])('refuses %p', (value, shown) => {
    expect(() => resolveMaxWaiverMonths(value)).toThrow(
      `maxWaiverMonths must be a whole number of months from 1 to 36 (got ${shown}): waivers are evaluated again at least that often (45 CFR 164.308(a)(8))`,
    );
  });
});

describe('isExpired', () => {
  test('a waiver holds through its last day (UTC) and not after', () => {
    const w = { ruleId: 'r', reason, expires: '2026-06-01' };
    expect(isExpired(w, new Date('2026-06-01T23:59:59Z'))).toBe(false);
    expect(isExpired(w, new Date('2026-06-02T00:00:00Z'))).toBe(true);
  });
});

describe('the annotation', () => {
  test('round-trips, container included', () => {
    const waivers = [{ ruleId: 'r', reason, expires: TEST_SOON, owner: 'team', container: 'sidecar' }];
    expect(parseWaiverAnnotation(renderWaiverAnnotation(waivers), AT)).toEqual({ waivers, problems: [] });
  });

  test('accepts a single object as well as a list; reports broken entries and keeps good ones', () => {
    expect(parseWaiverAnnotation(JSON.stringify({ ruleId: 'r', reason, expires: TEST_SOON }), AT).waivers).toHaveLength(1);
    expect(parseWaiverAnnotation(JSON.stringify([{ ruleId: 'r', reason, expires: TEST_SOON }, { ruleId: 'r', expires: TEST_SOON }]), AT)).toEqual({
      waivers: [{ ruleId: 'r', reason, expires: TEST_SOON }],
      problems: ['waiver 1: reason must be at least 20 characters and 3 different words saying why the risk is accepted and what compensates for it (got 0 characters, 0 words)'],
    });
    expect(parseWaiverAnnotation(42).problems).toEqual(['annotation hipaa-constructs.io/waivers must be a string holding a JSON list']);
  });

  test('an annotation waiver without expiry, or too far ahead, is reported', () => {
    expect(parseWaiverAnnotation(JSON.stringify([{ ruleId: 'r', reason }, { ruleId: 'r', reason, expires: '2030-01-01' }]), AT).problems).toEqual([
      'waiver 0: expires is missing: give the last day the waiver holds (YYYY-MM-DD, at most 12 months ahead, i.e. 2027-06-01 or earlier), so the accepted risk is evaluated again (45 CFR 164.308(a)(8))',
      'waiver 1: expires 2030-01-01 is more than 12 months ahead (latest allowed: 2027-06-01): a waiver is evaluated again at least that often (45 CFR 164.308(a)(8)); set an earlier date, or raise maxWaiverMonths (hipaa-check: --max-waiver-months) if your review period is longer',
    ]);
  });
});
