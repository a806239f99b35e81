/**
 * Reading Compose files into `docker:ComposeProject`, `docker:ComposeService` and
 * `docker:ComposeNetwork` objects (see kinds.ts).
 *
 * Projects, from the Compose files of one directory (what `docker compose` would run there):
 * - the base file is the first of compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml
 *   (Compose's order of preference); the first of compose.override.yml, compose.override.yaml,
 *   docker-compose.override.yml, docker-compose.override.yaml is merged over it (as `docker compose`
 *   does with no -f): that is the default project, named by the base file as given;
 * - every other layered file (compose.prod.yaml, a second override file) is checked as the base file
 *   plus that file (`docker compose -f compose.yaml -f compose.prod.yaml`), a project of its own named
 *   `<base file>+<layered file name>`; without a base file in its directory it is a project of its own;
 * - a second base file (docker-compose.yml next to compose.yaml) is ignored by `docker compose` but can be
 *   run with -f, so it is checked as a project of its own rather than skipped or refused.
 *
 * Files are read with the YAML 1.2 core schema, anchors, aliases and merge keys (compose-yaml.ts) and
 * layered with Compose's merge rules (compose-merge.ts). `${VAR}`, `${VAR:-default}` and `$$` are kept
 * as written: the rules judge what is written, not one environment's values. `extends: {service}` within
 * the project is resolved (the extending service merged over the one it names, by the same rules);
 * `extends` naming another file and `include` are not followed: those services are checked as written.
 *
 * Lines: every key and list item of an object keeps the line of the file that wrote it. An object's
 * `source.file` is the file that first defined it (the base file for the project); a field that a
 * layered file set or changed has no line of its own in `lines` (its line is in another file), so its
 * findings point at the nearest enclosing key written in `source.file` (the service's key).
 *
 * Waivers: `x-hipaa-waivers`, a list of `{ruleId, reason, expires, owner?, ticket?}`, on a service, on a
 * network, or at the top level (for the ComposeProject object only), carried to the engine with their
 * paths (`x-hipaa-waivers[0]`); a value that is not a list is carried as a problem (waiver-invalid).
 */
import * as path from 'path';
import { enforceUnicity, isMapping, Layered, mergeLayers, MergeConflict, stripTags } from './compose-merge';
import { itemPath, keyPath } from './compose-path';
import { LineNode, OverrideTag, parseComposeFile, ParsedComposeFile, ResetTag } from './compose-yaml';
import { COMPOSE_NETWORK, COMPOSE_PROJECT, COMPOSE_SERVICE } from './kinds';
import { ManifestError } from '../manifest-error';
import type { CarriedWaiver, Resource } from '../resource';
import { describeValue, waiverListProblem } from '../waiver';

/** A Compose file that was read. */
export interface ComposeFileText {
  /** The file as given (or found in a directory). */
  readonly file: string;
  /** Its text. */
  readonly text: string;
}

/** Base file names, in Compose's order of preference. */
export const COMPOSE_BASE_FILES: readonly string[] = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
/** Override file names `docker compose` merges by default, in its order of preference. */
export const COMPOSE_OVERRIDE_FILES: readonly string[] = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml'];

/** The top-level keys of the Compose Specification (besides `x-*` extensions). */
const TOP_LEVEL_KEYS: readonly string[] = ['version', 'name', 'include', 'services', 'networks', 'volumes', 'secrets', 'configs', 'models'];
const RESOURCE_SECTIONS: readonly string[] = ['networks', 'volumes', 'secrets', 'configs', 'models'];

/** The extension field that carries waivers. */
export const COMPOSE_WAIVERS_FIELD = 'x-hipaa-waivers';

/**
 * Reads the Compose files of one directory (base files such as compose.yaml and the files layered over
 * them such as compose.override.yaml, in path order) into the objects of their projects.
 * Problems are pushed onto `problems`; a project with a problem in one of its files is not read.
 */
