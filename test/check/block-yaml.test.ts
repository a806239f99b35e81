/**
 * The block-subset YAML reader gives js-yaml's values (with the Kubernetes schema) for every
 * document it reads, and gives up on everything else; the manifest reader built on it gives
 * the same documents, lines and errors as js-yaml alone.
 */
import * as fc from 'fast-check';
import * as yaml from 'js-yaml';
import { OUTSIDE_SUBSET, readBlockDocument } from '../../lib/check/block-yaml';
import { collectManifests, KUBERNETES_YAML_SCHEMA, loadManifestStream, loadYamlStream, ManifestError } from '../../lib/check/manifests';
import { documentSpans } from '../../lib/check/yaml-document-lines';

function block(text: string): unknown {
  return readBlockDocument(text, 0, text.length, KUBERNETES_YAML_SCHEMA);
}

function jsYaml(text: string): unknown {
  return yaml.load(text, { schema: KUBERNETES_YAML_SCHEMA }) ?? null;
}

/** The block reader agrees with js-yaml, or gives up; it never reads what js-yaml refuses. */
function agrees(text: string): 'read' | 'outside' {
  const ours = block(text);
  let theirs: unknown;
  try {
    theirs = jsYaml(text);
  } catch {
    expect({ text, ours }).toEqual({ text, ours: OUTSIDE_SUBSET });
    return 'outside';
  }
  if (ours === OUTSIDE_SUBSET) return 'outside';
  expect({ text, value: ours }).toEqual({ text, value: theirs });
  return 'read';
}

/** Read by the block reader, with the value js-yaml gives. */
const READ: Record<string, string> = {
  'nested mappings': 'a:\n  b:\n    c: d\n  e: f\ng: h\n',
  'YAML 1.1 booleans': 'a: yes\nb: No\nc: ON\nd: off\ne: y\nf: n\ng: True\nh: FALSE\n',
  'numbers: octal, hex, binary, underscores, floats': 'a: 0400\nb: 0x1F\nc: 0b101\nd: 1_000\ne: -12\nf: +3\ng: 1.5\nh: 1e3\ni: .inf\nj: -.Inf\nk: .nan\nl: 0\nm: 09\n',
  'null forms and empty values': 'a: null\nb: ~\nc: Null\nd:\ne: NULL\n',
  'strings that look like dates and versions stay strings': 'a: 2026-12-31\nb: 1.2.3\nc: v1\nd: 12:30\n',
  'keys resolved like values': 'yes: 1\n0400: 2\nnull: 3\n1_0: 4\n1.50: 5\n',
  'quoted scalars': "a: 'it''s'\nb: \"x\"\nc: ''\nd: \"\"\ne: 'true'\nf: \"0400\"\ng: \"a\\nb\\t\\\"c\\\\ \\u00e9\"\nh: 'a # b'\n",
  'comments everywhere': '# top\na: 1 # after\n  # indented comment\nb:   # on a key\n  c: x#y\n# between\n      # deep\n  d: e\n',
  'sequences indented and at the key column': 'a:\n  - x\n  - y\nb:\n- 1\n- 2\nc: z\n',
  'compact mappings in sequences': 'containers:\n  - name: app\n    env:\n    - name: A\n      value: b\n    - name: C\n      valueFrom:\n        fieldRef:\n          fieldPath: x\n  -   name: two\n      image: i\n',
  'empty collections': 'a: {}\nb: []\nc:\n  - {}\n  - []\n',
  'plain scalars with colons, hashes, flow characters, quotes': "a: http://x:80/p?q=1#f\nb: a#b\nc: x, y [z] {w}\nd: it's \"q\"\ne: -1\nf: --port=8080\ng: a  b\nh: ~x\ni: é ü 中\n",
  'a sequence document': '- a\n- b: c\n',
  'trailing spaces': 'a: b   \nc:    \n  d: e  \n',
  'no newline at the end': 'a: b',
  'comment-only document': '# nothing\n\n',
};

