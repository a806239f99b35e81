import { readdirSync } from 'fs';
import { join } from 'path';
import { check } from '../../../../lib/check/engine';
import { fromManifest } from '../../../../lib/check/resource';
import type { Rule, RulePack } from '../../../../lib/check/rule';
import { CONTROLS } from '../../../../lib/controls/catalogue';
import { kubernetesPack } from '../../../../lib/rules/k8s';
import { rbacPack } from '../../../../lib/rules/k8s/rbac';
import { compliantSet } from '../../../helpers/fixtures';
import { compliantRbac } from '../../../helpers/rbac-fixtures';
import { TEST_NOW } from '../../../helpers/rule-test';

const DIR = join(__dirname, '../../../../lib/rules/k8s/rbac');
/** Modules of the folder that are not rules. */
const HELPERS = ['index.ts', 'policy.ts'];

function findings(pack: RulePack, manifests: object[]): string[] {
  const result = check(manifests.map((m) => fromManifest(m as Record<string, any>)), pack, { now: TEST_NOW });
  return result.findings.map((f) => `${f.ruleId} ${f.resource.kind}/${f.resource.name} ${f.path}: ${f.message}`);
}

describe('rbac pack', () => {
  test('the compliant fixtures and the compliant Role and RoleBinding pass every rule of the pack', () => {
    expect(findings(rbacPack, [...compliantSet(), ...compliantRbac()])).toEqual([]);
  });

  test('the compliant Role and RoleBinding pass the whole Kubernetes pack', () => {
    expect(findings(kubernetesPack, [...compliantSet(), ...compliantRbac()])).toEqual([]);
  });

  test('has one rule per file, with the id k8s-<file name>, and every rule file is in the pack', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.ts') && !HELPERS.includes(f)).sort();
    expect(files.length).toBe(rbacPack.rules.length);
    for (const file of files) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const rules = Object.values(require(join(DIR, file))).filter((v): v is Rule => typeof (v as Rule)?.check === 'function');
      expect({ file, ids: rules.map((r) => r.id) }).toEqual({ file, ids: [`k8s-${file.slice(0, -3)}`] });
      expect(rbacPack.rules).toContain(rules[0]);
    }
  });

  test('every rule cites controls of the catalogue, names its kinds and says how to fix it', () => {
    for (const rule of rbacPack.rules) {
      expect(rule.controls.length).toBeGreaterThan(0);
      for (const id of rule.controls) expect(Object.keys(CONTROLS)).toContain(id);
      expect(rule.kinds.length).toBeGreaterThan(0);
      expect(rule.fix.length).toBeGreaterThan(20);
      expect(rule.description.length).toBeGreaterThan(80);
    }
  });
});
