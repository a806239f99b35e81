import { isExpired, MIN_WAIVER_REASON_LENGTH, parseWaiverAnnotation, renderWaiverAnnotation, waiverProblems } from '../../lib/check/waiver';

const reason = 'x'.repeat(MIN_WAIVER_REASON_LENGTH);

describe('waiverProblems', () => {
  test('a complete waiver has none', () => {
    expect(waiverProblems({ ruleId: 'r', reason, expires: '2027-02-28', owner: 'team', ticket: 'SEC-1' }, new Set(['r']))).toEqual([]);
  });

  test('names every problem', () => {
    expect(waiverProblems({ reason: 'n/a', expires: '2027-02-30', owner: '', color: 'red' })).toEqual([
      "unknown field 'color' (allowed: ruleId, reason, expires, owner, ticket, target)",
      'ruleId is missing: name the rule being waived, e.g. k8s-read-only-root-filesystem',
      'reason must be at least 20 characters saying why the risk is accepted and what compensates for it (got 3)',
      'expires must be a date written YYYY-MM-DD (got "2027-02-30")',
      'owner must be a non-empty string when given',
    ]);
    expect(waiverProblems('k8s-x')).toEqual(['a waiver must be an object with ruleId and reason']);
    expect(waiverProblems({ ruleId: 'k8s-x', reason }, new Set(['k8s-y']))).toEqual(["ruleId 'k8s-x' is not a known rule"]);
  });

  test('a reason of only spaces does not count', () => {
    expect(waiverProblems({ ruleId: 'r', reason: ' '.repeat(40) })).toHaveLength(1);
  });
});

describe('isExpired', () => {
  test('a waiver holds through its last day (UTC) and not after', () => {
    const w = { ruleId: 'r', reason, expires: '2026-06-01' };
    expect(isExpired(w, new Date('2026-06-01T23:59:59Z'))).toBe(false);
    expect(isExpired(w, new Date('2026-06-02T00:00:00Z'))).toBe(true);
    expect(isExpired({ ruleId: 'r', reason }, new Date('2999-01-01'))).toBe(false);
  });
});

describe('the annotation', () => {
  test('round-trips', () => {
    const waivers = [{ ruleId: 'r', reason, owner: 'team' }];
    expect(parseWaiverAnnotation(renderWaiverAnnotation(waivers))).toEqual({ waivers, problems: [] });
  });

  test('accepts a single object as well as a list; reports broken entries and keeps good ones', () => {
    expect(parseWaiverAnnotation(JSON.stringify({ ruleId: 'r', reason })).waivers).toHaveLength(1);
    expect(parseWaiverAnnotation(JSON.stringify([{ ruleId: 'r', reason }, { ruleId: 'r' }]))).toEqual({
      waivers: [{ ruleId: 'r', reason }],
      problems: ['waiver 1: reason must be at least 20 characters saying why the risk is accepted and what compensates for it (got 0)'],
    });
    expect(parseWaiverAnnotation(42).problems).toEqual(['annotation hipaa-constructs.io/waivers must be a string holding a JSON list']);
  });
});
