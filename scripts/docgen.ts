/**
 * Generates API.md, one Markdown file, from the doc comments of the public entry points.
 *
 * typedoc (with typedoc-plugin-markdown) renders one Markdown page per entry point and a JSON
 * model of the same project; this script merges the pages in entry-point order under one table
 * of contents built from the JSON. Anchors are explicit HTML ids (typedoc-plugin-markdown's
 * `useHTMLAnchors`); those of every entry point after the first get a prefix so they stay unique
 * in the merged file, and cross-page links become in-page links. No timestamps and no source
 * links (they carry a commit hash), so the file only changes when the API or its docs do.
 *
 * Run: `npx projen docgen` (also part of every build, after compile).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const OUTPUT = path.join(ROOT, 'API.md');

/** The public entry points, in the order API.md lists them. */
const ENTRY_POINTS = [
  {
    file: 'lib/index.ts',
    importPath: 'hipaa-constructs',
    summary: 'the core: HIPAA controls catalogue, rules and rule packs, the check engine, waivers and reports. It imports neither cdk8s nor Pulumi.',
  },
  {
    file: 'lib/cdk8s/index.ts',
    importPath: 'hipaa-constructs/cdk8s',
    summary: 'cdk8s constructs (built on cdk8s-plus-28) and synth-time validation.',
  },
  {
    file: 'lib/pulumi/index.ts',
    importPath: 'hipaa-constructs/pulumi',
    summary: 'Pulumi components for the AWS side (KMS, EKS, audit store, secrets, backups, a HIPAA Docker host), the chart bridge to cdk8s and the CrossGuard policies.',
  },
  {
    file: 'lib/docker/index.ts',
    importPath: 'hipaa-constructs/docker',
    summary: 'generators of hardened Docker files on `constructs` (daemon.json, Compose projects), checked with the Docker pack at synth.',
  },
];

/** typedoc and typedoc-plugin-markdown options, chosen for one readable, stable file. */
const TYPEDOC_OPTIONS = [
  '--plugin', 'typedoc-plugin-markdown',
  '--tsconfig', 'tsconfig.json',
  '--readme', 'none',
  '--router', 'module', // one page per entry point (merged below)
  '--disableSources', // no "Defined in file:line" links with a commit hash
  '--excludePrivate',
  '--excludeInternal',
  '--hidePageHeader',
  '--hideBreadcrumbs',
  '--hideGroupHeadings', // members at ##; the table of contents groups them by kind
  '--useHTMLAnchors', // explicit ids: stable, and prefixable when pages are merged
  '--parametersFormat', 'table',
  '--interfacePropertiesFormat', 'table',
  '--classPropertiesFormat', 'table',
  '--enumMembersFormat', 'table',
  '--typeDeclarationFormat', 'table',
  // ControlId is keyof the private catalogue object; its values are documented by CONTROLS.
  '--intentionallyNotExported', 'catalogue',
  '--logLevel', 'Warn',
];

/** The bits of typedoc's JSON model this script reads. */
interface JsonReflection {
  readonly id: number;
  readonly name: string;
  readonly kind: number;
  readonly children?: readonly JsonReflection[];
  readonly groups?: ReadonlyArray<{ readonly title: string; readonly children?: readonly number[] }>;
}
const MODULE_KIND = 2; // typedoc ReflectionKind.Module

interface Page {
  readonly entry: (typeof ENTRY_POINTS)[number];
  /** Name typedoc gave the module (its page is `<name>.md`); undefined when it is the only one. */
  readonly module?: JsonReflection;
  readonly reflection: JsonReflection;
  readonly markdown: string;
  readonly anchorPrefix: string;
}

