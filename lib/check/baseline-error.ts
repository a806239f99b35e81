/** A baseline file that cannot be used: every problem, each naming the file and, for an entry, its index and field. */
export class BaselineError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'BaselineError';
  }
}
