import { AssessmentLists, riskAcceptance, riskStatement, riskWhere } from './assessment-lists';
import { HIPAA_CONSTRUCTS_NS, oscalMarkup, oscalString } from './oscal-common';
import type { Finding } from '../../check/finding';
import type { ResourceRef, SourceLocation } from '../../check/resource';
import { describeObject } from '../common';

/**
 * The long lists written straight to JSON text, one item per line, as the renderer writes them: no risk
 * object is built, and the text of a risk is pieces cached per rule (statement, fix, related observation),
 * per object (its description) and per source (where), with only the UUID, path and message new per finding.
 * The document holds a marker string where each list goes; {@link TextLists.splice} puts the lists in.
 */
export class TextLists implements AssessmentLists {
  private readonly lists: { readonly key: string; readonly indent: string; readonly chunks: readonly string[] }[] = [];
  private readonly itemLines: string[] = [];
  private readonly riskWriter = new RiskWriter(RISK_INDENT);

  addItem(f: Finding, _key: string, uuid: string): void {
    this.itemLines.push(inventoryItemText(f, uuid));
  }

  items(): unknown {
    return this.mark('inventory-items', ITEM_INDENT, [ITEM_INDENT + this.itemLines.join(`,\n${ITEM_INDENT}`)]);
  }

  subjects(uuids: readonly string[]): unknown {
    const text = uuids.map((uuid) => `{"subject-uuid":"${uuid}","type":"inventory-item"}`).join(`,\n${SUBJECT_INDENT}`);
    return this.mark('subjects', SUBJECT_INDENT, [SUBJECT_INDENT + text]);
  }

  addRisk(f: Finding, uuid: string, observationUuid: string | undefined): void {
    this.riskWriter.write(f, uuid, observationUuid);
  }

  risks(): unknown {
    return this.mark('risks', RISK_INDENT, this.riskWriter.finish());
  }

  /**
   * The document's text (`JSON.stringify(doc, null, 2)`) with each marker replaced by its list, one item per
   * line: `"key": [` + the items + the closing bracket at the key's indentation. Markers are found by one
   * scan for their common prefix; a marker only counts after its own key (`"risks": "`), which no string in
   * the document can contain (its quotes would be escaped), so a name or message cannot fake one.
   */
  splice(text: string): string {
    const parts: string[] = [];
    let from = 0;
    let spliced = 0;
    for (let at = text.indexOf(MARK_TEXT); at !== -1; at = text.indexOf(MARK_TEXT, at + 1)) {
      const end = text.indexOf('"', at + MARK_TEXT.length);
      const list = this.lists[Number(text.slice(at + MARK_TEXT.length, end))];
      if (!list || !text.startsWith(`\n${list.indent.slice(2)}"${list.key}": `, at - list.key.length - list.indent.length - 3)) continue;
      parts.push(text.slice(from, at), '[\n');
      for (const chunk of list.chunks) parts.push(chunk);
      parts.push(`\n${list.indent.slice(2)}]`);
      from = end + 1;
      spliced++;
    }
    if (spliced !== this.lists.length) throw new Error(`renderOscalAssessmentResults: ${this.lists.length - spliced} of ${this.lists.length} lists not placed`);
    parts.push(text.slice(from));
    return parts.join('');
  }

  /** A marker for a list (`\u0000oscal-list:<n>`), its items at `indent` (where the document puts that key's items). */
  private mark(key: string, indent: string, chunks: readonly string[]): string {
    this.lists.push({ key, indent, chunks });
    return `${MARK}${this.lists.length - 1}`;
  }
}

/** {@link inventoryItem} as JSON text: the props written straight (10,000 objects' worth of prop objects and stringify, measured, were a tenth of the rendering). */
function inventoryItemText(f: Finding, uuid: string): string {
  const r = f.resource;
  const s = f.source;
  let props = `${propText('kind', r.kind)},${propText('name', r.name)}`;
  if (r.namespace) props += `,${propText('namespace', r.namespace)}`;
  if (s?.file) props += `,${propText('source-file', s.file)}`;
  if (s?.line !== undefined) props += `,${propText('source-line', String(s.line))}`;
  if (s?.constructPath) props += `,${propText('construct-path', s.constructPath)}`;
  return `{"uuid":"${uuid}","description":${JSON.stringify(oscalMarkup(describeObject(r)))},"props":[${props}]}`;
}

/** {@link prop} as JSON text (`name` is a token: written as is). */
function propText(name: string, value: string): string {
  return `{"name":"${name}","ns":${NS_TEXT},"value":${JSON.stringify(oscalString(value))}}`;
}

const NS_TEXT = JSON.stringify(HIPAA_CONSTRUCTS_NS);

const MARK = '\u0000oscal-list:';
/** A marker as JSON writes it (after its opening quote). */
const MARK_TEXT = `"${JSON.stringify(MARK).slice(1, -1)}`;

