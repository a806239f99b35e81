import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  listManifestFiles,
  loadYamlStream,
  ManifestError,
  parseManifests,
  readManifestFile,
  readManifests,
  readManifestSet,
} from '../../lib/check/manifests';

/** `kind name file:line` of each object, the shape most assertions compare. */
function summary(text: string, file = 'app.yaml'): string[] {
  return parseManifests(text, file).map((r) => `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name} ${r.source?.file}:${r.source?.line}`);
}

function errorOf(fn: () => unknown): ManifestError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ManifestError) return e;
    throw e;
  }
  throw new Error('expected a ManifestError, got none');
}

describe('parseManifests', () => {
  test('reads every document of a multi-document stream with the line its content starts on', () => {
    const text = [
      '# leading comment', //                          1
      'apiVersion: v1', //                             2
      'kind: Namespace', //                            3
      'metadata: {name: clinic}', //                   4
      '---', //                                        5
      '# a comment before the object', //              6
      '', //                                           7
      'apiVersion: apps/v1', //                        8
      'kind: Deployment', //                           9
      'metadata:', //                                 10
      '  name: api', //                               11
      '  namespace: clinic', //                       12
      '--- {apiVersion: v1, kind: ConfigMap, metadata: {name: inline}}', // 13
      '',
    ].join('\n');
    expect(summary(text)).toEqual(['Namespace clinic app.yaml:2', 'Deployment clinic/api app.yaml:8', 'ConfigMap inline app.yaml:13']);
  });

  test('keeps the object itself as the body, with apiVersion, name and namespace lifted out', () => {
    const [r] = parseManifests('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: clinic}\nspec: {replicas: 2}\n', 'd.yaml');
    expect(r).toEqual({
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      name: 'api',
      namespace: 'clinic',
      body: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'clinic' }, spec: { replicas: 2 } },
      source: { file: 'd.yaml', line: 1 },
    });
  });

  test('skips empty documents, comment-only documents and explicit nulls', () => {
    const text = '---\n---\n# only a comment\n---\nkind: A\nmetadata: {name: a}\n---\n~\n---\n\n...\n';
    expect(summary(text)).toEqual(['A a app.yaml:5']);
    expect(parseManifests('', 'empty.yaml')).toEqual([]);
    expect(parseManifests('# nothing here\n', 'empty.yaml')).toEqual([]);
  });

  test('expands kind: List into its items, each with its own line', () => {
    const text = [
      'apiVersion: v1', //               1
      'kind: List', //                   2
      'items:', //                       3
      '- apiVersion: v1', //             4
      '  kind: ServiceAccount', //       5
      '  metadata: {name: api, namespace: clinic}', // 6
      '-', //                            7
      '  apiVersion: v1', //             8
      '  kind: Service', //              9
      '  metadata: {name: api, namespace: clinic}', // 10
      '---', //                          11
      'kind: List', //                   12
      'items: []', //                    13
      '',
    ].join('\n');
    expect(summary(text)).toEqual(['ServiceAccount clinic/api app.yaml:4', 'Service clinic/api app.yaml:8']);
  });

  test('expands nested Lists', () => {
    const text = 'kind: List\nitems:\n- kind: List\n  items:\n  - kind: A\n    metadata: {name: a}\n';
    expect(summary(text)).toEqual(['A a app.yaml:5']);
  });

  test('expands API list kinds (DeploymentList) and gives their items the kind and apiVersion they leave off', () => {
    const text = 'apiVersion: apps/v1\nkind: DeploymentList\nitems:\n- metadata: {name: api}\n  spec: {}\n';
    const [r] = parseManifests(text, 'list.yaml');
    expect(r.kind).toBe('Deployment');
    expect(r.apiVersion).toBe('apps/v1');
    expect(r.source).toEqual({ file: 'list.yaml', line: 4 });
  });

  test('does not take a kind ending in List for a list when it has no items list', () => {
    const text = 'apiVersion: example.com/v1\nkind: AllowList\nmetadata: {name: a}\nspec: {items: [x]}\n';
    expect(summary(text)).toEqual(['AllowList a app.yaml:1']);
  });

  test('reads JSON: an object, and a List with the line of each item', () => {
    const single = JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'clinic' } }, null, 2);
    expect(summary(single, 'ns.json')).toEqual(['Namespace clinic ns.json:1']);
    const list = JSON.stringify(
      { apiVersion: 'v1', kind: 'List', items: [{ kind: 'A', metadata: { name: 'a' } }, { kind: 'B', metadata: { name: 'b' } }] },
      null,
      '\t',
    );
    // Tab-indented, as some tools write it; items open on lines 5 and 11.
    expect(summary(list, 'list.json')).toEqual(['A a list.json:5', 'B b list.json:11']);
  });

  test('reads JSON strings with escapes exactly as JSON.parse does', () => {
    const body = { kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'tab\there "quoted" \\ \u00e9 \u2028 /', b: '0400', c: 'yes' } };
    const [r] = parseManifests(JSON.stringify(body).replace('/', '\\/'), 'c.json');
    expect(r.body).toEqual(body);
  });

  test('reads plain scalars the way Kubernetes (YAML 1.1) does', () => {
    const text = [
      'kind: ConfigMap',
      'metadata: {name: c}',
      'data:',
      '  yes: yes', //       keys resolve too: this one is "true"
      '  no: n', //          and this one "false"
      '  onv: On',
      '  offv: OFF',
      '  octal: 0400', //    256, as the API server reads defaultMode: 0400
      '  octal0o: 0o644',
      '  hex: 0x1F',
      '  bin: 0b101',
      '  under: 1_000',
      '  neg: -012',
      '  float: 1.5e3',
      '  eight: 08', //      not octal: a float, 8
      '  inf: .inf',
      '  date: 2026-12-31', // stays a string (timestamps are not decoded)
      '  quoted: "yes"',
      '  tilde: ~',
      '  word: yess',
      '  version: 1.28',
      '',
    ].join('\n');
    const [r] = parseManifests(text, 'c.yaml');
    expect(r.body.data).toEqual({
      true: true,
      false: false,
      onv: true,
      offv: false,
      octal: 256,
      octal0o: 420,
      hex: 31,
      bin: 5,
      under: 1000,
      neg: -10,
      float: 1500,
      eight: 8,
      inf: Infinity,
      date: '2026-12-31',
      quoted: 'yes',
      tilde: null,
      word: 'yess',
      version: 1.28,
    });
  });

  test('resolves anchors, aliases and merge keys', () => {
    const text = [
      'kind: ConfigMap',
      'metadata: {name: c}',
      'data:',
      '  base: &base {a: "1", b: "2"}',
      '  merged:',
      '    <<: *base',
      '    b: "3"',
      '',
    ].join('\n');
    expect(parseManifests(text, 'm.yaml')[0].body.data.merged).toEqual({ a: '1', b: '3' });
  });

  test('reads security fields written as YAML 1.1 booleans as booleans (no bypass with privileged: yes)', () => {
    const text = 'kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    securityContext: {privileged: yes, runAsNonRoot: Off}\n';
    const [r] = parseManifests(text, 'p.yaml');
    expect(r.body.spec.containers[0].securityContext).toEqual({ privileged: true, runAsNonRoot: false });
  });

  test('refuses a document that is not a mapping, naming file and line', () => {
    const e = errorOf(() => parseManifests('kind: A\nmetadata: {name: a}\n---\n\n- kind: B\n- kind: C\n', 'stack.yaml'));
    expect(e.file).toBe('stack.yaml');
    expect(e.line).toBe(5);
    expect(e.message).toBe(
      "stack.yaml:5: not a Kubernetes object: expected a mapping with 'apiVersion' and 'kind', got a list; " +
        "to give several objects, separate documents with '---' or use 'kind: List' with 'items'",
    );
    expect(errorOf(() => parseManifests('kind: A\n---\njust a string\n', 'x.yaml')).message).toBe(
      'x.yaml:3: not a Kubernetes object: expected a mapping with \'apiVersion\' and \'kind\', got a string ("just a string")',
    );
    expect(errorOf(() => parseManifests('42\n', 'n.json')).message).toBe(
      "n.json:1: not a Kubernetes object: expected a mapping with 'apiVersion' and 'kind', got a number (42)",
    );
  });

  test('refuses an object without a kind', () => {
    expect(errorOf(() => parseManifests('---\napiVersion: v1\nmetadata: {name: a}\n', 'nokind.yaml')).message).toBe(
      "nokind.yaml:2: not a Kubernetes object: it has no 'kind'",
    );
    expect(errorOf(() => parseManifests('kind: 3\n', 'k.yaml')).message).toBe("k.yaml:1: not a Kubernetes object: it has no 'kind' (got 3)");
  });

  test('refuses a List item that is not an object, naming the item and its line', () => {
    const text = 'kind: List\nitems:\n- kind: A\n  metadata: {name: a}\n- metadata: {name: b}\n';
    expect(errorOf(() => parseManifests(text, 'l.yaml')).message).toBe("l.yaml:5: item 1 of the List: not a Kubernetes object: it has no 'kind'");
    expect(errorOf(() => parseManifests('kind: List\nitems:\n- 3\n', 'l.yaml')).message).toBe(
      "l.yaml:1: item 0 of the List: not a Kubernetes object: expected a mapping with 'apiVersion' and 'kind', got a number (3)",
    );
    expect(errorOf(() => parseManifests('kind: List\nitems: {a: 1}\n', 'l.yaml')).message).toBe("l.yaml:1: 'items' of a List must be a list, got object");
  });

  test('reports a YAML syntax error with its line', () => {
    const e = errorOf(() => parseManifests('kind: A\nmetadata:\n  name: a\n---\nkind: B\nmetadata: {name: [b\n', 'bad.yaml'));
    expect(e.message).toMatch(/^bad\.yaml:7: not valid YAML: /);
    expect(errorOf(() => parseManifests('kind: A\nkind: B\n', 'dup.yaml')).message).toBe('dup.yaml:2: not valid YAML: duplicated mapping key');
    expect(errorOf(() => parseManifests('{\n  "kind": "A"\n  "metadata": {}\n}\n', 'bad.json')).message).toBe(
      'bad.json:3: not valid JSON: missed comma between flow collection entries',
    );
  });

  test('uses <input> as the file name when none is given', () => {
    expect(parseManifests('kind: A\nmetadata: {name: a}\n')[0].source).toEqual({ file: '<input>', line: 1 });
  });
});

