import { readdirSync } from 'fs';
import { join } from 'path';
import { CONTROLS } from '../../../../lib/controls/catalogue';
import { backupPack } from '../../../../lib/rules/aws/backup';

const dir = join(__dirname, '../../../../lib/rules/aws/backup');

test('the backup pack: one rule per file, id aws-<file name>, each described, cited and tested', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.replace(/\.ts$/, ''));
  expect(backupPack.rules.map((r) => r.id).sort()).toEqual(files.map((f) => `aws-${f}`).sort());
  for (const rule of backupPack.rules) {
    expect(rule.title.length).toBeGreaterThan(20);
    expect(rule.description.length).toBeGreaterThan(80);
    expect(rule.fix.length).toBeGreaterThan(20);
    expect(rule.controls.length).toBeGreaterThan(0);
    for (const c of rule.controls) expect(Object.keys(CONTROLS)).toContain(c);
    expect(readdirSync(join(__dirname))).toContain(`${rule.id.replace(/^aws-/, '')}.test.ts`);
  }
});
