import * as fs from 'fs';
import { OUTPUT, renderRulesDoc } from '../../scripts/rules-doc';

test('RULES.md is what the rule packs say (run `npx projen docgen` after changing a rule)', () => {
  expect(fs.readFileSync(OUTPUT, 'utf8')).toBe(renderRulesDoc());
});
