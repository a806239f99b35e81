/**
 * Layering Compose files the way `docker compose -f a.yaml -f b.yaml` does (the Compose
 * Specification's merge rules, as compose-go implements them in override/merge.go and uncity.go):
 *
 * - mappings are merged key by key; a scalar is replaced; a null in the later file keeps the earlier value;
 * - lists are appended (`dns`, `security_opt`, `cap_add`...), except `command`, `entrypoint` and
 *   `healthcheck.test`, which are replaced;
 * - lists with a unique key keep one entry per key, the later entry taking the earlier one's place:
 *   `ports` (the entry as written), `volumes`/`devices` (target), `secrets`/`configs` (target),
 *   `environment`/`labels`/`sysctls`/`annotations`/`build.args`/`deploy.labels` (the name),
 *   `cap_add`/`cap_drop`/`dns*`/`expose`/`tmpfs`/`profiles`/`links`/`env_file` (the entry);
 * - `environment`, `labels` and the other name=value fields may be a mapping in one file and a list
 *   in the other: both are then read as mappings (`- A=1` is `A: "1"`, `- A` is `A: null`), which
 *   means what Compose's merged list means; when both files use the same form, the form is kept;
 * - `logging` is replaced when both files name different drivers; `build` as a string is `{context}`;
 *   a service's `networks` and `depends_on` as a list are a mapping of names;
 * - `!reset` removes a value, `!override` replaces it without merging.
 *
 * Every value keeps the line (and file) of the layer that wrote it.
 */
import { splitOutsideInterpolation } from './compose-path';
import type { LineNode } from './compose-yaml';
import { OverrideTag, ResetTag } from './compose-yaml';

/** A value and the lines of its keys and items. */
export interface Layered {
  /** The value (undefined when removed). */
  readonly value: unknown;
  /** Its lines. @default - not known */
  readonly tree?: LineNode;
}

/** A value of two files that Compose cannot merge, e.g. a mapping over a list. */
export class MergeConflict extends Error {
  constructor(
    /** Where, as a field path from the top of the file. */
    public readonly path: string,
    /** The line node of the later value. */
    public readonly at: LineNode | undefined,
  ) {
    super(`cannot merge ${path}`);
  }
}

const REPLACED_SERVICE_FIELDS = new Set(['command', 'entrypoint']);
const KEY_VALUE_SERVICE_FIELDS = new Set(['environment', 'labels', 'annotations', 'sysctls']);
const STRING_OR_LIST_SERVICE_FIELDS = new Set(['dns', 'dns_opt', 'dns_search', 'env_file', 'label_file', 'tmpfs']);
const MAPPING_OR_LIST_SERVICE_FIELDS = new Set(['networks', 'depends_on']);

/** The value of a file on its own: tags removed (`!reset` drops the key, `!override` is its value). */
export function stripTags(layer: Layered): Layered {
  const v = layer.value;
  if (v instanceof ResetTag) return { value: undefined };
  if (v instanceof OverrideTag) return stripTags({ value: v.value, tree: layer.tree });
  if (Array.isArray(v)) {
    const items: (LineNode | undefined)[] = [];
    const out: unknown[] = [];
    v.forEach((item, i) => {
      const s = stripTags({ value: item, tree: layer.tree?.items?.[i] });
      if (s.value === undefined) return;
      out.push(s.value);
      items.push(s.tree);
    });
    return { value: out, tree: layer.tree && { ...layer.tree, items } };
  }
  if (isMapping(v)) {
    const out: Record<string, unknown> = {};
    const keys = new Map<string, LineNode>();
    for (const [k, item] of Object.entries(v)) {
      const s = stripTags({ value: item, tree: layer.tree?.keys?.get(k) });
      if (s.value === undefined) continue;
      out[k] = s.value;
      if (s.tree) keys.set(k, s.tree);
    }
    return { value: out, tree: layer.tree && { ...layer.tree, keys } };
  }
  return layer;
}

/**
 * The later file's value layered over the earlier one's, at `path` (keys from the top of the file).
 * @throws MergeConflict when the two cannot be merged (a mapping over a list, or the other way round)
 */