/** Indentation of the items of each list: where `JSON.stringify(doc, null, 2)` puts the key, plus 2 (checked when spliced). */
const RISK_INDENT = ' '.repeat(10);
const ITEM_INDENT = ' '.repeat(12);
const SUBJECT_INDENT = ' '.repeat(14);

/** Pieces of risk text joined at a time (~10 per risk): joined in chunks, the pieces die young. */
const RISK_CHUNK = 4096;

/** Characters JSON escapes (quote, backslash, controls, lone surrogates), or that oscalString rewrites (line breaks). */
const NEEDS_CARE = /["\\\u0000-\u001f\u2028\u2029\ud800-\udfff]/;
const LINE_BREAKS = /[\r\n\t\u2028\u2029]/;
const SPACE = /\s/;

/** A string as JSON text without its quotes, and whether it has a line break. */
interface Escaped {
  readonly text: string;
  readonly breaks: boolean;
}

function escaped(s: string): Escaped {
  if (!NEEDS_CARE.test(s)) return { text: s, breaks: false };
  return { text: JSON.stringify(s).slice(1, -1), breaks: LINE_BREAKS.test(s) };
}

/**
 * Whether a character can start or end an OSCAL string unchanged: as oscal-common's isClean tells it (ASCII
 * controls count as space there, so are refused here too: when in doubt, the whole string is rewritten).
 */
function edgeClean(s: string, index: number): boolean {
  const code = s.charCodeAt(index);
  if (code < 128) return code > 32;
  return !SPACE.test(String.fromCharCode(code));
}

/** Text of a rule's risks that does not change between its findings. */
interface RuleText {
  readonly title: string;
  readonly severity: string;
  readonly controls: readonly string[];
  readonly observationUuid: string | undefined;
  /** `","title":"<rule id>: ` (up to the object), or undefined when the rule id cannot start a title unchanged. */
  readonly titleHead: string | undefined;
  /** `,"statement":<statement>` and, after the status, the related observation. */
  readonly statement: string;
  readonly related: string;
  /**
   * The end of an open risk by fix, from the fix to the closing brace (`. Fix: <fix>","statement":...}`), or
   * undefined when the fix cannot end a description unchanged. A rule's fix is mostly one of a few strings
   * (per rule, per container), else it names the object: a few are kept, then the map starts over.
   */
  readonly openEnds: Map<string, string | undefined>;
}

/** Fixes remembered per rule (measured on 62k findings: the repeated ones are 1 to 2 per rule). */
const FIXES_KEPT = 16;

/** Writes risks as JSON text lines: pushes pieces, joined every {@link RISK_CHUNK} pieces. */
class RiskWriter {
  private readonly chunks: string[] = [];
  private readonly out: string[] = [];
  private readonly rules = new Map<string, RuleText>();
  private readonly first: string;
  private readonly next: string;
  /** The previous finding's object and source: findings come grouped by object. */
  private lastObject?: { readonly ref: ResourceRef; readonly title: string; readonly breaks: boolean };
  private lastSource?: { readonly source: SourceLocation | undefined; readonly where: string };

  constructor(indent: string) {
    this.first = `${indent}{"uuid":"`;
    this.next = `,\n${indent}{"uuid":"`;
  }

  write(f: Finding, uuid: string, observationUuid: string | undefined): void {
    const o = this.out;
    const rule = this.rule(f, observationUuid);
    o.push(o.length === 0 && this.chunks.length === 0 ? this.first : this.next, uuid);
    this.title(f, rule);
    if (f.waiver === undefined && f.baselined === undefined) {
      const end = this.openEnd(f, rule);
      if (end !== undefined && this.description(f)) o.push(end);
      else o.push(WHOLE_DESCRIPTION, wholeDescription(f), rule.statement, ',"status":"open"', rule.related, '}');
    } else {
      if (fixEndsClean(f.fix) && this.description(f)) o.push(fixText(f.fix));
      else o.push(WHOLE_DESCRIPTION, wholeDescription(f));
      o.push(acceptedTail(f, rule));
    }
    if (o.length >= RISK_CHUNK) {
      this.chunks.push(o.join(''));
      o.length = 0;
    }
  }

  /** The text of every risk written, in chunks. */
  finish(): string[] {
    if (this.out.length > 0) this.chunks.push(this.out.join(''));
    this.out.length = 0;
    return this.chunks;
  }

  /** Pushes `","title":"...` (from the closing quote of the UUID to the title's closing quote, not included). */
  private title(f: Finding, rule: RuleText): void {
    const object = this.object(f.resource);
    const path = f.path;
    const last = path.length - 1;
    if (rule.titleHead !== undefined && !object.breaks && last >= 0 && edgeClean(path, last)) {
      if (!NEEDS_CARE.test(path)) {
        this.out.push(rule.titleHead, object.title, path);
        return;
      }
      const p = escaped(path);
      if (!p.breaks) {
        this.out.push(rule.titleHead, object.title, p.text);
        return;
      }
    }
    // Written whole (oscalString rewrites it), its closing quote left for the description to write.
    this.out.push('","title":', JSON.stringify(oscalString(`${f.ruleId}: ${describeObject(f.resource)} ${path}`)).slice(0, -1));
  }

  /**
   * Pushes `","description":"<message> (<where>)` when the description can be written in pieces (the fix
   * is told by the caller): the message starts it unchanged.
   */
  private description(f: Finding): boolean {
    const message = f.message;
    if (message.length === 0 || !edgeClean(message, 0)) return false;
    this.out.push(DESCRIPTION, NEEDS_CARE.test(message) ? escaped(message).text : message);
    const where = this.where(f.source);
    if (where !== '') this.out.push(where);
    return true;
  }

  /** ` (<where>)` of a description, for the last source seen. */
  private where(source: SourceLocation | undefined): string {
    const last = this.lastSource;
    if (last && (last.source === source || (last.source && source && last.source.file === source.file &&
        last.source.line === source.line && last.source.constructPath === source.constructPath))) {
      return last.where;
    }
    const where = riskWhere(source);
    const text = where ? ` (${escaped(where).text})` : '';
    this.lastSource = { source, where: text };
    return text;
  }

  /** The end of an open risk from its fix (see {@link RuleText.openEnds}). */
  private openEnd(f: Finding, rule: RuleText): string | undefined {
    const fix = f.fix;
    const ends = rule.openEnds;
    let end = ends.get(fix);
    if (end === undefined && !ends.has(fix)) {
      end = fixEndsClean(fix) ? `${fixText(fix)}${rule.statement},"status":"open"${rule.related}}` : undefined;
      if (ends.size >= FIXES_KEPT) ends.clear();
      ends.set(fix, end);
    }
    return end;
  }

  /** The object's description in a title (`<object> `), for the last object seen. */
  private object(r: ResourceRef): { readonly title: string; readonly breaks: boolean } {
    const last = this.lastObject;
    if (last && (last.ref === r || (last.ref.kind === r.kind && last.ref.name === r.name && last.ref.namespace === r.namespace))) {
      return last;
    }
    const text = escaped(describeObject(r));
    const object = { ref: r, title: `${text.text} `, breaks: text.breaks };
    this.lastObject = object;
    return object;
  }

  private rule(f: Finding, observationUuid: string | undefined): RuleText {
    const cached = this.rules.get(f.ruleId);
    if (cached && cached.title === f.title && cached.severity === f.severity && cached.observationUuid === observationUuid &&
        (cached.controls === f.controls || cached.controls.join('\u0000') === f.controls.join('\u0000'))) {
      return cached;
    }
    const id = escaped(f.ruleId);
    const rule: RuleText = {
      title: f.title,
      severity: f.severity,
      controls: f.controls,
      observationUuid,
      titleHead: f.ruleId.length > 0 && edgeClean(f.ruleId, 0) && !id.breaks ? `","title":"${id.text}: ` : undefined,
      statement: `,"statement":${JSON.stringify(riskStatement(f))}`,
      related: observationUuid ? `,"related-observations":[{"observation-uuid":${JSON.stringify(observationUuid)}}]` : '',
      openEnds: new Map(),
    };
    this.rules.set(f.ruleId, rule);
    return rule;
  }
}

/** After the title (its closing quote is not written yet): a description in pieces, or made whole. */
const DESCRIPTION = '","description":"';
const WHOLE_DESCRIPTION = '","description":';

/** Whether a fix can end a description unchanged. */
function fixEndsClean(fix: string): boolean {
  return fix.length > 0 && edgeClean(fix, fix.length - 1);
}

/** `. Fix: <fix>"`: the end of a description written in pieces. */
function fixText(fix: string): string {
  return `. Fix: ${escaped(fix).text}"`;
}

/** A description as JSON, made whole (oscalMarkup trims it). */
function wholeDescription(f: Finding): string {
  const where = riskWhere(f.source);
  return JSON.stringify(oscalMarkup(`${f.message}${where ? ` (${where})` : ''}. Fix: ${f.fix}`));
}

/** From the statement to the closing brace of a waived or baselined risk (rare: written whole). */
function acceptedTail(f: Finding, rule: RuleText): string {
  const { status, deadline, props } = riskAcceptance(f);
  return `${rule.statement}${props.length > 0 ? `,"props":${JSON.stringify(props)}` : ''},"status":${JSON.stringify(status)}` +
    `${deadline ? `,"deadline":${JSON.stringify(deadline)}` : ''}${rule.related}}`;
}