describe('loadYamlStream', () => {
  test('gives the line where each collection starts', () => {
    const text = '- a: 1\n  b:\n    c: {d: 1}\n- x: 2\n';
    const stream = loadYamlStream(text, 'w.yaml');
    const list = stream.documents[0].value as any[];
    expect(stream.documents[0].line).toBe(1);
    expect(stream.lineOf(list[0])).toBe(1);
    expect(stream.lineOf(list[1])).toBe(4);
    expect(stream.lineOf(list[0].b)).toBe(2);
    expect(stream.lineOf(list[0].b.c)).toBe(3);
  });
});

describe('files and directories', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-manifests-'));
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    };
    write('b.yaml', 'kind: B\nmetadata: {name: b}\n');
    write('a.yml', 'kind: A\nmetadata: {name: a}\n---\nkind: A\nmetadata: {name: a2}\n');
    write('sub/c.json', '{"kind": "C", "metadata": {"name": "c"}}');
    write('sub/deeper/d.YAML', 'kind: D\nmetadata: {name: d}\n');
    write('README.md', '# not a manifest');
    write('.github/workflow.yml', 'on: push\n');
    write('node_modules/pkg/x.yaml', 'not: a manifest\n');
    write('notes.txt', 'kind: T\nmetadata: {name: t}\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('walks a directory recursively for .yaml/.yml/.json, sorted, skipping dot-entries and node_modules', () => {
    expect(listManifestFiles(['.'], dir)).toEqual(['a.yml', 'b.yaml', path.join('sub', 'c.json'), path.join('sub', 'deeper', 'd.YAML')]);
  });

  test('skips tool configuration by name and JSON/YAML holding nothing like a manifest, naming them; a file given by name is read', () => {
    const write = (rel: string, text: string) => fs.writeFileSync(path.join(dir, rel), text);
    write('package.json', '{"name": "app", "version": "1.0.0"}');
    write('tsconfig.build.json', '{ // comments: not JSON\n "compilerOptions": {} }');
    write('openapi.yaml', 'openapi: 3.0.0\ninfo: {title: api}\n');
    write('typo.yaml', 'apiVersion: v1\nKind: ConfigMap\nmetadata: {name: x}\n');
    const set = readManifestSet(['.'], { cwd: dir });
    expect(set.skipped).toEqual(['openapi.yaml', 'package.json', 'tsconfig.build.json']);
    expect(set.inputs.map((i) => i.file)).not.toContain('openapi.yaml');
    // A manifest with a misspelt key is still a problem: it has apiVersion and metadata.
    expect(set.problems.map((p) => p.message)).toEqual([expect.stringContaining("typo.yaml:1: not a Kubernetes object: it has no 'kind'")]);
    const named = readManifestSet(['package.json'], { cwd: dir });
    expect([named.skipped, named.problems.map((p) => p.message)]).toEqual([[], [expect.stringContaining("package.json:1: not a Kubernetes object: it has no 'kind'")]]);
  });

  test('reads objects in a deterministic order with the file they came from', () => {
    const names = readManifests(['.'], dir).map((r) => `${r.name} ${r.source?.file}:${r.source?.line}`);
    expect(names).toEqual(['a a.yml:1', 'a2 a.yml:4', 'b b.yaml:1', `c ${path.join('sub', 'c.json')}:1`, `d ${path.join('sub', 'deeper', 'd.YAML')}:1`]);
  });

  test('takes a file named explicitly whatever its extension, and reads a path given twice once', () => {
    expect(listManifestFiles(['notes.txt', 'b.yaml', '.', './b.yaml'], dir)).toEqual([
      'notes.txt',
      'b.yaml',
      'a.yml',
      path.join('sub', 'c.json'),
      path.join('sub', 'deeper', 'd.YAML'),
    ]);
    expect(readManifestFile('notes.txt', dir).map((r) => r.kind)).toEqual(['T']);
  });

  test('resolves relative paths against the given directory and keeps them as given in sources', () => {
    const abs = path.join(dir, 'sub');
    expect(readManifests([abs]).map((r) => r.source?.file)).toEqual([path.join(abs, 'c.json'), path.join(abs, 'deeper', 'd.YAML')]);
  });

  test('refuses a path that does not exist and a directory with no manifest', () => {
    expect(errorOf(() => readManifests(['missing.yaml'], dir)).message).toBe('missing.yaml: cannot read it (no such file or directory)');
    fs.mkdirSync(path.join(dir, 'empty'));
    expect(errorOf(() => readManifests(['empty'], dir)).message).toBe('empty: no .yaml/.yml/.json files, Dockerfiles, Compose files or daemon.json in this directory');
  });

  test('names the file of a parse error found while reading a directory', () => {
    fs.writeFileSync(path.join(dir, 'sub', 'bad.yaml'), 'kind: A\nmetadata: {name: a}\n---\n- 1\n');
    expect(errorOf(() => readManifests(['.'], dir)).message).toMatch(new RegExp(`^${path.join('sub', 'bad.yaml').replace(/\\/g, '\\\\')}:4: not a Kubernetes object`));
  });

  test('follows symbolic links without looping, and reads a file reached twice once', () => {
    fs.symlinkSync(dir, path.join(dir, 'sub', 'loop'));
    fs.symlinkSync(path.join(dir, 'b.yaml'), path.join(dir, 'sub', 'link.yaml'));
    expect(listManifestFiles(['sub'], dir)).toEqual([
      path.join('sub', 'c.json'),
      path.join('sub', 'deeper', 'd.YAML'),
      path.join('sub', 'link.yaml'),
      path.join('sub', 'loop', 'a.yml'), // sub/loop/b.yaml is b.yaml, already read as sub/link.yaml
    ]);
  });
});
