import * as fs from 'fs';
import * as path from 'path';
import { loadYamlStream, ManifestError } from '../check/manifests';
import { ScopedWaiver, WaiverPolicy } from '../check/waiver';
import { scopedWaiverProblems } from '../check/waiver-target';

/**
 * Reads a waivers file: a YAML or JSON list of {@link ScopedWaiver}s, e.g.
 *
 * ```yaml
 * - ruleId: k8s-read-only-root-filesystem
 *   reason: The vendor image writes its PID file to /run; tracked with the vendor in OPS-1234.
 *   owner: platform-team
 *   ticket: OPS-1234
 *   expires: 2027-03-31
 *   target: { kind: Deployment, namespace: clinic, name: legacy-billing }
 *   container: pdf-renderer # optional: only findings inside this container
 * ```
 *
 * Every waiver is validated: shape, a known rule id, a reason of at least 20 characters and 3
 * words, an expiry date (YYYY-MM-DD) at most `policy.maxWaiverMonths` (default 12) ahead, and a
 * target naming only kind, namespace and name.
 * @throws ManifestError for each problem, one line per waiver, naming the file and line
 */
export function readWaiversFile(
  file: string,
  knownRuleIds: ReadonlySet<string>,
  cwd: string = process.cwd(),
  policy: WaiverPolicy = {},
): ScopedWaiver[] {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
    throw new WaiversFileError([new ManifestError(file, undefined, `cannot read the waivers file (${why})`)]);
  }
  return parseWaivers(text, file, knownRuleIds, policy);
}

/**
 * Parses the text of a waivers file (see {@link readWaiversFile}).
 * @throws WaiversFileError listing every problem
 */
export function parseWaivers(text: string, file: string, knownRuleIds: ReadonlySet<string>, policy: WaiverPolicy = {}): ScopedWaiver[] {
  let stream;
  try {
    stream = loadYamlStream(text, file);
  } catch (e) {
    if (e instanceof ManifestError) throw new WaiversFileError([e]);
    throw e;
  }
  if (stream.documents.length === 0) return [];
  if (stream.documents.length > 1) {
    throw new WaiversFileError([new ManifestError(file, stream.documents[1].line, 'a waivers file holds one YAML document: a list of waivers')]);
  }
  const doc = stream.documents[0];
  if (!Array.isArray(doc.value)) {
    throw new WaiversFileError([
      new ManifestError(file, doc.line, `a waivers file must be a list of waivers (each with ruleId and reason), got ${describe(doc.value)}`),
    ]);
  }
  const problems: ManifestError[] = [];
  const waivers: ScopedWaiver[] = [];
  doc.value.forEach((w: unknown, i: number) => {
    const line = w !== null && typeof w === 'object' ? stream.lineOf(w) ?? doc.line : doc.line;
    const found = scopedWaiverProblems(w, knownRuleIds, policy);
    if (found.length > 0) {
      const rule = (w as any)?.ruleId;
      const which = typeof rule === 'string' && rule !== '' ? `waiver ${i} (rule '${rule}')` : `waiver ${i}`;
      problems.push(new ManifestError(file, line, `${which}: ${found.join('; ')}`));
    } else {
      waivers.push(w as ScopedWaiver);
    }
  });
  if (problems.length > 0) throw new WaiversFileError(problems);
  return waivers;
}

/** A waivers file that cannot be used; `problems` holds one error per bad waiver. */
export class WaiversFileError extends Error {
  constructor(public readonly problems: readonly ManifestError[]) {
    super(problems.map((p) => p.message).join('\n'));
    this.name = 'WaiversFileError';
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}
