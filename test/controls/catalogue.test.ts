import { META_RULES } from '../../lib/check/meta-rules';
import { control, CONTROLS } from '../../lib/controls/catalogue';
import { baaPack } from '../../lib/rules/baa';
import { kubernetesPack } from '../../lib/rules/k8s';

const REQUIRED = [
  '164.308(a)(1)(ii)(D)', '164.308(a)(3)', '164.308(a)(4)', '164.308(a)(5)(ii)(C)', '164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)', '164.308(b)(1)',
  '164.310(d)(2)(iv)',
  '164.312(a)(1)', '164.312(a)(2)(i)', '164.312(a)(2)(iv)', '164.312(b)', '164.312(c)(1)', '164.312(c)(2)', '164.312(d)',
  '164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)',
  '164.314(a)(1)',
  '164.316(b)(2)(i)',
];

const SAFEGUARD_OF_SECTION: Record<string, string> = {
  '164.308': 'administrative',
  '164.310': 'physical',
  '164.312': 'technical',
  '164.314': 'organizational',
  '164.316': 'documentation',
};

describe('controls catalogue', () => {
  test('holds every citation the rules must serve, each with a title, a safeguard and NIST 800-53 controls', () => {
    for (const id of REQUIRED) {
      const c = control(id);
      expect(c.id).toBe(id);
      expect(c.title.length).toBeGreaterThan(3);
      expect(c.nist80053.length).toBeGreaterThan(0);
      for (const n of c.nist80053) expect(n).toMatch(/^[A-Z]{2}-\d+$/);
      expect(c.safeguard).toBe(SAFEGUARD_OF_SECTION[id.slice(0, 7)]);
    }
  });

  test('refuses an unknown citation', () => {
    expect(() => control('164.999(z)')).toThrow("Unknown HIPAA control '164.999(z)'. Known: ");
  });

  test('every rule cites only catalogue controls, and every catalogue control is served by some rule', () => {
    const rules = [...kubernetesPack.rules, ...baaPack.rules, ...META_RULES];
    for (const r of rules) {
      expect(r.controls.length).toBeGreaterThan(0);
      for (const c of r.controls) expect(Object.keys(CONTROLS)).toContain(c);
    }
    const served = new Set(rules.flatMap((r) => r.controls));
    expect(Object.keys(CONTROLS).filter((c) => !served.has(c as any))).toEqual([]);
  });
});
