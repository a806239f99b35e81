import { toOscalAssessmentResults } from './assessment-results';
import type { CheckResult } from '../../check/engine';
import type { ReportMetadata } from '../common';

/**
 * The assessment results rendered from the object document ({@link toOscalAssessmentResults}): what
 * renderOscalAssessmentResults wrote before it wrote the long lists straight to text, kept as the reference
 * its output must equal byte for byte (the tests compare them). Not part of the API, and not fast: every
 * risk is an object, stringified with a replacer, the lists put back by a regex over the whole text.
 */
export function renderOscalAssessmentResultsReference(result: CheckResult, meta: ReportMetadata = {}): string {
  const doc = toOscalAssessmentResults(result, meta);
  const lists: unknown[][] = [];
  const text = JSON.stringify(doc, (key, value) => {
    if ((key === 'risks' || key === 'inventory-items' || key === 'subjects') && Array.isArray(value)) {
      lists.push(value);
      return `${LIST_MARK}${lists.length - 1}`;
    }
    return value;
  }, 2);
  return text.replace(LIST_MARK_RE, (_line, indent: string, key: string, n: string) => {
    const inner = `${indent}  `;
    const items = lists[Number(n)].map((item) => inner + JSON.stringify(item));
    return `${indent}${key}[\n${items.join(',\n')}\n${indent}]`;
  }) + '\n';
}

const LIST_MARK = '\u0000oscal-list:';
/** `"key": "<mark>n"` with the line's indentation. */
const LIST_MARK_RE = /^( *)("[a-z-]+": )"\\u0000oscal-list:(\d+)"/gm;
