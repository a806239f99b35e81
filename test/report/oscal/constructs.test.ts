import * as fs from 'fs';
import * as path from 'path';
import { OSCAL_CONSTRUCTS } from '../../../lib/report/oscal/constructs';

const LIB = path.join(__dirname, '..', '..', '..', 'lib');

/**
 * The construct classes an entry point exports, read from the sources (loading the entry would load
 * cdk8s or Pulumi): `export class X extends <a construct base>` in the modules it re-exports.
 */
function exportedConstructs(entry: 'cdk8s' | 'pulumi' | 'docker'): string[] {
  const index = fs.readFileSync(path.join(LIB, entry, 'index.ts'), 'utf8');
  const names: string[] = [];
  for (const m of index.matchAll(/^export (\*|\{([^}]*)\}) from '\.\/([^']+)';/gm)) {
    if (m[0].startsWith('export type')) continue;
    const text = fs.readFileSync(path.join(LIB, entry, `${m[3]}.ts`), 'utf8');
    const picked = m[2]?.split(',').map((s) => s.trim());
    for (const c of text.matchAll(/^export class (\w+)\b.*? extends (Construct|kplus\.\w+|pulumi\.ComponentResource|DockerArtifact)\b/gm)) {
      if (!picked || picked.includes(c[1])) names.push(c[1]);
    }
  }
  return names.sort();
}

describe('OSCAL_CONSTRUCTS', () => {
  test.each(['cdk8s', 'pulumi', 'docker'] as const)('lists exactly the construct classes hipaa-constructs/%s exports', (entry) => {
    const listed = OSCAL_CONSTRUCTS.filter((c) => c.entryPoint === `hipaa-constructs/${entry}`).map((c) => c.name).sort();
    expect(listed).toEqual(exportedConstructs(entry));
  });

  test('names are unique and every construct says what it is', () => {
    expect(new Set(OSCAL_CONSTRUCTS.map((c) => c.name)).size).toBe(OSCAL_CONSTRUCTS.length);
    for (const c of OSCAL_CONSTRUCTS) expect(c.description).toMatch(/^\S.*\.$/);
  });
});