/** Outside the subset: js-yaml reads them (or refuses them with its own error). */
const OUTSIDE: Record<string, string> = {
  'block scalar': 'a: |\n  text\n',
  'folded scalar': 'a: >-\n  text\n',
  'anchor and alias': 'a: &x 1\nb: *x\n',
  'tag': 'a: !!str 1\n',
  'flow mapping': 'a: {b: 1}\n',
  'flow sequence': 'a: [1, 2]\n',
  'merge key': 'b: &x {c: 1}\na:\n  <<: *x\n',
  'multi-line plain scalar': 'a: one\n  two\n',
  'multi-line quoted scalar': 'a: "one\n  two"\n',
  'YAML-only escape': 'a: "\\x41"\n',
  'tab in a value': 'a: b\tc\n',
  'tab after the colon': 'a:\tb\n',
  'CRLF': 'a: b\r\nc: d\r\n',
  'duplicate key': 'a: 1\na: 2\n',
  'duplicate after resolving': 'yes: 1\ntrue: 2\n',
  '__proto__ key': '__proto__: 1\n',
  'quoted key': '"a": 1\n',
  'key with a space': 'a b: 1\n',
  'explicit key': '? a\n: b\n',
  'dash alone': 'a:\n  -\n    b: c\n',
  'nested sequence on one line': '- - a\n',
  'scalar document': 'hello\n',
  'bad indentation': 'a:\n    b: 1\n  c: 2\n',
  'entry deeper than its siblings': 'a: 1\n  b: 2\n',
  'mapping value on a mapping line': 'a: b: c\n',
  'control character': 'a: b\u0007\n',
  'C1 control character': 'a: b\u0085c\n',
  'lone surrogate': 'a: b\ud800\n',
  'byte order mark': '\ufeffa: 1\n',
  'Helm template': 'metadata:\n  name: {{ .Values.name }}\n',
  'unterminated quote': "a: 'b\n",
  'text after a quoted scalar': "a: 'b' c\n",
  'top level indented': '  a: 1\n',
  'indicator at the start of a value': 'a: @b\nc: `d`\ne: %f\n',
  'sequence entry under a mapping at the same column': 'a: 1\n- b\n',
};

describe('readBlockDocument', () => {
  for (const [name, text] of Object.entries(READ)) {
    test(`reads, as js-yaml does: ${name}`, () => {
      expect(agrees(text)).toBe('read');
    });
  }

  for (const [name, text] of Object.entries(OUTSIDE)) {
    test(`leaves to js-yaml: ${name}`, () => {
      expect(block(text)).toBe(OUTSIDE_SUBSET);
      agrees(text);
    });
  }

  test('nesting too deep for the stack is left to js-yaml, not a crash of the reader', () => {
    const depth = 20_000;
    const text = Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' v\n';
    expect(block(text)).toBe(OUTSIDE_SUBSET);
    expect(block('a:\n  b:\n    c: v\n')).toEqual({ a: { b: { c: 'v' } } });
  });

  test('pins the Kubernetes (YAML 1.1) values, not only agreement', () => {
    expect(block('a: yes\nb: 0400\nc: 2026-12-31\nd: off\ne: 1_000\nf: "yes"\n')).toEqual({ a: true, b: 256, c: '2026-12-31', d: false, e: 1000, f: 'yes' });
    expect(block('on: 1\n0x10: 2\n')).toEqual({ true: 1, 16: 2 });
  });

  test('repeated keys and short values come back as the same values on every read', () => {
    const text = 'a: Always\nb: "80"\nc: 0400\nd: yes\n';
    for (let i = 0; i < 3; i++) expect(block(text)).toEqual({ a: 'Always', b: '80', c: 256, d: true });
  });

  test('property: random block text of tricky pieces agrees with js-yaml or is left to it', () => {
    const key = fc.constantFrom('a', 'b', 'name', 'app.kubernetes.io/name', 'yes', 'on', '0400', '1_0', 'null', '__proto__', 'a b', '"q"', '-x', 'x-');
    const value = fc.constantFrom(
      '', ' 1', ' yes', ' 0400', ' 0x1f', ' .inf', ' ~', " 'it''s'", ' "a\\nb"', ' "\\x41"', ' {}', ' []', ' {a: 1}', ' [1]', ' http://x:1',
      ' a # c', ' a#b', ' |', ' >', ' &a x', ' *a', ' !!str 1', ' - x', ' a: b', ' @x', ' -1', ' --flag', " 'x", ' "x', ' x\ty', ' é', ' # only',
    );
    const line = fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: 6 }), key, value).map(([n, k, v]) => `${' '.repeat(n)}${k}:${v}`),
      fc.tuple(fc.integer({ min: 0, max: 6 }), fc.constantFrom('-', '- ', '- a', '- a: 1', '- - b', "- 'q'", '- {}', '-   k: v', '- # c')).map(([n, s]) => `${' '.repeat(n)}${s}`),
      fc.constantFrom('', '   ', '# c', '    # c', '  more text', '\t'),
    );
    let read = 0;
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 12 }), (lines) => {
        if (agrees(lines.join('\n') + '\n') === 'read') read++;
      }),
      { numRuns: 3000, seed: 8 },
    );
    // The property is not vacuous: a good share of the random texts is in the subset.
    expect(read).toBeGreaterThan(80);
  });

  test('property: random objects as js-yaml and kubectl write them are read, with the values js-yaml gives', () => {
    const scalar = fc.oneof(
      fc.constantFrom('yes', 'off', '0400', '08', '1_000', '0x1F', '1e3', '.inf', 'null', '~', '', ' ', "it's", 'a: b', 'a #b', '#x', '- x', 'é', '2026-01-01', 'a\nb', '"q"'),
      fc.string({ maxLength: 12 }),
      fc.stringMatching(/^[a-z0-9 :#'"\-.,{}[\]]{1,10}$/),
      fc.integer(),
      fc.double({ noNaN: true }),
      fc.boolean(),
      fc.constant(null),
    );
    const key = fc.oneof(
      { arbitrary: fc.constantFrom('a', 'name', 'app.kubernetes.io/name', 'yes', '0400', '1_0', 'y', 'x-y', 'k8s_io', '1', 'on'), weight: 3 },
      { arbitrary: fc.stringMatching(/^[a-z0-9_][a-z0-9_./-]{0,7}$/), weight: 3 },
      { arbitrary: fc.string({ minLength: 1, maxLength: 8 }), weight: 1 },
    );
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, scalar, tie('map'), tie('seq')),
      map: fc.dictionary(key, tie('node'), { minKeys: 1, maxKeys: 5 }),
      seq: fc.array(tie('node'), { maxLength: 4 }),
    }));
    let read = 0;
    fc.assert(
      fc.property(tree.map as fc.Arbitrary<object>, fc.integer({ min: 1, max: 4 }), fc.boolean(), fc.boolean(), (value, indent, flat, dq) => {
        const text = yaml.dump(value, { indent, noArrayIndent: flat, quotingType: dq ? '"' : "'", lineWidth: -1 });
        if (agrees(text) === 'read') read++;
      }),
      { numRuns: 2000, seed: 8 },
    );
    expect(read).toBeGreaterThan(150);
  });
});

