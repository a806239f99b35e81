/**
 * The README's "## Pipelines" and "## Evidence" sections, as written: the cdk8s.yaml entry is one the
 * plugin accepts, the property table lists exactly the plugin's properties, the BAA register sample is a
 * valid register whose AWS services are on the shipped eligible list, the report files and BAA rules
 * named are the real ones, and every hipaa-check flag named exists.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { eligibleServices } from '../../lib/baa/aws-hipaa-eligible-services';
import { parseBaaRegister } from '../../lib/baa/read-baa-register';
import * as root from '../../lib/index';
import { validatePluginProps } from '../../lib/plugin/plugin-props';
import { REPORT_FILES, REPORT_FORMATS } from '../../lib/report/formats';
import { baaPack } from '../../lib/rules/baa';

const REPO = path.join(__dirname, '..', '..');
const README = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');

/** The text of the `## heading` section, up to the next `## ` heading. */
function section(heading: string): string {
  const start = README.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`README.md has no "## ${heading}" section`);
  const end = README.indexOf('\n## ', start + heading.length + 5);
  return README.slice(start, end < 0 ? undefined : end);
}

function blocks(text: string, lang: string): string[] {
  return [...text.matchAll(new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```$', 'gm'))].map((m) => m[1]);
}

const pipelines = section('Pipelines');
const evidence = section('Evidence');

describe('README "## Pipelines"', () => {
  test('the cdk8s.yaml entry names the exported plugin class, an exact version, and properties the plugin accepts', () => {
    const [config] = blocks(pipelines, 'yaml').map((b) => yaml.load(b) as any).filter((c) => c?.validations);
    expect(config.validations).toHaveLength(1);
    const entry = config.validations[0];
    expect(entry).toMatchObject({ package: 'hipaa-constructs', class: 'HipaaValidationPlugin' });
    expect(String(entry.version)).toMatch(/^\d+\.\d+\.\d+$/);
    expect(typeof (root as any)[entry.class]).toBe('function');
    expect(() => validatePluginProps(entry.properties)).not.toThrow();
  });

  test('the property table lists exactly the plugin\'s properties', () => {
    const known = /\(known: ([^)]+)\)/.exec((() => {
      try {
        validatePluginProps({ notAProperty: true });
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })())![1].split(', ').sort();
    const table = pipelines.slice(pipelines.indexOf('| property | default |'));
    const listed = [...table.split('\n\n')[0].matchAll(/^\| `([A-Za-z]+)` \|/gm)].map((m) => m[1]).sort();
    expect(listed).toEqual(known);
    // The formats the table names are the report formats.
    expect(table).toContain(REPORT_FORMATS.map((f) => `\`${f}\``).join(', '));
  });

  test('every hipaa-check flag it and the hipaa-check section name is an option of the CLI (cdk8s synth flags of the cdk8s CLI)', () => {
    const cli = fs.readFileSync(path.join(REPO, 'lib', 'cli', 'hipaa-check.ts'), 'utf8');
    const cdk8sSynth = fs.readFileSync(path.join(REPO, 'node_modules', 'cdk8s-cli', 'lib', 'cli', 'cmds', 'synth.js'), 'utf8');
    const checkSection = section('Checking any YAML: `hipaa-check`');
    const flags = [...new Set([...`${pipelines}${evidence}${checkSection}`.matchAll(/(?<![\w-])--([a-z][a-z-]+)/g)].map((m) => m[1]))].sort();
    expect(flags.length).toBeGreaterThan(15);
    // --help and --version come with the CLI's argument parser.
    const unknown = flags.filter((f) => !['help', 'version'].includes(f) && !cli.includes(`'--${f}`) && !cli.includes(`'--${f.replace(/^no-/, '')}`) && !cdk8sSynth.includes(`'${f.replace(/^no-/, '')}'`));
    expect(unknown).toEqual([]);
  });
});

describe('README "## Evidence"', () => {
  test('the report table names every report file a run writes', () => {
    for (const file of Object.values(REPORT_FILES)) expect(evidence).toContain(`\`${file}\``);
  });

  test('the BAA register sample is a valid register; its AWS services are on the shipped eligible list', () => {
    const [sample] = blocks(evidence, 'yaml').filter((b) => b.startsWith('apiVersion: hipaa-constructs.io/v1'));
    const register = parseBaaRegister(sample, 'README.md');
    expect(register.vendors.map((v) => [v.id, v.baa.status])).toEqual([['aws', 'signed'], ['dockerhub', 'none']]);
    const list = eligibleServices('aws')!;
    expect(register.vendors[0].services!.filter((s) => !list.services.has(s))).toEqual([]);
    expect(register.internal.cidrs).toEqual(['10.0.0.0/16']);
  });

  test('it names the 8 BAA rules and their two citations', () => {
    expect(baaPack.rules).toHaveLength(8);
    for (const rule of baaPack.rules) expect(evidence).toContain(`\`${rule.id}\``);
    for (const citation of new Set(baaPack.rules.flatMap((r) => r.controls))) expect(evidence).toContain(citation);
  });
});
