import { matchLabelsMatch, SelectorIndex, selectorMatches, selectorProblems, selectsEverything } from '../../../lib/rules/k8s/selector';

const api = { 'app': 'api', 'tier': 'backend', 'hipaa-constructs.io/phi': 'true' };

describe('selectorMatches', () => {
  test('a missing selector matches nothing', () => {
    expect(selectorMatches(undefined, api)).toBe(false);
    expect(selectorMatches(null, api)).toBe(false);
  });

  test('an empty selector matches everything, even an object without labels', () => {
    expect(selectorMatches({}, api)).toBe(true);
    expect(selectorMatches({}, undefined)).toBe(true);
    expect(selectorMatches({ matchLabels: {}, matchExpressions: [] }, {})).toBe(true);
    expect(selectorMatches({ matchLabels: null, matchExpressions: null }, {})).toBe(true);
  });

  test('matchLabels: every pair must be present with that value', () => {
    expect(selectorMatches({ matchLabels: { app: 'api' } }, api)).toBe(true);
    expect(selectorMatches({ matchLabels: { app: 'api', tier: 'backend' } }, api)).toBe(true);
    expect(selectorMatches({ matchLabels: { app: 'api', tier: 'frontend' } }, api)).toBe(false);
    expect(selectorMatches({ matchLabels: { app: 'api' } }, { tier: 'backend' })).toBe(false);
    expect(selectorMatches({ matchLabels: { app: 'api' } }, undefined)).toBe(false);
  });

  test('does not see inherited properties as labels', () => {
    expect(selectorMatches({ matchExpressions: [{ key: 'constructor', operator: 'Exists' }] }, {})).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'toString', operator: 'DoesNotExist' }] }, {})).toBe(true);
  });

  test('In: label present with one of the values', () => {
    const sel = { matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend', 'batch'] }] };
    expect(selectorMatches(sel, api)).toBe(true);
    expect(selectorMatches(sel, { tier: 'frontend' })).toBe(false);
    expect(selectorMatches(sel, {})).toBe(false);
  });

  test('NotIn: label absent, or present with none of the values', () => {
    const sel = { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['frontend'] }] };
    expect(selectorMatches(sel, api)).toBe(true);
    expect(selectorMatches(sel, {})).toBe(true);
    expect(selectorMatches(sel, { tier: 'frontend' })).toBe(false);
  });

  test('Exists and DoesNotExist look only at the key', () => {
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, { tier: '' })).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, {})).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, {})).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist', values: [] }] }, api)).toBe(false);
  });

  test('matchLabels and matchExpressions are ANDed', () => {
    const sel = {
      matchLabels: { app: 'api' },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }, { key: 'canary', operator: 'DoesNotExist' }],
    };
    expect(selectorMatches(sel, api)).toBe(true);
    expect(selectorMatches(sel, { ...api, canary: 'yes' })).toBe(false);
    expect(selectorMatches(sel, { ...api, app: 'web' })).toBe(false);
  });

  test.each([
    ['an unknown operator', { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['api'] }] }],
    ['a lowercase operator', { matchExpressions: [{ key: 'app', operator: 'in', values: ['api'] }] }],
    ['In without values', { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] }],
    ['NotIn without values', { matchExpressions: [{ key: 'app', operator: 'NotIn' }] }],
    ['Exists with values', { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['api'] }] }],
    ['a non-string matchLabels value', { matchLabels: { app: 'api', replicas: 2 } }],
    ['a non-string In value', { matchExpressions: [{ key: 'app', operator: 'In', values: ['api', 3] }] }],
    ['matchExpressions that is not a list', { matchExpressions: { key: 'app', operator: 'Exists' } }],
    ['a selector that is a list', [{ matchLabels: { app: 'api' } }]],
  ])('an invalid selector (%s) matches nothing and says why', (_what, sel) => {
    expect(selectorMatches(sel, { ...api, replicas: 2 })).toBe(false);
    expect(selectorProblems(sel)).toHaveLength(1);
  });
});

