/**
 * Reading Dockerfiles into one `docker:Dockerfile` object each (see kinds.ts).
 * STUB: the Dockerfile reader is being written (issue 12).
 */
import type { ManifestError } from '../manifest-error';
import type { Resource } from '../resource';

/**
 * Reads one Dockerfile. Problems (text that is not a Dockerfile) are pushed onto `problems`.
 * @param text the Dockerfile's text
 * @param file the file as given, used as the object's name and in locations
 */
export function readDockerfile(text: string, file: string, problems: ManifestError[]): Resource[] {
  void text;
  void file;
  void problems;
  return [];
}
