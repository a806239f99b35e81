/** Validators of NIST's OSCAL 1.2.1 JSON schemas (test/fixtures/oscal/, draft-07) for the OSCAL tests. */
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const cache = new Map<string, ValidateFunction>();

/** Schema errors of an OSCAL document, as `path message` lines (empty when valid). */
export function oscalErrors(schema: 'component' | 'assessment-results', doc: unknown): string[] {
  let validate = cache.get(schema);
  if (!validate) {
    // Draft-07 schemas whose patterns use Unicode property escapes: ajv's default unicodeRegExp stays on.
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const file = path.join(__dirname, '..', '..', 'fixtures', 'oscal', `oscal_${schema}_schema.json`);
    validate = ajv.compile(JSON.parse(fs.readFileSync(file, 'utf8')));
    cache.set(schema, validate);
  }
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