export function readComposeFiles(files: readonly ComposeFileText[], problems: ManifestError[]): Resource[] {
  const parsed = new Map<string, ParsedComposeFile | undefined>();
  for (const f of files) parsed.set(f.file, parseChecked(f, problems));
  const out: Resource[] = [];
  for (const project of projectsOf(files.map((f) => f.file))) {
    const layers = project.files.map((f) => parsed.get(f));
    if (layers.some((l) => l === undefined)) continue;
    out.push(...readProject(project.name, layers as ParsedComposeFile[], problems));
  }
  return out;
}

/** A project: its name and its files, base first. */
export interface ComposeProjectFiles {
  /** The project's name (its namespace). */
  readonly name: string;
  /** Its files, in the order they are layered. */
  readonly files: readonly string[];
}

/** The projects of the Compose files of one directory (see the file comment). */
export function projectsOf(files: readonly string[]): ComposeProjectFiles[] {
  const byName = (names: readonly string[]) =>
    names.map((n) => files.find((f) => path.basename(f) === n)).filter((f): f is string => f !== undefined);
  const bases = byName(COMPOSE_BASE_FILES);
  const overrides = byName(COMPOSE_OVERRIDE_FILES);
  const base = bases[0];
  const defaultOverride = overrides[0];
  const projects: ComposeProjectFiles[] = [];
  if (base !== undefined) projects.push({ name: base, files: defaultOverride !== undefined ? [base, defaultOverride] : [base] });
  for (const other of bases.slice(1)) projects.push({ name: other, files: [other] });
  for (const f of files) {
    if (bases.includes(f) || (f === defaultOverride && base !== undefined)) continue;
    projects.push(base !== undefined ? { name: `${base}+${path.basename(f)}`, files: [base, f] } : { name: f, files: [f] });
  }
  return projects;
}

/** Parses one file and checks its shape; undefined (and problems pushed) when it cannot be used. */
function parseChecked(input: ComposeFileText, problems: ManifestError[]): ParsedComposeFile | undefined {
  let parsed: ParsedComposeFile;
  try {
    parsed = parseComposeFile(input.text, input.file);
  } catch (e) {
    if (e instanceof ManifestError) {
      problems.push(e);
      return undefined;
    }
    throw e;
  }
  const before = problems.length;
  const problem = (line: number | undefined, reason: string) => problems.push(new ManifestError(input.file, line, reason));
  const top = parsed.value;
  const lineOf = (key: string) => parsed.tree.keys?.get(key)?.line;
  if (top === undefined || top === null) {
    problem(1, "not a Compose file: expected a mapping with 'services', got an empty document");
    return undefined;
  }
  if (!isMapping(top)) {
    problem(parsed.tree.line, `not a Compose file: expected a mapping with 'services', got ${describeValue(top)}`);
    return undefined;
  }
  for (const key of Object.keys(top)) {
    if (!TOP_LEVEL_KEYS.includes(key) && !key.startsWith('x-')) {
      problem(lineOf(key), `unknown top-level key '${key}': a Compose file has ${TOP_LEVEL_KEYS.join(', ')} and x-* extensions`);
    }
  }
  const services = untagged(top.services);
  if (services !== undefined && !isMapping(services) && !(top.services instanceof ResetTag)) {
    problem(lineOf('services'), `'services' must be a mapping of service names to their definitions, got ${describeValue(services)}`);
  } else if (isMapping(services)) {
    const serviceLines = parsed.tree.keys?.get('services');
    for (const [name, def] of Object.entries(services)) {
      if (def instanceof ResetTag || isMapping(untagged(def))) continue;
      problem(serviceLines?.keys?.get(name)?.line ?? lineOf('services'), `service '${name}' must be a mapping of its settings, got ${describeValue(untagged(def))}`);
    }
  }
  for (const section of RESOURCE_SECTIONS) {
    const value = untagged(top[section]);
    if (value === undefined || value === null || top[section] instanceof ResetTag) continue;
    if (!isMapping(value)) {
      problem(lineOf(section), `'${section}' must be a mapping of names to their definitions, got ${describeValue(value)}`);
      continue;
    }
    const lines = parsed.tree.keys?.get(section);
    for (const [name, def] of Object.entries(value)) {
      const d = untagged(def);
      if (d === null || isMapping(d) || def instanceof ResetTag) continue;
      problem(lines?.keys?.get(name)?.line ?? lineOf(section), `${section} entry '${name}' must be a mapping, got ${describeValue(d)}`);
    }
  }
  return problems.length === before ? parsed : undefined;
}

