import { readdirSync } from 'fs';
import { join } from 'path';
import { check } from '../../../../lib/check/engine';
import { fromManifest } from '../../../../lib/check/resource';
import type { Rule } from '../../../../lib/check/rule';
import { CONTROLS } from '../../../../lib/controls/catalogue';
import { namespacePack } from '../../../../lib/rules/k8s/namespace';
import { compliantSet } from '../../../helpers/fixtures';
import { TEST_NOW } from '../../../helpers/rule-test';

const DIR = join(__dirname, '../../../../lib/rules/k8s/namespace');
/** Modules of the folder that are not rules. */
const HELPERS = ['index.ts', 'network-policy.ts'];

describe('namespace pack', () => {
  test('the compliant fixtures pass every rule of the pack', () => {
    const result = check(compliantSet().map((m) => fromManifest(m as Record<string, any>)), namespacePack, { now: TEST_NOW });
    expect(result.findings.map((f) => `${f.ruleId} ${f.resource.kind}/${f.resource.name} ${f.path}: ${f.message}`)).toEqual([]);
    expect(result.passed).toBe(true);
  });

  test('has one rule per file, with the id k8s-<file name>, and every rule file is in the pack', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.ts') && !HELPERS.includes(f)).sort();
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exported = Object.values(require(join(DIR, file))).filter((v): v is Rule => typeof (v as Rule)?.check === 'function');
      expect({ file, ids: exported.map((r) => r.id) }).toEqual({ file, ids: [`k8s-${file.replace(/\.ts$/, '')}`] });
      expect(namespacePack.rules).toContain(exported[0]);
    }
    expect(namespacePack.rules.map((r) => r.id).sort()).toEqual(files.map((f) => `k8s-${f.replace(/\.ts$/, '')}`).sort());
  });

  test('every rule cites controls of the catalogue, names its kinds and says how to fix it', () => {
    for (const rule of namespacePack.rules) {
      expect(rule.controls.length).toBeGreaterThan(0);
      for (const id of rule.controls) expect(Object.keys(CONTROLS)).toContain(id);
      expect(rule.kinds.length).toBeGreaterThan(0);
      expect(rule.title.length).toBeGreaterThan(20);
      expect(rule.description.length).toBeGreaterThan(80);
      expect(rule.fix.length).toBeGreaterThan(20);
    }
  });
});
