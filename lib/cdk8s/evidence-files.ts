import * as path from 'path';
import type { BaaRegister } from '../baa/baa-register';
import type { Baseline } from '../check/baseline';

// The register and baseline files a validation names, read once per process and path (at enable,
// where a broken file is refused); the readers load on first use, so the cdk8s entry stays cheap.
const registers = new Map<string, BaaRegister>();
const baselines = new Map<string, Baseline>();

/** The BAA register at `file` (resolved against the working directory), read and validated on first use; throws listing every problem. */
export function baaRegisterAt(file: string): BaaRegister {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return readOnce(registers, file, () => (require('../baa/read-baa-register') as typeof import('../baa/read-baa-register')).readBaaRegister(file));
}

/** The baseline at `file` (resolved against the working directory), read and validated on first use; throws listing every problem. */
export function baselineAt(file: string): Baseline {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return readOnce(baselines, file, () => (require('../check/baseline-file') as typeof import('../check/baseline-file')).readBaseline(file));
}

function readOnce<T>(cache: Map<string, T>, file: string, read: () => T): T {
  const abs = path.resolve(file);
  let value = cache.get(abs);
  if (value === undefined) {
    value = read();
    cache.set(abs, value);
  }
  return value;
}
