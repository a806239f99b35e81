import { readdirSync } from 'fs';
import { join } from 'path';
import { CONTROLS } from '../../../../lib/controls/catalogue';
import { secretsPack } from '../../../../lib/rules/aws/secrets';

const dir = join(__dirname, '../../../../lib/rules/aws/secrets');

test('the secrets pack: one rule per file, id aws-<file name>, each described, cited and tested', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.replace(/\.ts$/, ''));
  expect(secretsPack.rules.map((r) => r.id).sort()).toEqual(files.map((f) => `aws-${f}`).sort());
  for (const rule of secretsPack.rules) {
    expect(rule.title.length).toBeGreaterThan(20);
    expect(rule.description.length).toBeGreaterThan(80);
    expect(rule.fix.length).toBeGreaterThan(20);
    expect(rule.controls.length).toBeGreaterThan(0);
    for (const c of rule.controls) expect(Object.keys(CONTROLS)).toContain(c);
    expect(rule.kinds).toEqual(['aws:secretsmanager/secret:Secret']);
    expect(readdirSync(join(__dirname))).toContain(`${rule.id.replace(/^aws-/, '')}.test.ts`);
  }
});
