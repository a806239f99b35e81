import type { BaaRegister } from './baa-register';

/** A register file that cannot be used: every problem, each naming the file, line and field. */
export class BaaRegisterError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'BaaRegisterError';
  }
}

/** Reads and validates `hipaa-baa.yaml` (a path resolved against `cwd`); throws BaaRegisterError listing every problem. */
export function readBaaRegister(_file: string, _cwd: string = process.cwd()): BaaRegister {
  throw new Error('readBaaRegister: not implemented yet');
}

/** Validates a register's text (YAML or JSON); `file` names it in messages. Throws BaaRegisterError listing every problem. */
export function parseBaaRegister(_text: string, _file: string): BaaRegister {
  throw new Error('parseBaaRegister: not implemented yet');
}
