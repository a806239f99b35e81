import * as fs from 'fs';
import * as path from 'path';
import { checkApiDocs, formatProblem } from './api-docs';

const ROOT = path.resolve(__dirname, '..', '..');
/** The public entry points (the cdk8s one only once it exists). */
const ENTRY_POINTS = ['lib/index.ts', 'lib/cdk8s/index.ts', 'lib/pulumi/index.ts', 'lib/docker/index.ts']
  .map((f) => path.join(ROOT, f))
  .filter((f) => fs.existsSync(f));

describe('API docs: every member of an exported interface is documented', () => {
  const { checked, problems } = checkApiDocs(ENTRY_POINTS, { root: ROOT });

  test('every property and method has a doc comment', () => {
    expect(problems.filter((p) => p.problem === 'no doc comment').map(formatProblem)).toEqual([]);
  });

  test('every optional property has an @default tag', () => {
    expect(problems.filter((p) => p.problem === 'optional property without @default').map(formatProblem)).toEqual([]);
  });

  test('the check sees the public interfaces (it does not pass by finding nothing)', () => {
    expect(checked).toBeGreaterThan(50);
  });
});

describe('the checker itself', () => {
  const dir = path.join(ROOT, 'virtual');
  const files = {
    [path.join(dir, 'index.ts')]: [
      "export * from './props';",
      "export { Renamed as Public } from './renamed';",
      "import 'some-dependency';",
    ].join('\n'),
    [path.join(dir, 'props.ts')]: [
      '/** Base, not exported itself. */',
      'interface Base {',
      '  baseUndocumented?: string;',
      '}',
      '/** Props. */',
      'export interface Props extends Base {',
      '  /** Documented, required. */',
      '  readonly ok: string;',
      '  /**',
      '   * Documented, optional, with a default.',
      '   * @default 3',
      '   */',
      '  readonly withDefault?: number;',
      '  /** Documented, optional, no default. */',
      '  readonly noDefault?: number;',
      '  readonly undocumented: string;',
      '  /** @default false */',
      '  readonly onlyATag?: boolean;',
      '  method(): void;',
      '}',
      '/** Not exported: not checked. */',
      'interface Internal { x?: string }',
      'export const used: Internal = {};',
    ].join('\n'),
    [path.join(dir, 'renamed.ts')]: 'export interface Renamed {\n  /** @defaultValue 1 */\n  readonly n?: number;\n}\n',
  };

  test('names each offender as Interface.member with file:line', () => {
    const result = checkApiDocs([path.join(dir, 'index.ts')], { root: ROOT, files });
    expect(result.problems.map(formatProblem)).toEqual([
      'Base.baseUndocumented (virtual/props.ts:3): no doc comment',
      'Base.baseUndocumented (virtual/props.ts:3): optional property without @default',
      'Props.noDefault (virtual/props.ts:15): optional property without @default',
      'Props.undocumented (virtual/props.ts:16): no doc comment',
      'Props.onlyATag (virtual/props.ts:18): no doc comment',
      'Props.method (virtual/props.ts:19): no doc comment',
      'Renamed.n (virtual/renamed.ts:3): no doc comment',
    ]);
    expect(result.checked).toBe(8);
  });
});
