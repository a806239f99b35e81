/**
 * Runs CEL expressions the way a ValidatingAdmissionPolicy does (its `variables` in order, each
 * readable as `variables.<name>`, then the expressions, with `object` bound to the request's
 * object), in the CEL evaluator @marcbachmann/cel-js. That package is ESM-only, so the
 * evaluation runs in a child node process (test/helpers/cel-eval.mjs); batch all cases of a test
 * file into one call.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';

/** A `variables` entry. */
export interface CelVariableSpec {
  readonly name: string;
  readonly expression: string;
}

/** One object to evaluate the expressions against. */
export interface CelCase {
  readonly variables: readonly CelVariableSpec[];
  readonly expressions: readonly string[];
  readonly object: unknown;
}

/** The value of an expression, or the error evaluating it. */
export interface CelResult {
  readonly value?: unknown;
  readonly error?: string;
}

/** What {@link runCel} returns: per parsed expression its error (if any), per case one result per expression. */
export interface CelRun {
  readonly parsed: Array<{ expression: string; error?: string }>;
  readonly results: CelResult[][];
}

/** Parses each expression (undefined for those that parse, else the error) and evaluates each case. */
export function runCel(parseOnly: readonly string[], cases: readonly CelCase[]): CelRun {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'cel-eval.mjs')], {
    input: JSON.stringify({ parseOnly, cases }),
    encoding: 'utf8',
    cwd: path.join(__dirname, '..', '..'),
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out);
}