function untagged(v: unknown): unknown {
  return v instanceof OverrideTag ? v.value : v;
}

/** The objects of one project, its files layered in order. */
function readProject(name: string, files: readonly ParsedComposeFile[], problems: ManifestError[]): Resource[] {
  const first = files[0];
  let merged: Layered = stripTags({ value: first.value, tree: first.tree });
  for (const layer of files.slice(1)) {
    try {
      merged = mergeLayers(merged, { value: layer.value, tree: layer.tree }, []);
    } catch (e) {
      if (!(e instanceof MergeConflict)) throw e;
      problems.push(new ManifestError(layer.file, e.at?.line, `cannot layer '${e.path}' over ${first.file}: one file has a mapping there and the other a list or a value`));
      return [];
    }
  }
  const top = merged.value as Record<string, unknown>;
  const topTree = merged.tree;
  if (!isMapping(top.services)) {
    problems.push(new ManifestError(first.file, first.tree.line, "no 'services': a Compose project defines its containers under services"));
    return [];
  }
  const servicesTree = topTree?.keys?.get('services');
  const services: Record<string, unknown> = {};
  const serviceTrees = new Map<string, LineNode | undefined>();
  const extended = extendServices(top.services, servicesTree, first.file, problems);
  for (const [svc, layer] of extended) {
    const unique = enforceUnicity(layer);
    services[svc] = unique.value;
    serviceTrees.set(svc, unique.tree);
  }
  const body: Record<string, unknown> = { ...top, services };
  const out: Resource[] = [];
  out.push({
    kind: COMPOSE_PROJECT,
    name,
    namespace: name,
    body,
    source: { file: first.file, line: 1 },
    lines: linesOf(topTree, first.file, (p) => p !== 'services'),
    ...waiversOf(body),
  });
  const declared = isMapping(top.networks) ? top.networks : {};
  const networksTree = topTree?.keys?.get('networks');
  const used = new Set<string>();
  for (const [svc, def] of Object.entries(services)) {
    const tree = serviceTrees.get(svc);
    const file = tree?.file ?? first.file;
    const service = def as Record<string, unknown>;
    out.push({
      kind: COMPOSE_SERVICE,
      name: svc,
      namespace: name,
      body: service,
      source: { file, line: tree?.line ?? 1 },
      lines: linesOf(tree, file),
      ...waiversOf(service),
    });
    for (const network of attachedNetworks(service)) {
      used.add(network);
      if (network === 'default' || Object.prototype.hasOwnProperty.call(declared, network)) continue;
      const at = tree?.keys?.get('networks');
      problems.push(new ManifestError(at?.file ?? file, at?.line ?? tree?.line, `service '${svc}' uses network '${network}', which the project does not declare under the top-level networks`));
    }
  }
  for (const [network, def] of Object.entries(declared)) {
    const tree = networksTree?.keys?.get(network);
    const file = tree?.file ?? first.file;
    const networkBody = isMapping(def) ? def : {};
    out.push({
      kind: COMPOSE_NETWORK,
      name: network,
      namespace: name,
      body: networkBody,
      source: { file, line: tree?.line ?? 1 },
      lines: linesOf(tree, file),
      ...waiversOf(networkBody),
    });
  }
  if (used.has('default') && !Object.prototype.hasOwnProperty.call(declared, 'default')) {
    out.push({ kind: COMPOSE_NETWORK, name: 'default', namespace: name, body: {}, source: { file: servicesTree?.file ?? first.file, line: servicesTree?.line ?? 1 } });
  }
  return out;
}

/**
 * The networks a service is attached to: those it lists (list or mapping form), else the project's
 * `default` network, unless `network_mode` puts it elsewhere (none, host, another service or container).
 */
