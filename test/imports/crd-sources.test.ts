import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';

const root = path.join(__dirname, '..', '..');
const sources: { module: string; version: string; files: { path: string; sha256: string }[] }[] =
  JSON.parse(fs.readFileSync(path.join(root, 'crds', 'sources.json'), 'utf8')).sources;

describe('pinned upstream CRDs (crds/)', () => {
  test.each(sources.flatMap((s) => s.files.map((f) => [s.version, f.path, f.sha256])))('%s %s is the upstream file, unchanged', (_v, file, sha256) => {
    expect(createHash('sha256').update(fs.readFileSync(path.join(root, 'crds', file))).digest('hex')).toBe(sha256);
  });

  test('lib/imports has a class for every kind and served version, and none for unserved ones', () => {
    const generated = fs.readdirSync(path.join(root, 'lib', 'imports')).map((f) => fs.readFileSync(path.join(root, 'lib', 'imports', f), 'utf8')).join('\n');
    for (const file of sources.flatMap((s) => s.files.map((f) => f.path))) {
      const crd = yaml.load(fs.readFileSync(path.join(root, 'crds', file), 'utf8')) as any;
      for (const v of crd.spec.versions) {
        const gvk = `apiVersion: '${crd.spec.group}/${v.name}',\n    kind: '${crd.spec.names.kind}',`;
        expect({ file, version: v.name, generated: generated.includes(gvk) }).toEqual({ file, version: v.name, generated: v.served });
      }
    }
  });
});
