import { readdirSync } from 'fs';
import { join } from 'path';
import { compliantExposure } from './fixtures';
import { check } from '../../../../lib/check/engine';
import { fromManifest } from '../../../../lib/check/resource';
import type { Rule, RulePack } from '../../../../lib/check/rule';
import { CONTROLS } from '../../../../lib/controls/catalogue';
import { kubernetesPack } from '../../../../lib/rules/k8s';
import { exposurePack } from '../../../../lib/rules/k8s/exposure';
import { compliantSet } from '../../../helpers/fixtures';
import { TEST_NOW } from '../../../helpers/rule-test';

const DIR = join(__dirname, '../../../../lib/rules/k8s/exposure');
/** Modules of the folder that are not rules. */
const HELPERS = ['index.ts', 'phi.ts'];

function findings(pack: RulePack, manifests: object[]): string[] {
  const result = check(manifests.map((m) => fromManifest(m as Record<string, any>)), pack, { now: TEST_NOW });
  return result.findings.map((f) => `${f.ruleId} ${f.resource.kind}/${f.resource.name} ${f.path}: ${f.message}`);
}

describe('exposure pack', () => {
  test('the compliant fixtures, with a ClusterIP Service and a TLS Ingress, pass every rule of the pack', () => {
    expect(findings(exposurePack, [...compliantSet(), ...compliantExposure()])).toEqual([]);
  });

  test('the compliant Service and Ingress pass the whole Kubernetes pack', () => {
    expect(findings(kubernetesPack, [...compliantSet(), ...compliantExposure()])).toEqual([]);
  });

  test('has one rule per file, with the id k8s-<file name>, and every rule file is in the pack', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.ts') && !HELPERS.includes(f)).sort();
    expect(files.length).toBe(exposurePack.rules.length);
    for (const file of files) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const rules = Object.values(require(join(DIR, file))).filter((v): v is Rule => typeof (v as Rule)?.check === 'function');
      expect({ file, ids: rules.map((r) => r.id) }).toEqual({ file, ids: [`k8s-${file.slice(0, -3)}`] });
      expect(exposurePack.rules).toContain(rules[0]);
    }
  });

  test('every rule cites controls of the catalogue, names its kinds and says how to fix it', () => {
    for (const rule of exposurePack.rules) {
      expect(rule.controls.length).toBeGreaterThan(0);
      for (const id of rule.controls) expect(Object.keys(CONTROLS)).toContain(id);
      expect(rule.kinds.length).toBeGreaterThan(0);
      expect(rule.fix.length).toBeGreaterThan(20);
      expect(rule.description.length).toBeGreaterThan(80);
    }
  });
});
