/**
 * Reading a Docker daemon configuration (daemon.json) into one `docker:DaemonConfig` object.
 * STUB: the daemon.json reader is being written (issue 12).
 */
import type { ManifestError } from '../manifest-error';
import type { Resource } from '../resource';

/** Reads one daemon.json. Problems (not JSON, not an object) are pushed onto `problems`. */
export function readDaemonConfig(text: string, file: string, problems: ManifestError[]): Resource[] {
  void text;
  void file;
  void problems;
  return [];
}
