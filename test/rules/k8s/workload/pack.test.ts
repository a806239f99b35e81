import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { check } from '../../../../lib/check/engine';
import { fromManifest } from '../../../../lib/check/resource';
import { control } from '../../../../lib/controls/catalogue';
import { workloadPack } from '../../../../lib/rules/k8s/workload';
import { compliantSet } from '../../../helpers/fixtures';
import { WORKLOAD_KINDS, workloadOfKind } from '../../../helpers/workloads';

const DIR = join(__dirname, '../../../../lib/rules/k8s/workload');
/** Modules in the folder that are shared helpers, not rules. */
const HELPERS = ['index.ts', 'image-reference.ts', 'probes.ts', 'service-account.ts'];

describe('workloadPack', () => {
  test('the compliant fixtures pass every workload rule', () => {
    const result = check(compliantSet().map((m) => fromManifest(m as Record<string, any>)), workloadPack);
    expect(result.findings.map((f) => `${f.ruleId} ${f.resource.kind} ${f.path}: ${f.message}`)).toEqual([]);
  });

  test.each(WORKLOAD_KINDS)('the compliant pod passes every workload rule as a %s', (kind) => {
    const obj = workloadOfKind(kind);
    obj.metadata.name = `api-${kind.toLowerCase()}`;
    const objects = [...compliantSet(), obj].map((m) => fromManifest(m as Record<string, any>));
    const result = check(objects, workloadPack);
    expect(result.resourceCount).toBe(compliantSet().length + 1);
    const found = result.findings.filter((f) => f.resource.name === obj.metadata.name);
    expect(found.map((f) => `${f.ruleId} ${f.path}: ${f.message}`)).toEqual([]);
  });

  test('every rule file holds one rule whose id is k8s-<file name>, and every rule is in the pack', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.ts') && !HELPERS.includes(f));
    const ids = workloadPack.rules.map((r) => r.id);
    expect(ids.slice().sort()).toEqual(files.map((f) => `k8s-${f.replace(/\.ts$/, '')}`).sort());
    for (const file of files) {
      const source = readFileSync(join(DIR, file), 'utf8');
      expect(source.match(/\bid: '/g)).toHaveLength(1);
      expect(source).toContain(`id: 'k8s-${file.replace(/\.ts$/, '')}'`);
    }
  });

  test('rule ids are unique and every rule is fully described', () => {
    const ids = workloadPack.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of workloadPack.rules) {
      expect(rule.title.length).toBeGreaterThan(10);
      expect(rule.description.length).toBeGreaterThan(80);
      expect(rule.fix.length).toBeGreaterThan(20);
      expect(rule.kinds.length).toBeGreaterThan(0);
      expect(rule.controls.length).toBeGreaterThan(0);
      for (const c of rule.controls) expect(() => control(c)).not.toThrow();
    }
  });
});
