/**
 * Parsing one Compose file: YAML 1.2 core schema (as compose-go reads it with go-yaml v3: `yes` is a
 * string, `2026-12-31` stays a string), anchors, aliases and merge keys (`<<`), and the Compose tags
 * `!reset` and `!override` of layered files. Besides the value it returns a tree of lines: for every
 * mapping key and list item, the 1-based line it is written on, so findings point at their field.
 *
 * js-yaml (chosen over the `yaml` package by measurement: ~10x faster on Compose-sized files) reports
 * lines only through its `listener`, which is called when each node opens and closes; the tree of
 * nodes is rebuilt from those calls (keys and values of a mapping alternate, items of a list follow
 * each other) and matched to the values the loader built.
 */
import * as yaml from 'js-yaml';
import { ManifestError } from '../manifest-error';

/** Where a key or item of a Compose file is written. */
export interface LineNode {
  /** The file it is written in. */
  readonly file: string;
  /** 1-based line of the key (or of the item). */
  readonly line: number;
  /** Lines of the entries of a mapping, by key. @default - not a mapping, or not known */
  readonly keys?: ReadonlyMap<string, LineNode>;
  /** Lines of the items of a list, by index. @default - not a list, or not known */
  readonly items?: readonly (LineNode | undefined)[];
}

/** `!reset`: the value is removed from what the files before set. */
export class ResetTag {
  /** The only instance. */
  static readonly INSTANCE = new ResetTag();
  private constructor() {}
}

/** `!override`: the value replaces what the files before set instead of being merged with it. */
export class OverrideTag {
  constructor(
    /** The value written after the tag. */
    public readonly value: unknown,
  ) {}
}

/** A parsed Compose file. */
export interface ParsedComposeFile {
  /** The file as given. */
  readonly file: string;
  /** The document's value (undefined for an empty file). */
  readonly value: unknown;
  /** The lines of its keys and items. */
  readonly tree: LineNode;
}

let schema: yaml.Schema | undefined;

/** YAML 1.2 core scalars, merge keys, and the Compose tags on any kind of node. */
function composeSchema(): yaml.Schema {
  if (schema === undefined) {
    const kinds = ['scalar', 'sequence', 'mapping'] as const;
    const reset = kinds.map((kind) => new yaml.Type('!reset', { kind, construct: () => ResetTag.INSTANCE }));
    const override = kinds.map((kind) => new yaml.Type('!override', { kind, construct: (data: unknown) => new OverrideTag(data ?? (kind === 'sequence' ? [] : kind === 'mapping' ? {} : null)) }));
    // js-yaml exports its built-in types at run time; @types/js-yaml does not declare them.
    const merge = (yaml as unknown as { types: { merge: yaml.Type } }).types.merge;
    schema = yaml.CORE_SCHEMA.extend({ implicit: [merge], explicit: [...reset, ...override] });
  }
  return schema;
}

interface EventNode {
  readonly line: number;
  readonly children: EventNode[];
  result?: unknown;
  lineNode?: LineNode;
}

/**
 * Parses the text of one Compose file.
 * @throws ManifestError naming the file and the line when the text is not YAML or holds several documents
 */