export function mergeLayers(base: Layered, over: Layered, path: readonly string[]): Layered {
  const o = over.value;
  if (o instanceof ResetTag) return { value: undefined };
  if (o instanceof OverrideTag) return stripTags({ value: o.value, tree: over.tree });
  if (base.value === undefined) return stripTags(over);
  const special = serviceField(path);
  if (special !== undefined) {
    const direct = path.length === 3;
    if ((direct && REPLACED_SERVICE_FIELDS.has(special)) || (path.length === 4 && special === 'healthcheck' && path[3] === 'test')) return stripTags(over);
    if (direct && KEY_VALUE_SERVICE_FIELDS.has(special)) return mergeKeyValues(base, stripTags(over), path);
    if (direct && STRING_OR_LIST_SERVICE_FIELDS.has(special)) return appendLists(asList(base), asList(stripTags(over)));
    if (direct && MAPPING_OR_LIST_SERVICE_FIELDS.has(special) && o !== null) return mergeMappings(asMapping(base), asMapping(over), path);
    if (direct && special === 'build' && o !== null) return mergeMappings(asBuild(base), asBuild(over), path);
    if (direct && special === 'logging' && isMapping(base.value) && isMapping(o)) {
      const d1 = base.value.driver;
      const d2 = o.driver;
      if (d1 !== undefined && d2 !== undefined && d1 !== d2) return stripTags(over);
    }
    if (path.length === 4 && special === 'ulimits' && o !== null) return stripTags(over);
    if (path.length === 4 && (special === 'build' || special === 'deploy') && (path[3] === 'args' || path[3] === 'labels')) return mergeKeyValues(base, stripTags(over), path);
  }
  if ((path.length === 3 && (path[0] === 'networks' || path[0] === 'volumes') && path[2] === 'labels')) return mergeKeyValues(base, stripTags(over), path);
  if (o === null || o === undefined) return base;
  if (isMapping(base.value)) {
    if (!isMapping(o)) throw new MergeConflict(path.join('.'), over.tree);
    return mergeMappings(base, over, path);
  }
  if (Array.isArray(base.value)) {
    if (!Array.isArray(o)) throw new MergeConflict(path.join('.'), over.tree);
    return appendLists(base, stripTags(over));
  }
  return stripTags(over);
}

function mergeMappings(base: Layered, over: Layered, path: readonly string[]): Layered {
  const b = base.value as Record<string, unknown>;
  const o = over.value as Record<string, unknown>;
  if (!isMapping(o)) return base;
  const out: Record<string, unknown> = { ...b };
  const keys = new Map(base.tree?.keys ?? []);
  for (const [k, v] of Object.entries(o)) {
    const merged = mergeLayers({ value: b[k], tree: base.tree?.keys?.get(k) }, { value: v, tree: over.tree?.keys?.get(k) }, [...path, k]);
    if (merged.value === undefined) {
      delete out[k];
      keys.delete(k);
    } else {
      out[k] = merged.value;
      if (merged.tree) keys.set(k, merged.tree);
      else keys.delete(k);
    }
  }
  return { value: out, tree: base.tree ? { ...base.tree, keys } : over.tree && { ...over.tree, keys } };
}

function appendLists(base: Layered, over: Layered): Layered {
  const b = Array.isArray(base.value) ? base.value : [];
  const o = Array.isArray(over.value) ? over.value : [];
  const items = [...listItems(base, b.length), ...listItems(over, o.length)];
  const tree = base.tree ?? over.tree;
  return { value: [...b, ...o], tree: tree && { ...tree, items } };
}

function listItems(layer: Layered, length: number): (LineNode | undefined)[] {
  const items = layer.tree?.items;
  return Array.from({ length }, (_, i) => items?.[i]);
}

/** `environment` and the other name=value fields: same form kept; mixed forms read as mappings. */
function mergeKeyValues(base: Layered, over: Layered, path: readonly string[]): Layered {
  if (over.value === undefined || over.value === null) return base;
  if (Array.isArray(base.value) && Array.isArray(over.value)) return appendLists(base, over);
  if (isMapping(base.value) && isMapping(over.value)) return replaceKeys(base, over);
  const b = keyValuesAsMapping(base);
  const o = keyValuesAsMapping(over);
  if (b === undefined || o === undefined) throw new MergeConflict(path.join('.'), over.tree);
  return replaceKeys(b, o);
}

function replaceKeys(base: Layered, over: Layered): Layered {
  const out: Record<string, unknown> = { ...(base.value as Record<string, unknown>) };
  const keys = new Map(base.tree?.keys ?? []);
  for (const [k, v] of Object.entries(over.value as Record<string, unknown>)) {
    out[k] = v;
    const t = over.tree?.keys?.get(k);
    if (t) keys.set(k, t);
    else keys.delete(k);
  }
  const tree = base.tree ?? over.tree;
  return { value: out, tree: tree && { ...tree, keys } };
}

/** `- A=1` is `A: "1"`, `- A` is `A: null` (the value comes from the shell, as in Compose). */
function keyValuesAsMapping(layer: Layered): Layered | undefined {
  const v = layer.value;
  if (isMapping(v)) return layer;
  if (!Array.isArray(v)) return undefined;
  const out: Record<string, unknown> = {};
  const keys = new Map<string, LineNode>();
  v.forEach((entry, i) => {
    const text = String(entry);
    const eq = text.indexOf('=');
    const key = eq < 0 ? text : text.slice(0, eq);
    out[key] = eq < 0 ? null : text.slice(eq + 1);
    const t = layer.tree?.items?.[i];
    if (t) keys.set(key, t);
  });
  return { value: out, tree: layer.tree && { ...layer.tree, keys, items: undefined } };
}

