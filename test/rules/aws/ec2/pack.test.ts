import * as fs from 'fs';
import * as path from 'path';
import { CONTROLS } from '../../../../lib/controls/catalogue';
import { ec2Pack } from '../../../../lib/rules/aws/ec2';

const DIR = path.join(__dirname, '../../../../lib/rules/aws/ec2');

describe('aws-ec2 pack', () => {
  test('one rule per file, id aws-<file name>, each with a test file', () => {
    const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.replace(/\.ts$/, '')).sort();
    expect(ec2Pack.rules.map((r) => r.id.replace(/^aws-/, '')).sort()).toEqual(files);
    for (const f of files) expect(fs.existsSync(path.join(__dirname, `${f}.test.ts`))).toBe(true);
  });

  test('every rule is described, cited from the catalogue and applies to Pulumi types', () => {
    for (const r of ec2Pack.rules) {
      const described = [r.title.length > 10, r.description.length > 80, r.fix.length > 10, r.controls.length > 0];
      expect([r.id, ...described]).toEqual([r.id, true, true, true, true]);
      for (const c of r.controls) expect(CONTROLS[c]).toBeDefined();
      for (const k of r.kinds) expect(k).toMatch(/^aws:[a-z0-9]+\/[A-Za-z0-9]+:[A-Za-z0-9]+$/);
    }
  });
});