function main(): void {
  const entries = ENTRY_POINTS.filter((e) => fs.existsSync(path.join(ROOT, e.file)));
  for (const e of ENTRY_POINTS) {
    if (!entries.includes(e)) console.warn(`docgen: ${e.file} does not exist yet; API.md leaves it out`);
  }
  if (entries.length === 0) throw new Error('docgen: no entry point exists');

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-docgen-'));
  try {
    const out = path.join(tmp, 'md');
    const json = path.join(tmp, 'api.json');
    const typedoc = path.join(path.dirname(require.resolve('typedoc/package.json')), 'bin', 'typedoc');
    const args = [typedoc, ...entries.flatMap((e) => ['--entryPoints', e.file]), '--out', out, '--json', json, ...TYPEDOC_OPTIONS];
    const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
    if (run.status !== 0) throw new Error(`docgen: typedoc failed (exit ${run.status ?? run.signal})`);

    const project = JSON.parse(fs.readFileSync(json, 'utf8')) as JsonReflection;
    const modules = (project.children ?? []).filter((c) => c.kind === MODULE_KIND);
    const pages: Page[] = entries.map((entry, i) => {
      if (modules.length === 0) {
        // A single entry point: typedoc renders its members on the index page itself.
        return { entry, reflection: project, markdown: read(path.join(out, 'README.md')), anchorPrefix: '' };
      }
      const module = modules.find((m) => m.name === moduleName(entry.file, entries.map((e) => e.file)));
      if (!module) throw new Error(`docgen: typedoc produced no module for ${entry.file}`);
      return {
        entry,
        module,
        reflection: module,
        markdown: read(path.join(out, `${module.name}.md`)),
        anchorPrefix: i === 0 ? '' : `${slug(module.name)}-`,
      };
    });
    const api = render(pages);
    fs.writeFileSync(OUTPUT, api);
    console.log(`docgen: wrote ${path.relative(ROOT, OUTPUT)} (${api.length} characters) from ${entries.map((e) => e.file).join(', ')}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** typedoc names modules by their path relative to the entry points' common directory. */
function moduleName(file: string, all: readonly string[]): string {
  const dirs = all.map((f) => path.posix.dirname(f).split('/'));
  let common = 0;
  while (dirs.every((d) => d[common] !== undefined && d[common] === dirs[0][common])) common++;
  const rel = file.split('/').slice(common).join('/').replace(/\.ts$/, '');
  return rel.endsWith('/index') ? rel.slice(0, -'/index'.length) : rel;
}

function read(file: string): string {
  return fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function render(pages: readonly Page[]): string {
  const byModule = new Map(pages.filter((p) => p.module).map((p) => [p.module!.name, p]));
  const lines: string[] = [
    '# API Reference',
    '',
    '<!-- Generated by scripts/docgen.ts from the doc comments (typedoc + typedoc-plugin-markdown). Do not edit: run `npx projen docgen`. -->',
    '',
    'Generated from the doc comments on every build. Entry points:',
    '',
  ];
  for (const p of pages) {
    lines.push(`- [\`${p.entry.importPath}\`](#${moduleAnchor(p)}): ${p.entry.summary}`);
  }
  lines.push('', '## Contents', '');
  for (const p of pages) {
    const ids = memberAnchors(p);
    lines.push(`- [\`${p.entry.importPath}\`](#${moduleAnchor(p)})`);
    const byId = new Map((p.reflection.children ?? []).map((c) => [c.id, c]));
    for (const g of p.reflection.groups ?? []) {
      const links = (g.children ?? [])
        .map((id) => byId.get(id))
        .filter((c): c is JsonReflection => c !== undefined)
        .map((c) => (ids.has(c.name) ? `[${c.name}](#${p.anchorPrefix}${ids.get(c.name)})` : c.name));
      if (links.length > 0) lines.push(`  - **${g.title}:** ${links.join(', ')}`);
    }
  }
  for (const p of pages) {
    lines.push('', '***', '', `<a id="${moduleAnchor(p)}"></a>`, '', `# \`${p.entry.importPath}\``, '');
    lines.push(body(p, byModule));
  }
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

function moduleAnchor(p: Page): string {
  return `module-${slug(p.entry.importPath)}`;
}

/** Member name -> anchor id on its page: the `<a id>` right before each `## Name` heading. */
function memberAnchors(p: Page): Map<string, string> {
  const ids = new Map<string, string>();
  for (const m of p.markdown.matchAll(/^<a id="([^"]+)"><\/a>\n\n## (.+)$/gm)) {
    const name = m[2].replace(/\\(.)/g, '$1').replace(/^`|`$/g, '').replace(/\(\)$/, '');
    if (!ids.has(name)) ids.set(name, m[1]);
  }
  return ids;
}

/** A page without its title, with its anchors prefixed and links to other pages made local. */
function body(p: Page, byModule: ReadonlyMap<string, Page>): string {
  let md = p.markdown;
  // Drop the page title (`# name`) and, on a single-module index page, the project header.
  md = md.replace(/^(?:\*\*[^\n]*\*\*\n\n\*\*\*\n\n)?# [^\n]*\n/, '');
  md = md.replace(/<a id="([^"]+)"><\/a>/g, (_, id: string) => `<a id="${p.anchorPrefix}${id}"></a>`);
  md = md.replace(/\]\(([^)\s#]*)(#[^)\s]*)?\)/g, (whole, file: string, hash: string | undefined) => {
    if (file === '' && hash) return `](#${p.anchorPrefix}${hash.slice(1)})`;
    const target = /^([^/]+)\.md$/.exec(file);
    const page = target ? byModule.get(target[1]) : undefined;
    if (!page) return whole; // an external link
    return hash ? `](#${page.anchorPrefix}${hash.slice(1)})` : `](#${moduleAnchor(page)})`;
  });
  return md.trim();
}

main();
