import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { oscalErrors } from './oscal-schema';
import { CONTROLS } from '../../../lib/controls/catalogue';
import { COMPONENT_DEFINITION_DATE, renderOscalComponentDefinition, toOscalComponentDefinition } from '../../../lib/report/oscal/component-definition';
import { awsPack } from '../../../lib/rules/aws';
import { kubernetesPack } from '../../../lib/rules/k8s';

const ROOT = path.join(__dirname, '..', '..', '..');
const cd = () => (toOscalComponentDefinition({ version: '1.2.3' }) as any)['component-definition'];

describe('toOscalComponentDefinition', () => {
  test('is a valid OSCAL 1.2.1 component definition', () => {
    expect(oscalErrors('component', toOscalComponentDefinition())).toEqual([]);
  });

  test('is deterministic: a fixed date, the package version, the same UUIDs on every call', () => {
    const doc = cd();
    expect(doc.metadata).toMatchObject({ 'last-modified': COMPONENT_DEFINITION_DATE, 'version': '1.2.3', 'oscal-version': '1.2.1' });
    expect(renderOscalComponentDefinition({ version: '1.2.3' })).toEqual(renderOscalComponentDefinition({ version: '1.2.3' }));
    const uuids = JSON.stringify(doc).match(/[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/g)!;
    // Every uuid (but the references back to one) is unique.
    expect(new Set(uuids).size).toBe(uuids.length);
    // A new version is a new document, with the same components.
    const next = (toOscalComponentDefinition({ version: '1.2.4' }) as any)['component-definition'];
    expect(next.uuid).not.toBe(doc.uuid);
    expect(next.components.map((c: any) => c.uuid)).toEqual(doc.components.map((c: any) => c.uuid));
  });

  test('a validation component per rule pack, with trestle rule props and implemented requirements per NIST control', () => {
    const doc = cd();
    expect(doc.components.filter((c: any) => c.type === 'validation').map((c: any) => c.title)).toEqual([
      'hipaa-check rule pack: kubernetes', 'hipaa-check rule pack: aws', 'hipaa-check rule pack: docker', 'hipaa-check rule pack: baa',
    ]);
    const k8s = doc.components.find((c: any) => c.title === 'hipaa-check rule pack: kubernetes');
    const ruleIds = k8s.props.filter((p: any) => p.name === 'Rule_Id').map((p: any) => p.value);
    expect(ruleIds).toEqual(kubernetesPack.rules.map((r) => r.id));
    expect(k8s.props.filter((p: any) => p.name === 'Check_Id').length).toBe(kubernetesPack.rules.length);
    const impl = k8s['control-implementations'][0];
    expect(impl.source).toBe('https://raw.githubusercontent.com/usnistgov/oscal-content/main/nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_catalog.json');
    // SC-28 relates to 164.312(a)(2)(iv) and 164.312(c)(1): both citations, their rules, what satisfies each.
    const sc28 = impl['implemented-requirements'].find((r: any) => r['control-id'] === 'sc-28');
    const citations = sc28.props.filter((p: any) => p.name === 'hipaa-citation').map((p: any) => p.value);
    const expected = Object.values(CONTROLS).filter((c) => c.nist80053.includes('SC-28') && kubernetesPack.rules.some((r) => r.controls.includes(c.id as never))).map((c) => c.id);
    expect(citations).toEqual(expected);
    for (const c of expected) expect(sc28.description).toContain(`HIPAA ${c} (${(CONTROLS as any)[c].title}): ${(CONTROLS as any)[c].satisfiedBy}`);
    const rules = sc28.props.filter((p: any) => p.name === 'Rule_Id').map((p: any) => p.value);
    expect(rules).toEqual(kubernetesPack.rules.filter((r) => r.controls.some((c) => expected.includes(c))).map((r) => r.id).sort());
    // Control ids are NIST catalogue tokens, never HIPAA citations.
    for (const r of impl['implemented-requirements']) expect(r['control-id']).toMatch(/^[a-z]{2}-\d+(\.\d+)?$/);
  });

  test('a software component per construct, implementing the controls of the rules for the kinds it writes', () => {
    const doc = cd();
    const kms = doc.components.find((c: any) => c.title === 'HipaaKmsKey');
    expect(kms.type).toBe('software');
    expect(kms.props).toContainEqual({ name: 'entry-point', ns: 'https://github.com/hipaa-constructs/hipaa-constructs/ns/oscal', value: 'hipaa-constructs/pulumi' });
    const kmsCitations = new Set(awsPack.rules.filter((r) => r.kinds.includes('aws:kms/key:Key') || r.kinds.includes('aws:kms/keyPolicy:KeyPolicy')).flatMap((r) => r.controls));
    const sc12 = kms['control-implementations'][0]['implemented-requirements'].find((r: any) => r['control-id'] === 'sc-12');
    expect(kmsCitations.has('164.312(a)(2)(iv)')).toBe(true);
    expect(sc12.props.map((p: any) => p.value)).toContain('164.312(a)(2)(iv)');
    // HipaaChart writes no object of its own (it deploys a chart): no control implementation claimed.
    expect(doc.components.find((c: any) => c.title === 'HipaaChart')['control-implementations']).toBeUndefined();
  });

  test('the build writes it to dist/oscal/component-definition.json, which package.json exports and ships', () => {
    execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(ROOT, 'scripts', 'oscal-component-definition.ts')], {
      cwd: ROOT,
      env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'test', 'tsconfig.json') },
      stdio: 'pipe',
    });
    const shipped = fs.readFileSync(path.join(ROOT, 'dist', 'oscal', 'component-definition.json'), 'utf8');
    expect(shipped).toEqual(renderOscalComponentDefinition());
    expect(oscalErrors('component', JSON.parse(shipped))).toEqual([]);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.exports['./oscal/component-definition.json']).toBe('./dist/oscal/component-definition.json');
    expect(pkg.files).toContain('dist/oscal/component-definition.json');
    const postCompile = JSON.parse(fs.readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf8')).tasks['post-compile'].steps;
    expect(postCompile).toContainEqual({ spawn: 'oscal' });
  });
});