describe('selectorProblems', () => {
  test('a valid or missing selector has none', () => {
    expect(selectorProblems(undefined)).toEqual([]);
    expect(selectorProblems({})).toEqual([]);
    expect(selectorProblems({ matchLabels: { app: 'api' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['x'] }] })).toEqual([]);
  });

  test('names each problem', () => {
    expect(selectorProblems({ matchLabels: { version: 1 }, matchExpressions: [{ key: 'app', operator: 'Exists', values: ['api'] }] })).toEqual([
      "matchLabels['version'] must be a string (got 1); quote it",
      'matchExpressions[0]: operator Exists takes no values',
    ]);
  });
});

describe('selectsEverything', () => {
  test('only a present, empty selector', () => {
    expect(selectsEverything({})).toBe(true);
    expect(selectsEverything({ matchLabels: {}, matchExpressions: [] })).toBe(true);
    expect(selectsEverything(undefined)).toBe(false);
    expect(selectsEverything({ matchLabels: { app: 'api' } })).toBe(false);
    expect(selectsEverything({ matchExpressions: [{ key: 'app', operator: 'Exists' }] })).toBe(false);
  });
});

describe('matchLabelsMatch (Service-style plain map)', () => {
  test('every pair must match; an empty or missing map selects nothing', () => {
    expect(matchLabelsMatch({ app: 'api' }, api)).toBe(true);
    expect(matchLabelsMatch({ app: 'web' }, api)).toBe(false);
    expect(matchLabelsMatch({}, api)).toBe(false);
    expect(matchLabelsMatch(undefined, api)).toBe(false);
  });
});

describe('SelectorIndex', () => {
  function index(): SelectorIndex<string> {
    const idx = new SelectorIndex<string>();
    idx.add({ matchLabels: { app: 'api' } }, 'by-app');
    idx.add({ matchLabels: { tier: 'backend', app: 'api' } }, 'by-tier-and-app');
    idx.add({ matchLabels: { app: 'web' } }, 'web');
    idx.add({ matchExpressions: [{ key: 'hipaa-constructs.io/phi', operator: 'In', values: ['true'] }] }, 'phi');
    idx.add({}, 'everything');
    idx.add(undefined, 'missing');
    idx.add({ matchExpressions: [{ key: 'app', operator: 'Exists', values: ['x'] }] }, 'invalid');
    return idx;
  }

  test('finds exactly the values whose selector matches, in the order they were added', () => {
    const idx = index();
    expect(idx.count).toBe(5);
    expect(idx.matching(api)).toEqual(['by-app', 'by-tier-and-app', 'phi', 'everything']);
    expect(idx.matching({ app: 'api' })).toEqual(['by-app', 'everything']);
    expect(idx.matching({ app: 'web', tier: 'backend' })).toEqual(['web', 'everything']);
    expect(idx.matching(undefined)).toEqual(['everything']);
  });

  test('agrees with selectorMatches on every selector', () => {
    const selectors = [
      { matchLabels: { app: 'api' } },
      { matchLabels: { app: 'api', tier: 'frontend' } },
      { matchLabels: { app: 'api' }, matchExpressions: [{ key: 'canary', operator: 'DoesNotExist' }] },
      { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['backend'] }] },
      {},
    ];
    const idx = new SelectorIndex<number>();
    selectors.forEach((sel, i) => idx.add(sel, i));
    for (const labels of [api, { app: 'api' }, { app: 'api', canary: 'y' }, { tier: 'frontend', app: 'api' }, {}]) {
      expect(idx.matching(labels)).toEqual(selectors.map((sel, i) => (selectorMatches(sel, labels) ? i : -1)).filter((i) => i >= 0));
      expect(idx.countMatches(labels)).toBe(idx.matching(labels).length);
    }
  });

  test('countMatches stops at max; selects says whether any matches', () => {
    const idx = index();
    expect(idx.countMatches(api)).toBe(4);
    expect(idx.countMatches(api, 2)).toBe(2);
    expect(idx.selects({ app: 'web' })).toBe(true);
    const none = new SelectorIndex<string>();
    none.add({ matchLabels: { app: 'web' } }, 'web');
    expect(none.selects(api)).toBe(false);
  });
});
