/**
 * Writes dist/oscal/component-definition.json, the OSCAL component definition shipped in the package
 * (`hipaa-constructs/oscal/component-definition.json`), from toOscalComponentDefinition(). Run by the
 * build (post-compile); deterministic, so rebuilding the same version writes the same bytes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderOscalComponentDefinition } from '../lib/report/oscal/component-definition';

/** Where the build writes the component definition (package.json `exports` points here). */
export const COMPONENT_DEFINITION_FILE = path.join(__dirname, '..', 'dist', 'oscal', 'component-definition.json');

if (require.main === module) {
  fs.mkdirSync(path.dirname(COMPONENT_DEFINITION_FILE), { recursive: true });
  fs.writeFileSync(COMPONENT_DEFINITION_FILE, renderOscalComponentDefinition());
  console.log(`wrote ${path.relative(process.cwd(), COMPONENT_DEFINITION_FILE)}`);
}