export function parseComposeFile(text: string, file: string): ParsedComposeFile {
  const root: EventNode = { line: 1, children: [] };
  const stack: EventNode[] = [root];
  // The line node of each mapping and list, by the object js-yaml built: an alias (`*x`) and the
  // sources of a merge key (`<<: *x`) are the very objects of their anchors.
  const byObject = new Map<object, LineNode>();
  const listener = (event: 'open' | 'close', state: { line: number; result: unknown }) => {
    if (event === 'open') {
      stack.push({ line: state.line + 1, children: [] });
      return;
    }
    const node = stack.pop()!;
    node.result = state.result;
    node.lineNode = lineNodeOf(node, file, byObject);
    stack[stack.length - 1].children.push(node);
  };
  let value: unknown;
  try {
    // js-yaml caps the keys merge keys copy at 10,000 against "billion laughs" files; a Compose file of
    // 1,000 services sharing one 11-key anchor passes that honestly. A cap of the file's length keeps the
    // work linear in the input and still stops exponential nesting.
    const maxTotalMergeKeys = Math.max(10_000, text.length);
    value = yaml.load(text, { filename: file, schema: composeSchema(), listener, maxTotalMergeKeys } as yaml.LoadOptions);
  } catch (e) {
    if (e instanceof yaml.YAMLException) {
      const mark = (e as any).mark;
      throw new ManifestError(file, mark ? mark.line + 1 : secondDocumentLine(text), `not valid YAML: ${(e as any).reason ?? e.message}`);
    }
    // Never throw on input (a stack overflow on absurd nesting, say): it is a problem of the file.
    throw new ManifestError(file, undefined, `cannot read it as YAML: ${e instanceof Error ? e.message : String(e)}`);
  }
  const top = root.children[root.children.length - 1];
  return { file, value, tree: top?.lineNode ?? { file, line: 1 } };
}

function lineNodeOf(node: EventNode, file: string, byObject: Map<object, LineNode>): LineNode {
  const result = node.result;
  const children = node.children;
  // A block node js-yaml first tried as a compact mapping opens twice: the inner node is the real one.
  if (children.length === 1 && children[0].result === result) return children[0].lineNode!;
  const value = result instanceof OverrideTag ? result.value : result;
  if (value === null || typeof value !== 'object') return { file, line: node.line };
  if (children.length === 0) {
    // An alias: its entries are written where its anchor is.
    const anchor = byObject.get(value);
    return anchor ? { file, line: node.line, keys: anchor.keys, items: anchor.items } : { file, line: node.line };
  }
  let made: LineNode;
  if (Array.isArray(value)) {
    made = { file, line: node.line, items: children.length === value.length ? children.map((c) => c.lineNode) : undefined };
  } else {
    made = { file, line: node.line, keys: mappingLines(value as Record<string, unknown>, children, byObject) };
  }
  if (!byObject.has(value)) byObject.set(value, made);
  return made;
}

/** Keys and values alternate among the children; keys brought in by `<<` are found in their sources. */
function mappingLines(value: Record<string, unknown>, children: readonly EventNode[], byObject: Map<object, LineNode>): Map<string, LineNode> {
  const keys = new Map<string, LineNode>();
  const sources: object[] = [];
  for (let i = 0; i + 1 < children.length; i += 2) {
    const keyNode = children[i];
    const valueNode = children[i + 1];
    const key = keyNode.result === null ? 'null' : String(keyNode.result);
    if (key === '<<' && !Object.prototype.hasOwnProperty.call(value, '<<')) {
      const merged = valueNode.result;
      if (Array.isArray(merged)) sources.push(...merged.filter((m) => m !== null && typeof m === 'object'));
      else if (merged !== null && typeof merged === 'object') sources.push(merged);
      continue;
    }
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    const v = valueNode.lineNode!;
    keys.set(key, { file: v.file, line: keyNode.line, keys: v.keys, items: v.items });
  }
  for (const key of Object.keys(value)) {
    if (keys.has(key)) continue;
    for (const source of sources) {
      const found = byObject.get(source)?.keys?.get(key);
      if (found) {
        keys.set(key, found);
        break;
      }
    }
  }
  return keys;
}

/** The line of the `---` that starts a second document (js-yaml's error about several documents has no position). */
function secondDocumentLine(text: string): number | undefined {
  const lines = text.split(/\r?\n/);
  let content = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^---(?:\s|$)/.test(line)) {
      if (content) return i + 1;
      content = true;
    } else if (line.trim() !== '' && !line.trimStart().startsWith('#') && !line.startsWith('%')) {
      content = true;
    }
  }
  return undefined;
}
