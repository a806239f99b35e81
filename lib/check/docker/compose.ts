/**
 * Reading Compose files into `docker:ComposeProject`, `docker:ComposeService` and
 * `docker:ComposeNetwork` objects (see kinds.ts).
 * STUB: the Compose reader is being written (issue 12).
 */
import type { ManifestError } from '../manifest-error';
import type { Resource } from '../resource';

/** A Compose file that was read. */
export interface ComposeFileText {
  /** The file as given (or found in a directory). */
  readonly file: string;
  /** Its text. */
  readonly text: string;
}

/**
 * Reads the Compose files of one directory (base files such as compose.yaml and the files layered over
 * them such as compose.override.yaml, in path order) into the objects of their projects.
 * Problems are pushed onto `problems`.
 */
export function readComposeFiles(files: readonly ComposeFileText[], problems: ManifestError[]): Resource[] {
  void files;
  void problems;
  return [];
}
