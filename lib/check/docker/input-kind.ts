/**
 * Which reader a file goes to, by its name: Docker tools find their files by name, so hipaa-check
 * does too, in directories and for files given as arguments. Everything else with a .yaml, .yml or
 * .json ending is Kubernetes YAML.
 */
import * as path from 'path';

/** The formats hipaa-check reads. */
export type InputKind = 'kubernetes' | 'dockerfile' | 'compose' | 'compose-override' | 'daemon';

// Dockerfile, Dockerfile.prod, api.dockerfile, Containerfile, Containerfile.dev (any case of the extension).
const DOCKERFILE = /^(?:(?:Dockerfile|Containerfile)(?:\..+)?|.+\.(?:dockerfile|containerfile))$/i;
// compose.yaml, docker-compose.yml: the files `docker compose` reads by default.
const COMPOSE = /^(?:docker-)?compose\.ya?ml$/;
// compose.override.yaml, docker-compose.prod.yml: files layered over the base file with -f.
const COMPOSE_OVERRIDE = /^(?:docker-)?compose\.[^/]+\.ya?ml$/;

/** The reader for a file, by its base name; undefined when hipaa-check does not read such files in directories. */
export function inputKindOf(file: string): InputKind | undefined {
  const base = path.basename(file);
  // Dockerfile.dockerignore is the ignore file of one Dockerfile, not a Dockerfile.
  if (base.toLowerCase().endsWith('.dockerignore')) return undefined;
  if (DOCKERFILE.test(base)) return 'dockerfile';
  if (COMPOSE.test(base)) return 'compose';
  if (COMPOSE_OVERRIDE.test(base)) return 'compose-override';
  if (base === 'daemon.json') return 'daemon';
  const ext = path.extname(base).toLowerCase();
  if (ext === '.yaml' || ext === '.yml' || ext === '.json') return 'kubernetes';
  return undefined;
}
