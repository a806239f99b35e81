/**
 * The manifest reader's fast path (document lines from a scan for `---`, no per-node listener)
 * gives the same documents on the same lines as the parser's own positions.
 */
import * as fc from 'fast-check';
import { loadManifestStream, loadYamlStream } from '../../lib/check/manifests';
import { documentLines } from '../../lib/check/yaml-document-lines';

function same(text: string): void {
  const slow = loadYamlStream(text, 'x.yaml');
  const fast = loadManifestStream(text, 'x.yaml');
  expect(fast.documents.map((d) => [d.line, d.value])).toEqual(slow.documents.map((d) => [d.line, d.value]));
}

const CASES: Record<string, string> = {
  'plain stream': 'a: 1\n---\nb: 2\n',
  'leading comments and blank lines': '# c\n\n# d\na: 1\n---\n\n# e\n\nb: 2\n',
  'explicit first document': '---\na: 1\n---\nb: 2\n',
  'comment-only first part': '# header\n---\na: 1\n',
  'content on the marker line': '--- {a: 1}\n--- # comment\nb: 2\n',
  'empty documents': '---\n---\na: 1\n---\n---\n',
  'trailing marker': 'a: 1\n---\n',
  'null and scalar documents': 'a: 1\n---\nnull\n---\n~\n---\nb: 2\n',
  'block scalar holding text like a marker': 'a: |\n  ---x\n  --- y\n  text\n---\nb: 2\n',
  'CRLF line ends': 'a: 1\r\n---\r\n# c\r\nb: 2\r\n',
  'byte order mark': '\ufeffa: 1\n---\nb: 2\n',
  'indented dashes are content': 'a:\n  - x\n  - ---\n  - "---"\nb: "---"\n',
  'document end marker (slow path)': 'a: 1\n...\n---\nb: 2\n',
  'directive (slow path)': '%YAML 1.1\n---\na: 1\n',
  'JSON': '{\n  "kind": "ConfigMap",\n  "metadata": {"name": "a"}\n}\n',
  'flow sequence document': '[1, 2]\n---\na: 1\n',
  'List (slow path, item lines)': 'kind: List\nitems:\n- kind: A\n- kind: B\n',
  'tabs and spaces': 'a: 1\n---\t\n \t\nb: 2\n',
};

describe('documentLines and the fast manifest stream', () => {
  for (const [name, text] of Object.entries(CASES)) {
    test(`same documents and lines as the parser: ${name}`, () => same(text));
  }

  test('leaves `...` and directives to the parser', () => {
    expect(documentLines('a: 1\n...\n')).toBeUndefined();
    expect(documentLines('%YAML 1.1\n---\na: 1\n')).toBeUndefined();
    expect(documentLines('a: 1\n---\nb: 2\n')).toEqual([1, 3]);
  });

  test('property: random streams of mappings, comments, blank lines and markers', () => {
    const line = fc.constantFrom('a: 1', 'b: [1, 2]', 'c:', '  - x', '# comment', '', '---', '--- # c', '--- {k: v}', 'd: |', '  text', '  ---x', 'e: "s"', '  ', 'null');
    fc.assert(
      fc.property(fc.array(line, { maxLength: 25 }), fc.boolean(), (lines, crlf) => {
        const text = lines.join(crlf ? '\r\n' : '\n') + '\n';
        let slow;
        try {
          slow = loadYamlStream(text, 'x.yaml');
        } catch {
          expect(() => loadManifestStream(text, 'x.yaml')).toThrow();
          return;
        }
        const fast = loadManifestStream(text, 'x.yaml');
        expect(fast.documents.map((d) => [d.line, d.value])).toEqual(slow.documents.map((d) => [d.line, d.value]));
      }),
      { numRuns: 500 },
    );
  });
});
