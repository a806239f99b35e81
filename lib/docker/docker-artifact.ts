import { Construct } from 'constructs';
import type { ScopedWaiver } from '../check/waiver';

const ARTIFACT = Symbol.for('hipaa-constructs.DockerArtifact');

/**
 * A file a {@link HipaaDockerApp} writes (a daemon.json, a Compose file). Subclasses render their text;
 * the app reads it back with hipaa-check's reader for its name, checks it with the Docker pack and
 * writes it only when nothing unwaived stands.
 */
export abstract class DockerArtifact extends Construct {
  /** Whether a construct is a DockerArtifact (also one of another loaded copy of this package). */
  public static isDockerArtifact(x: unknown): x is DockerArtifact {
    return x !== null && typeof x === 'object' && ARTIFACT in x;
  }

  /**
   * The file's path relative to the app's outdir, e.g. `daemon.json` or `phi-api/compose.yaml`. Its base
   * name says how it is read back and checked (see inputKindOf), as hipaa-check would read it.
   */
  public abstract readonly fileName: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    Object.defineProperty(this, ARTIFACT, { value: true });
  }

  /** The file's text, exactly as it is written. */
  public abstract render(): string;

  /**
   * Waivers the file cannot carry itself (daemon.json has no place for them), given to the check with
   * their target set to this file's objects. @default - none
   */
  public checkerWaivers(): ScopedWaiver[] {
    return [];
  }
}
