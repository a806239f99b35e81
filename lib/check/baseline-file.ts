import type { Baseline } from './baseline';
import type { CheckResult } from './engine';

/** A baseline file that cannot be used: every problem, each naming the file and entry. */
export class BaselineError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'BaselineError';
  }
}

/** Reads and validates a baseline file (a path resolved against `cwd`). */
export function readBaseline(_file: string, _cwd: string = process.cwd()): Baseline {
  throw new Error('readBaseline: not implemented yet');
}

/** A baseline accepting every finding of `result` that stands (neither waived nor baselined), written at `now`. */
export function baselineOf(_result: CheckResult, _now: Date, _options: { readonly tool?: string; readonly months?: number } = {}): Baseline {
  throw new Error('baselineOf: not implemented yet');
}

/** The baseline file's text: sorted, stable JSON (a reviewable diff). */
export function renderBaseline(_baseline: Baseline): string {
  throw new Error('renderBaseline: not implemented yet');
}

/**
 * `result` with the baseline applied at `now`: matching findings marked `baselined` and out of
 * `unwaived`, `passed` recomputed, entries that matched nothing in `staleBaseline`. An expired baseline accepts nothing.
 */
export function applyBaseline(_result: CheckResult, _baseline: Baseline, _now: Date): CheckResult {
  throw new Error('applyBaseline: not implemented yet');
}

/** The baseline without the entries `result` found stale (it only shrinks). */
export function pruneBaseline(_baseline: Baseline, _result: CheckResult): Baseline {
  throw new Error('pruneBaseline: not implemented yet');
}
