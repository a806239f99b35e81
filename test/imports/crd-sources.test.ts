import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { CRD_DIR, importsVersion, pinnedCrds, pinnedSources } from '../../scripts/pinned-crds';

const root = path.join(__dirname, '..', '..');

describe('pinned upstream CRDs (crds/)', () => {
  test.each(pinnedSources().flatMap((s) => s.files.map((f) => [s.version, f.path, f.sha256])))('%s %s is the upstream file, unchanged', (_v, file, sha256) => {
    expect(createHash('sha256').update(fs.readFileSync(path.join(CRD_DIR, file))).digest('hex')).toBe(sha256);
  });

  test('every pinned file defines one CRD, of the group its name says', () => {
    for (const { file, crd } of pinnedCrds()) expect({ file: file.path, group: file.path.split('_')[0] }).toEqual({ file: file.path, group: crd.spec.group });
  });

  test('lib/imports has a class for every kind and imported served version, and none for the others', () => {
    const generated = fs.readdirSync(path.join(root, 'lib', 'imports')).map((f) => fs.readFileSync(path.join(root, 'lib', 'imports', f), 'utf8')).join('\n');
    for (const pinned of pinnedCrds()) {
      const { file, crd } = pinned;
      for (const v of crd.spec.versions) {
        const gvk = `apiVersion: '${crd.spec.group}/${v.name}',\n    kind: '${crd.spec.names.kind}',`;
        const where = { file: file.path, version: v.name };
        expect({ ...where, generated: generated.includes(gvk) }).toEqual({ ...where, generated: importsVersion(pinned, v) });
      }
    }
  });
});
