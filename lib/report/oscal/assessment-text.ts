import { AssessmentLists, inventoryItem, riskAcceptance, riskStatement, riskWhere } from './assessment-lists';
import { oscalMarkup, oscalString } from './oscal-common';
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
    this.itemLines.push(JSON.stringify(inventoryItem(f, uuid)));
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
      parts.push(text.slice(from, at), '[\n', ...list.chunks, `\n${list.indent.slice(2)}]`);
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
  /** `,"statement":...` for an open risk, to its closing brace. */
  readonly openTail: string;
  /** `,"statement":<statement>` and the related observation, for accepted risks. */
  readonly statement: string;
  readonly related: string;
  /** The last fix of the rule and its text (`. Fix: <fix>"`), or undefined when it cannot end a description unchanged. */
  fix?: string;
  fixText?: string;
}

/** Writes risks as JSON text lines: pushes pieces, joined every {@link RISK_CHUNK} pieces. */
class RiskWriter {
  private readonly chunks: string[] = [];
  private readonly out: string[] = [];
  private readonly rules = new Map<string, RuleText>();
  private readonly separator: string;
  /** The previous finding's object and source: findings come grouped by object. */
  private lastObject?: { readonly ref: ResourceRef; readonly text: Escaped };
  private lastSource?: { readonly source: SourceLocation | undefined; readonly where: string };

  constructor(private readonly indent: string) {
    this.separator = `,\n${indent}`;
  }

  write(f: Finding, uuid: string, observationUuid: string | undefined): void {
    const o = this.out;
    const rule = this.rule(f, observationUuid);
    o.push(o.length === 0 && this.chunks.length === 0 ? this.indent : this.separator, '{"uuid":"', uuid);
    this.title(f, rule);
    const accepted = f.waiver !== undefined || f.baselined !== undefined;
    const fixText = this.description(f, rule);
    if (fixText !== undefined) o.push(fixText);
    o.push(accepted ? acceptedTail(f, rule) : rule.openTail);
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

  /** Pushes `"title":...` (from the closing quote of the UUID to the closing quote of the title). */
  private title(f: Finding, rule: RuleText): void {
    const object = this.object(f.resource);
    const path = f.path;
    const last = path.length - 1;
    if (rule.titleHead !== undefined && !object.breaks && last >= 0 && edgeClean(path, last)) {
      if (!NEEDS_CARE.test(path)) {
        this.out.push(rule.titleHead, object.text, ' ', path, '"');
        return;
      }
      const p = escaped(path);
      if (!p.breaks) {
        this.out.push(rule.titleHead, object.text, ' ', p.text, '"');
        return;
      }
    }
    this.out.push('","title":', JSON.stringify(oscalString(`${f.ruleId}: ${describeObject(f.resource)} ${path}`)));
  }

  /**
   * Pushes `,"description":...` up to the fix; returns the rest (`. Fix: <fix>"`), or undefined when the
   * description was written whole (it starts or ends with space, so oscalMarkup rewrites it).
   */
  private description(f: Finding, rule: RuleText): string | undefined {
    const message = f.message;
    const fixText = this.fixText(f, rule);
    if (fixText !== undefined && message.length > 0 && edgeClean(message, 0)) {
      this.out.push(',"description":"', NEEDS_CARE.test(message) ? escaped(message).text : message, this.where(f.source));
      return fixText;
    }
    const where = riskWhere(f.source);
    this.out.push(',"description":', JSON.stringify(oscalMarkup(`${message}${where ? ` (${where})` : ''}. Fix: ${f.fix}`)));
    return undefined;
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

  /** `. Fix: <fix>"` for the rule's last fix (most rules' fix is one string), undefined if it does not end clean. */
  private fixText(f: Finding, rule: RuleText): string | undefined {
    if (rule.fix !== f.fix) {
      rule.fix = f.fix;
      rule.fixText = f.fix.length > 0 && edgeClean(f.fix, f.fix.length - 1) ? `. Fix: ${escaped(f.fix).text}"` : undefined;
    }
    return rule.fixText;
  }

  /** The object's description as title text, for the last object seen. */
  private object(r: ResourceRef): Escaped {
    const last = this.lastObject;
    if (last && (last.ref === r || (last.ref.kind === r.kind && last.ref.name === r.name && last.ref.namespace === r.namespace))) {
      return last.text;
    }
    const text = escaped(describeObject(r));
    this.lastObject = { ref: r, text };
    return text;
  }

  private rule(f: Finding, observationUuid: string | undefined): RuleText {
    const cached = this.rules.get(f.ruleId);
    if (cached && cached.title === f.title && cached.severity === f.severity && cached.observationUuid === observationUuid &&
        (cached.controls === f.controls || cached.controls.join('\u0000') === f.controls.join('\u0000'))) {
      return cached;
    }
    const id = escaped(f.ruleId);
    const statement = `,"statement":${JSON.stringify(riskStatement(f))}`;
    const related = observationUuid ? `,"related-observations":[{"observation-uuid":${JSON.stringify(observationUuid)}}]` : '';
    const rule: RuleText = {
      title: f.title,
      severity: f.severity,
      controls: f.controls,
      observationUuid,
      titleHead: f.ruleId.length > 0 && edgeClean(f.ruleId, 0) && !id.breaks ? `","title":"${id.text}: ` : undefined,
      statement,
      related,
      openTail: `${statement},"status":"open"${related}}`,
    };
    this.rules.set(f.ruleId, rule);
    return rule;
  }
}

/** From the statement to the closing brace of a waived or baselined risk (rare: written whole). */
function acceptedTail(f: Finding, rule: RuleText): string {
  const { status, deadline, props } = riskAcceptance(f);
  return `${rule.statement}${props.length > 0 ? `,"props":${JSON.stringify(props)}` : ''},"status":${JSON.stringify(status)}` +
    `${deadline ? `,"deadline":${JSON.stringify(deadline)}` : ''}${rule.related}}`;
}
