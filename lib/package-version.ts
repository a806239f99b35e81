import * as fs from 'fs';
import * as path from 'path';

/**
 * The version in this package's package.json, for reports and `--version` (from lib/ and from
 * dist/ the file is one folder up); undefined when it cannot be read.
 */
export function packageVersion(): string | undefined {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
    return pkg.name === 'hipaa-constructs' && typeof pkg.version === 'string' ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}
