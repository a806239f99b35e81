/** Input that cannot be read as Kubernetes objects; names the file and, when known, the line. */
export class ManifestError extends Error {
  constructor(
    /** The file (as given) the problem is in. */
    public readonly file: string,
    /** 1-based line of the problem. */
    public readonly line: number | undefined,
    /** What is wrong, without the location. */
    public readonly reason: string,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${reason}`);
    this.name = 'ManifestError';
  }
}
