import * as path from 'path';
import type { BaaRegister } from '../baa/baa-register';
import type { Baseline } from '../check/baseline';

// The register and baseline files a validation names, read once per process and path (at enable,
// where a broken file is refused); the readers load on first use, so the cdk8s entry stays cheap.
const registers = new Map<string, BaaRegister>();
const baselines = new Map<string, Baseline>();

/** The BAA register at `file` (resolved against the working directory), read and validated on first use; throws listing every problem. */
export function baaRegisterAt(file: string): BaaRegister {
  const abs = path.resolve(file);
  let register = registers.get(abs);
  if (!register) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    register = (require('../baa/read-baa-register') as typeof import('../baa/read-baa-register')).readBaaRegister(file);
    registers.set(abs, register);
  }
  return register;
}

/** The baseline at `file` (resolved against the working directory), read and validated on first use; throws listing every problem. */
export function baselineAt(file: string): Baseline {
  const abs = path.resolve(file);
  let baseline = baselines.get(abs);
  if (!baseline) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    baseline = (require('../check/baseline-file') as typeof import('../check/baseline-file')).readBaseline(file);
    baselines.set(abs, baseline);
  }
  return baseline;
}