export function attachedNetworks(service: Record<string, unknown>): string[] {
  if (service.network_mode !== undefined && service.network_mode !== null) return [];
  const networks = service.networks;
  if (Array.isArray(networks)) return networks.map(String);
  if (isMapping(networks)) return Object.keys(networks);
  return ['default'];
}

/** The lines of the keys and items under a node that are written in `file`, by field path. */
function linesOf(tree: LineNode | undefined, file: string, keep: (topKey: string) => boolean = () => true): Record<string, number> {
  const lines: Record<string, number> = {};
  const walk = (node: LineNode, prefix: string) => {
    node.keys?.forEach((child, key) => {
      if (prefix === '' && !keep(key)) return;
      const p = keyPath(prefix, key);
      if (child.file === file) lines[p] = child.line;
      walk(child, p);
    });
    node.items?.forEach((child, i) => {
      if (child === undefined) return;
      const p = itemPath(prefix, i);
      if (child.file === file) lines[p] = child.line;
      walk(child, p);
    });
  };
  if (tree) walk(tree, '');
  return lines;
}

/** `x-hipaa-waivers` of an object, as the engine takes them. */
function waiversOf(body: Record<string, unknown>): { waivers?: CarriedWaiver[] } {
  const value = body[COMPOSE_WAIVERS_FIELD];
  if (value === undefined) return {};
  const problem = waiverListProblem(value, true);
  if (problem !== undefined) return { waivers: [{ problem: `${COMPOSE_WAIVERS_FIELD} ${problem}`, path: COMPOSE_WAIVERS_FIELD }] };
  return { waivers: (value as unknown[]).map((waiver, i) => ({ waiver, path: itemPath(COMPOSE_WAIVERS_FIELD, i) })) };
}

/**
 * The services with `extends` resolved: a service that extends another of the project (`extends: db` or
 * `extends: { service: db }`) is that service with its own settings merged over it, as Compose does
 * (compose-go override.ExtendService); it keeps its own key line. `extends` with a `file` is left as written.
 */
function extendServices(
  services: Record<string, unknown>,
  tree: LineNode | undefined,
  file: string,
  problems: ManifestError[],
): Map<string, Layered> {
  const resolved = new Map<string, Layered>();
  const resolve = (name: string, chain: readonly string[]): Layered => {
    const done = resolved.get(name);
    if (done) return done;
    const own: Layered = { value: services[name] ?? {}, tree: tree?.keys?.get(name) };
    const ext = (own.value as Record<string, unknown>).extends;
    const target = typeof ext === 'string' ? ext : isMapping(ext) && ext.file === undefined && typeof ext.service === 'string' ? ext.service : undefined;
    let result = own;
    if (target !== undefined) {
      const at = own.tree?.keys?.get('extends') ?? own.tree;
      if (!Object.prototype.hasOwnProperty.call(services, target)) {
        problems.push(new ManifestError(at?.file ?? file, at?.line, `service '${name}' extends service '${target}', which the project does not define`));
      } else if (chain.includes(target)) {
        problems.push(new ManifestError(at?.file ?? file, at?.line, `service '${name}' extends service '${target}', which extends it in turn (${[...chain, target].join(' -> ')})`));
      } else {
        const base = resolve(target, [...chain, target]);
        try {
          const merged = mergeLayers({ value: withoutExtends(base.value), tree: base.tree }, own, ['services', name]);
          const keys = new Map(merged.tree?.keys ?? []);
          keys.delete('extends');
          result = { value: withoutExtends(merged.value), tree: own.tree && { ...own.tree, keys } };
        } catch (e) {
          if (!(e instanceof MergeConflict)) throw e;
          problems.push(new ManifestError(e.at?.file ?? file, e.at?.line, `service '${name}' cannot extend service '${target}': '${e.path}' is a mapping in one and a list or a value in the other`));
        }
      }
    }
    resolved.set(name, result);
    return result;
  };
  return new Map(Object.keys(services).map((name) => [name, resolve(name, [name])]));
}

function withoutExtends(value: unknown): Record<string, unknown> {
  const { extends: _ignored, ...rest } = (value ?? {}) as Record<string, unknown>;
  return rest;
}
