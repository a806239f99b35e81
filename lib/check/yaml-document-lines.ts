/**
 * Where the documents of a YAML stream start, found by scanning the text for document markers
 * instead of asking the parser for the position of every node. Used by the manifest reader's
 * fast path: parsing with a per-node listener costs more than the rest of the check.
 */

/** `---`, `...` or a directive at the start of a line (`---` and `...` followed by a break, a blank or the end). */
const MARKERS = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)|^%/gm;

/** One document of a YAML stream as found by {@link documentSpans}. */
export interface DocumentSpan {
  /** 1-based line of the document's first content (of its start when it has none). */
  readonly line: number;
  /** Offset where the document's text starts (just after its `---`, or 0). */
  readonly start: number;
  /** Offset where the document's text ends (at the next `---`, or the end of the text). */
  readonly end: number;
  /** Whether a `---` opens the document (it is left out of [start, end)). */
  readonly marker: boolean;
}

/**
 * The 1-based line of the first content (not blank, not a comment) of each document of a YAML
 * stream, in the order a YAML parser returns the documents: one entry per `---` (an empty
 * document included), plus one for content before the first `---`. Undefined when the stream
 * uses `...` document ends or `%` directives, which this scan does not follow; callers then
 * ask the parser.
 */
export function documentLines(text: string): number[] | undefined {
  return documentSpans(text)?.map((s) => s.line);
}

/**
 * The documents of a YAML stream as {@link documentLines} finds them, with where each one's
 * text starts and ends. Undefined in the same cases.
 */
export function documentSpans(text: string): DocumentSpan[] | undefined {
  const spans: DocumentSpan[] = [];
  let counted = 0; // offset up to which newlines are counted
  let line = 1; // line number at `counted`
  const lineAt = (offset: number): number => {
    for (let nl = text.indexOf('\n', counted); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
      line++;
      counted = nl + 1;
    }
    if (counted < offset) counted = offset;
    return line;
  };
  MARKERS.lastIndex = 0;
  let segment = 0; // where the current document's text starts
  let first = true;
  for (let m = MARKERS.exec(text); m !== null; m = MARKERS.exec(text)) {
    if (m[0] !== '---') return undefined;
    const end = m.index;
    const content = firstContent(text, segment, end);
    if (!first || content >= 0) {
      spans.push({ line: content >= 0 ? lineAt(content) : lineAt(segment), start: segment, end, marker: !first });
    }
    first = false;
    segment = end + 3;
    lineAt(end);
  }
  const content = firstContent(text, segment, text.length);
  if (!first || content >= 0) {
    spans.push({ line: content >= 0 ? lineAt(content) : lineAt(segment), start: segment, end: text.length, marker: !first });
  }
  return spans;
}

/** Offset of the first character that is not blank or in a comment in [from, to); -1 when none. */
function firstContent(text: string, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) {
      i++;
    } else if (c === 35 /* # */) {
      const nl = text.indexOf('\n', i);
      if (nl < 0 || nl >= to) return -1;
      i = nl + 1;
    } else {
      return i;
    }
  }
  return -1;
}