function problemsOf(text: string): string[] {
  const problems: ManifestError[] = [];
  const resources = collectManifests(text, 'big.yaml', problems);
  return [...resources.map((r) => `${r.source?.line} ${r.kind} ${r.name}`), ...problems.map((p) => p.message)];
}

describe('the manifest reader on the block reader', () => {
  const deployment = (i: number) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d${i}\n  labels:\n    app: d${i}\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: 'r/i:${i}'\n`;

  function stream(middle: string): string {
    const docs = Array.from({ length: 40 }, (_, i) => deployment(i));
    docs.splice(20, 0, middle);
    return docs.join('---\n');
  }

  test('a big stream: the same documents on the same lines as js-yaml with positions', () => {
    const text = stream('# a comment\nkind: ConfigMap\napiVersion: v1\nmetadata:\n  name: c\ndata:\n  script: |\n    echo hi\n    --flag\n  a: &x 1\n  b: *x\n');
    const spans = documentSpans(text)!;
    // The block reader takes every document but the ConfigMap, which js-yaml reads.
    expect(spans.filter((s) => readBlockDocument(text, s.start, s.end, KUBERNETES_YAML_SCHEMA) === OUTSIDE_SUBSET)).toHaveLength(1);
    const fast = loadManifestStream(text, 'big.yaml');
    const slow = loadYamlStream(text, 'big.yaml');
    expect(fast.documents.map((d) => [d.line, d.value])).toEqual(slow.documents.map((d) => [d.line, d.value]));
    expect(fast.documents).toHaveLength(41);
  });

  test('a syntax error in the middle: the same error, naming the line in the file', () => {
    const text = stream('kind: ConfigMap\nmetadata:\n  name: "unterminated\n');
    const slow = (() => {
      try {
        loadYamlStream(text, 'big.yaml');
      } catch (e) {
        return e as ManifestError;
      }
      throw new Error('js-yaml read it');
    })();
    expect(() => loadManifestStream(text, 'big.yaml')).toThrow(slow.message);
    expect(slow.line).toBeGreaterThan(20 * 12);
    expect(problemsOf(text)).toEqual([slow.message]);
  });

  test('a Helm template in the middle: one problem for the file, as before', () => {
    const text = stream('kind: Service\nmetadata:\n  name: {{ .Values.name }}\n');
    expect(problemsOf(text)).toEqual([expect.stringContaining('unrendered Helm template')]);
    expect(problemsOf(text)[0]).toMatch(/^big\.yaml:\d+: /);
  });

  test('a document that is not an object in the middle: the others are read, the problem names its line', () => {
    const text = stream('- just\n- a list\n');
    const out = problemsOf(text);
    expect(out.filter((s) => s.includes('Deployment'))).toHaveLength(40);
    expect(out[out.length - 1]).toMatch(/^big\.yaml:\d+: not a Kubernetes object: expected a mapping/);
    expect(out).toContain(`${text.split('\n').indexOf('  name: d20') - 2} Deployment d20`);
  });
});
