import * as fs from 'fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

/**
 * The SARIF 2.1.0 JSON schema, from an npm package that ships it (@microsoft/jest-sarif, a
 * devDependency for the tests), or from the file HIPAA_SARIF_SCHEMA names.
 */
export function loadSarifSchema(): object {
  const candidates: string[] = [];
  if (process.env.HIPAA_SARIF_SCHEMA) candidates.push(process.env.HIPAA_SARIF_SCHEMA);
  try {
    candidates.push(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));
  } catch {
    // not installed
  }
  const file = candidates.find((f) => fs.existsSync(f));
  if (!file) throw new Error('SARIF 2.1.0 schema not found: install devDependencies (@microsoft/jest-sarif ships it)');
  const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
  // A draft-04 schema: ajv 8 reads it once the draft-04 identifiers are taken off.
  delete schema.$schema;
  delete schema.id;
  return schema;
}

let compiled: ReturnType<Ajv['compile']> | undefined;

/** The schema compiled once (ajv 8; the schema's patterns are not valid in unicode mode). */
export function sarifValidator(): ReturnType<Ajv['compile']> {
  if (!compiled) {
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    compiled = ajv.compile(loadSarifSchema());
  }
  return compiled;
}
