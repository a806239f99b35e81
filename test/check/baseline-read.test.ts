import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BaselineError, parseBaseline, readBaseline } from '../../lib/check/baseline-file';

/** The problems parseBaseline reports for a document (none: the baseline it returns). */
function problems(doc: unknown, file = '.hipaa-baseline.json'): readonly string[] {
  try {
    parseBaseline(typeof doc === 'string' ? doc : JSON.stringify(doc), file);
    return [];
  } catch (e) {
    if (!(e instanceof BaselineError)) throw e;
    return e.problems;
  }
}

const ENTRY = { rule: 'test-no-privileged', kind: 'Deployment', namespace: 'clinic', name: 'api', path: 'spec.x', count: 1 };
const VALID = { version: 1, tool: 'hipaa-check', created: '2026-06-01', expires: '2027-06-01', entries: [ENTRY] };
const AT = 'baseline .hipaa-baseline.json';
const REWRITE = 'write a new one with hipaa-check --write-baseline <file>';

describe('parseBaseline', () => {
  test('reads a valid baseline, entries sorted, the file recorded', () => {
    const b = parseBaseline(JSON.stringify({
      ...VALID,
      entries: [{ ...ENTRY, name: 'b', message: 'm' }, { ...ENTRY, rule: 'a-rule', namespace: undefined }, ENTRY],
    }), 'base.json');
    expect(b).toEqual({
      file: 'base.json',
      tool: 'hipaa-check',
      created: '2026-06-01',
      expires: '2027-06-01',
      entries: [
        { rule: 'a-rule', kind: 'Deployment', name: 'api', path: 'spec.x', count: 1 },
        ENTRY,
        { ...ENTRY, name: 'b', message: 'm' },
      ],
    });
  });

  test('tool is optional, entries may be empty, a path may be empty (the whole object)', () => {
    const { tool: _, ...noTool } = VALID;
    expect(problems({ ...noTool, entries: [] })).toEqual([]);
    expect(problems({ ...VALID, entries: [{ ...ENTRY, path: '' }] })).toEqual([]);
    // An unknown rule is no problem here: the packs vary, and it is reported stale when it matches nothing.
    expect(problems({ ...VALID, entries: [{ ...ENTRY, rule: 'no-such-rule' }] })).toEqual([]);
  });

  test('expires may be exactly 12 months after created, or the same day', () => {
    expect(problems({ ...VALID, created: '2026-06-01', expires: '2027-06-01' })).toEqual([]);
    expect(problems({ ...VALID, created: '2026-06-01', expires: '2026-06-01' })).toEqual([]);
    // Clamped to the month's end: 31 August + 12 months... and 29 February to 28 February.
    expect(problems({ ...VALID, created: '2028-02-29', expires: '2029-02-28' })).toEqual([]);
  });

  test('not JSON', () => {
    // With the line of the position JSON.parse names (Node 22 and later name it themselves).
    const message = jsonError('{"version": 1,');
    expect(problems('{"version": 1,')).toEqual([`${AT}${/\(line \d+ column \d+\)/.test(message) ? '' : ':1'}: is not JSON (${message}); ${REWRITE}`]);
  });

  test('a comma after the last item (an entry deleted by hand): the line of the comma', () => {
    const text = JSON.stringify(VALID, null, 2).replace(/\n  \]/, ',\n  ]');
    const line = text.slice(0, text.indexOf(',\n  ]')).split('\n').length;
    expect(problems(text)).toEqual([`${AT}:${line}: is not JSON: a comma before ']' (JSON allows none after the last item); remove it, or ${REWRITE}`]);
    // A comma inside a string is not one.
    expect(problems(JSON.stringify({ ...VALID, tool: 'a, ]' }).replace(/\}$/, ',}'))).toEqual([
      `${AT}:1: is not JSON: a comma before '}' (JSON allows none after the last item); remove it, or ${REWRITE}`,
    ]);
  });

  test('a missing comma: the line of the position JSON.parse names', () => {
    const text = '{\n  "version": 1\n  "tool": "x"\n}';
    const message = jsonError(text);
    const where = /\(line \d+ column \d+\)/.test(message) ? '' : ':3';
    expect(problems(text)).toEqual([`${AT}${where}: is not JSON (${message}); ${REWRITE}`]);
  });

  test('a misspelt field: the near one is suggested', () => {
    const entry = { rules: 'r1', kind: 'Deployment', name: 'a', path: 'p', count: 1 };
    expect(problems({ ...VALID, entry: [], entries: [entry] })).toEqual([
      `${AT}: unknown field 'entry' (did you mean 'entries'?) (allowed: version, tool, created, expires, entries); remove it`,
      `${AT}: entries[0]: unknown field 'rules' (did you mean 'rule'?) (allowed: rule, kind, namespace, name, path, count, message); remove it`,
      `${AT}: entries[0]: rule is missing`,
    ]);
  });

  test('not an object', () => {
    expect(problems([1])).toEqual([`${AT}: must be a JSON object {version, tool, created, expires, entries} (got a list); ${REWRITE}`]);
  });

  test('wrong or missing version', () => {
    expect(problems({ ...VALID, version: 2 })).toEqual([
      `${AT}: version must be 1 (got 2): this hipaa-check reads baseline format 1; ${REWRITE}`,
    ]);
    const { version: _, ...noVersion } = VALID;
    expect(problems(noVersion)).toEqual([`${AT}: version must be 1 (got undefined): this hipaa-check reads baseline format 1; ${REWRITE}`]);
  });

  test('unknown, missing and wrong top-level fields, all at once', () => {
    expect(problems({ version: 1, tool: 7, created: '2026-13-01', extra: true })).toEqual([
      `${AT}: unknown field 'extra' (allowed: version, tool, created, expires, entries); remove it`,
      `${AT}: tool must be a non-empty string (got 7)`,
      `${AT}: created must be a day written YYYY-MM-DD (got the string "2026-13-01")`,
      `${AT}: expires is missing (a day written YYYY-MM-DD)`,
      `${AT}: entries is missing: give the list of accepted findings (it may be empty)`,
    ]);
    expect(problems({ ...VALID, created: '2026-02-31', entries: {} })).toEqual([
      `${AT}: created must be a day written YYYY-MM-DD (got the string "2026-02-31")`,
      `${AT}: entries must be a list of accepted findings (got an object)`,
    ]);
    const { created: _, ...noCreated } = VALID;
    expect(problems(noCreated)).toEqual([`${AT}: created is missing (a day written YYYY-MM-DD)`]);
  });

  test('expires before created', () => {
    expect(problems({ ...VALID, created: '2026-06-01', expires: '2026-05-31' })).toEqual([
      `${AT}: expires 2026-05-31 is before created 2026-06-01; set expires to a day from 2026-06-01 to 2027-06-01`,
    ]);
  });

  test('expires more than 12 months after created', () => {
    expect(problems({ ...VALID, created: '2026-06-01', expires: '2027-06-02' })).toEqual([
      `${AT}: expires 2027-06-02 is more than 12 months after created 2026-06-01 (latest allowed: 2027-06-01): ` +
        'accepted findings come back for review at least that often (45 CFR 164.308(a)(8)); set an earlier date',
    ]);
  });

  test('entries: every problem names the entry index, its rule and the field', () => {
    expect(problems({
      ...VALID,
      entries: [
        'x',
        { rule: 'r1', kind: '', name: 5, count: 0, extra: 1 },
        { rule: 'r2', kind: 'Deployment', namespace: '', name: 'a', path: 3, count: 1.5, message: false },
        { kind: 'Deployment', name: 'a', path: 'p' },
      ],
    })).toEqual([
      `${AT}: entries[0]: must be an object {rule, kind, namespace?, name, path, count, message?} (got the string "x")`,
      `${AT}: entries[1] (rule 'r1'): unknown field 'extra' (allowed: rule, kind, namespace, name, path, count, message); remove it`,
      `${AT}: entries[1] (rule 'r1'): kind must be a non-empty string (got the string "")`,
      `${AT}: entries[1] (rule 'r1'): name must be a non-empty string (got 5)`,
      `${AT}: entries[1] (rule 'r1'): path is missing (the field path of the finding; "" for the whole object)`,
      `${AT}: entries[1] (rule 'r1'): count must be a whole number of 1 or more (got 0)`,
      `${AT}: entries[2] (rule 'r2'): path must be a string (got 3)`,
      `${AT}: entries[2] (rule 'r2'): namespace must be a non-empty string, or left out for an object without one (got the string "")`,
      `${AT}: entries[2] (rule 'r2'): count must be a whole number of 1 or more (got 1.5)`,
      `${AT}: entries[2] (rule 'r2'): message must be a string (got false)`,
      `${AT}: entries[3]: rule is missing`,
      `${AT}: entries[3]: count is missing (how many findings of this rule, object and path it accepts, usually 1)`,
    ]);
  });

  test('two entries with one key', () => {
    expect(problems({ ...VALID, entries: [ENTRY, { ...ENTRY, name: 'other' }, { ...ENTRY, message: 'reworded', count: 2 }] })).toEqual([
      `${AT}: entries[2] has the rule, object and path of entries[0] (rule 'test-no-privileged' on Deployment clinic/api at 'spec.x'); ` +
        'merge them into one entry whose count is their sum',
    ]);
  });

  test('a BaselineError carries every problem in its message', () => {
    expect(() => parseBaseline(JSON.stringify({ ...VALID, tool: '', extra: 1 }), 'b.json')).toThrow(
      new BaselineError([
        "baseline b.json: unknown field 'extra' (allowed: version, tool, created, expires, entries); remove it",
        'baseline b.json: tool must be a non-empty string (got the string "")',
      ]),
    );
  });
});

describe('readBaseline', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'baseline-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('reads a file relative to cwd, recording the name as given', () => {
    fs.writeFileSync(path.join(tmp, 'b.json'), JSON.stringify(VALID));
    expect(readBaseline('b.json', tmp).file).toBe('b.json');
  });

  test('a missing file, and a directory', () => {
    expect(() => readBaseline('nope.json', tmp)).toThrow(
      `baseline nope.json: cannot be read (no such file); give the file --write-baseline wrote, or ${REWRITE}`,
    );
    expect(() => readBaseline('.', tmp)).toThrow(`baseline .: cannot be read (it is a directory); give the file --write-baseline wrote, or ${REWRITE}`);
  });
});

function jsonError(text: string): string {
  try {
    JSON.parse(text);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('parsed');
}