function asList(layer: Layered): Layered {
  if (typeof layer.value === 'string') return { value: [layer.value], tree: layer.tree && { ...layer.tree, items: [layer.tree] } };
  return layer;
}

function asMapping(layer: Layered): Layered {
  const v = layer.value;
  if (!Array.isArray(v)) return layer;
  const out: Record<string, unknown> = {};
  const keys = new Map<string, LineNode>();
  v.forEach((name, i) => {
    out[String(name)] = null;
    const t = layer.tree?.items?.[i];
    if (t) keys.set(String(name), t);
  });
  return { value: out, tree: layer.tree && { ...layer.tree, keys, items: undefined } };
}

function asBuild(layer: Layered): Layered {
  if (typeof layer.value === 'string') return { value: { context: layer.value }, tree: layer.tree && { ...layer.tree, keys: new Map([['context', layer.tree]]) } };
  return layer;
}

/** The field of a service a path is in (`services.api.ports...` -> `ports`). */
function serviceField(path: readonly string[]): string | undefined {
  return path.length >= 3 && path[0] === 'services' ? path[2] : undefined;
}

/** Whether a value is a YAML mapping. */
export function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof OverrideTag) && !(v instanceof ResetTag);
}

type UniqueKey = (entry: unknown) => string;

/** The part before `=` (`A=1` -> `A`), or the entry. */
const byName: UniqueKey = (e) => {
  const text = String(e);
  const eq = text.indexOf('=');
  return eq < 0 ? text : text.slice(0, eq);
};

/** A mount's target: `src:/dst:ro` -> `/dst`, `/anon` -> `/anon`, `{target}`. */
const byTarget: UniqueKey = (e) => {
  if (isMapping(e)) return String(e.target ?? '');
  const parts = splitOutsideInterpolation(String(e), ':');
  return parts.length === 1 ? parts[0] : parts[1];
};

const byMountTarget = (defaultDir: string): UniqueKey => (e) => {
  if (isMapping(e)) return e.target !== undefined ? String(e.target) : `${defaultDir}/${String(e.source)}`;
  return `${defaultDir}/${String(e)}`;
};

/** A port: the short form as written; the long form by host_ip, published, target and protocol. */
const byPort: UniqueKey = (e) => {
  if (!isMapping(e)) return String(e);
  return `${String(e.host_ip ?? '0.0.0.0')}:${String(e.published ?? '')}:${String(e.target ?? '')}/${String(e.protocol ?? 'tcp')}`;
};

const UNIQUE: Readonly<Record<string, UniqueKey>> = {
  annotations: byName,
  cap_add: byName,
  cap_drop: byName,
  configs: byMountTarget(''),
  devices: byTarget,
  dns: byName,
  dns_opt: byName,
  dns_search: byName,
  env_file: (e) => (isMapping(e) ? String(e.path) : String(e)),
  environment: byName,
  expose: (e) => String(e),
  labels: byName,
  links: byName,
  ports: byPort,
  profiles: byName,
  secrets: byMountTarget('/run/secrets'),
  sysctls: byName,
  tmpfs: byName,
  volumes: byTarget,
};

/**
 * One entry per unique key in the lists of a service that Compose keeps unique (compose-go
 * EnforceUnicity): a later entry takes the place of the earlier one with the same key.
 */
export function enforceUnicity(service: Layered): Layered {
  const v = service.value;
  if (!isMapping(v)) return service;
  let out: Record<string, unknown> | undefined;
  let keys: Map<string, LineNode> | undefined;
  for (const [field, keyOf] of Object.entries(UNIQUE)) {
    const list = v[field];
    if (!Array.isArray(list) || list.length < 2) continue;
    const tree = service.tree?.keys?.get(field);
    const values: unknown[] = [];
    const items: (LineNode | undefined)[] = [];
    const at = new Map<string, number>();
    list.forEach((entry, i) => {
      const key = keyOf(entry);
      const j = at.get(key);
      if (j === undefined) {
        at.set(key, values.length);
        values.push(entry);
        items.push(tree?.items?.[i]);
      } else {
        values[j] = entry;
        items[j] = tree?.items?.[i];
      }
    });
    if (values.length === list.length) continue;
    out ??= { ...v };
    keys ??= new Map(service.tree?.keys ?? []);
    out[field] = values;
    if (tree) keys.set(field, { ...tree, items });
  }
  if (out === undefined) return service;
  return { value: out, tree: service.tree && { ...service.tree, keys } };
}
