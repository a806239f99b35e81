/**
 * Container image references, read the way the container runtime reads them (the
 * `distribution/reference` normalisation Docker and containerd use), and the
 * `allowedRegistries` patterns they are matched against. Shared by the image rules; not a rule.
 */
import type { RuleContext } from '../../../check/context';
import { SettingsError } from '../../../check/settings-error';

/** The registry Docker uses when a reference names none. */
export const DOCKER_HUB = 'docker.io';

/** A parsed image reference. */
export interface ImageReference {
  /** The reference as written. */
  readonly raw: string;
  /** Registry host (with port), lower case; `docker.io` when the reference names none. */
  readonly registry: string;
  /** Whether the registry was implied (`nginx`, `acme/api`) rather than written. */
  readonly implicitRegistry: boolean;
  /** Repository path inside the registry, e.g. `library/nginx`, `acme/api`. */
  readonly repository: string;
  /** Tag, when one is written. @default - none */
  readonly tag?: string;
  /** Digest (`sha256:…`) after `@`, when one is written. @default - none */
  readonly digest?: string;
  /** The fully qualified name without tag or digest, e.g. `docker.io/library/nginx`. */
  readonly name: string;
}

/** A `sha256` digest as the OCI image spec writes it: 64 lower-case hex characters. */
export const SHA256_DIGEST = /^sha256:[0-9a-f]{64}$/;
const DOMAIN_HINT = /[.:]/;
const DIGITS = /^[0-9]+$/;

/** Parses an image reference; never throws (a malformed reference parses to something that fails the checks). */
export function parseImageReference(raw: string): ImageReference {
  let rest = raw;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const slash = rest.indexOf('/');
  let registry: string;
  let repository: string;
  let implicitRegistry: boolean;
  const first = slash < 0 ? '' : rest.slice(0, slash);
  if (slash < 0 || (!DOMAIN_HINT.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
    registry = DOCKER_HUB;
    repository = rest;
    implicitRegistry = true;
  } else {
    registry = first.toLowerCase();
    repository = rest.slice(slash + 1);
    implicitRegistry = false;
  }
  if (registry === 'index.docker.io') registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && !repository.includes('/')) repository = `library/${repository}`;
  return { raw, registry, implicitRegistry, repository, tag, digest, name: `${registry}/${repository}` };
}

/** Whether the reference is pinned by a sha256 digest, as k8s-image-digest requires (a tag may stay before `@`). */
export function hasSha256Digest(ref: Pick<ImageReference, 'digest'>): boolean {
  return ref.digest !== undefined && SHA256_DIGEST.test(ref.digest);
}

/** {@link hasSha256Digest} of an image string: what constructs refuse before the rule would flag it. */
export function pinnedByDigest(image: string): boolean {
  return hasSha256Digest(parseImageReference(image));
}

/**
 * The parsed reference of an image, parsed once per check and image string (workloads
 * share images, so later lookups cost one map read).
 */
export function imageReference(ctx: RuleContext, image: string): ImageReference {
  const cache = ctx.memo('k8s-workload/image-references', () => new Map<string, ImageReference>());
  let ref = cache.get(image);
  if (ref === undefined) {
    ref = parseImageReference(image);
    cache.set(image, ref);
  }
  return ref;
}

/** A compiled `allowedRegistries` entry. */
export interface RegistryPattern {
  /** The entry as written. */
  readonly source: string;
  /** Host name labels, lower case; `*` matches exactly one label. */
  readonly labels: readonly string[];
  /** Port, or '' when the entry names none. */
  readonly port: string;
  /** Path prefix without surrounding slashes, or '' for the whole registry. */
  readonly path: string;
}

/**
 * Compiles an `allowedRegistries` entry: a host (`ghcr.io`, `localhost:5000`), a host and a
 * path prefix matched on segment boundaries (`ghcr.io/acme` allows `ghcr.io/acme/api` but not
 * `ghcr.io/acme-evil/api`), with `*` standing for exactly one DNS label of the host
 * (`*.dkr.ecr.*.amazonaws.com`). Throws on an entry that cannot mean what its author wants.
 */
export function compileRegistryPattern(entry: string): RegistryPattern {
  const bad = (why: string): never => {
    throw new SettingsError(`allowedRegistries entry ${JSON.stringify(entry)} is not valid: ${why}`);
  };
  if (typeof entry !== 'string' || entry.trim() === '') bad('it is empty; write a registry host such as ghcr.io');
  const text = entry.trim();
  if (text.includes('://')) bad(`write the registry without a scheme, e.g. ${JSON.stringify(text.slice(text.indexOf('://') + 3))}`);
  if (text.includes('@')) bad('a registry entry cannot contain a digest or credentials');
  let slash = text.indexOf('/');
  if (slash < 0) slash = text.length;
  const hostPort = text.slice(0, slash).toLowerCase();
  const path = trimSlashes(text.slice(slash + 1));
  if (path.includes('*')) bad("'*' stands for one DNS label of the host; it cannot be used in the path");
  if (path.includes(':')) bad('a path prefix cannot contain a tag');
  const colon = hostPort.indexOf(':');
  let host = colon < 0 ? hostPort : hostPort.slice(0, colon);
  const port = colon < 0 ? '' : hostPort.slice(colon + 1);
  if (colon >= 0 && !DIGITS.test(port)) bad(`port ${JSON.stringify(port)} is not a number`);
  if (host === 'index.docker.io') host = DOCKER_HUB;
  const labels = host.split('.');
  for (const label of labels) {
    if (label === '') bad('the host has an empty label');
    if (label !== '*' && label.includes('*')) bad(`'*' must be a whole DNS label (as in *.dkr.ecr.*.amazonaws.com), not part of ${JSON.stringify(label)}`);
  }
  if (labels.every((l) => l === '*')) bad('the host must name at least one label; a bare * would allow every registry');
  return { source: entry, labels, port, path };
}

/** Whether an image (already parsed) comes from a registry (and path) a pattern allows. */
export function registryPatternMatches(pattern: RegistryPattern, ref: ImageReference): boolean {
  const reg = ref.registry;
  const colon = reg.indexOf(':');
  const hostEnd = colon < 0 ? reg.length : colon;
  if (colon < 0 ? pattern.port !== '' : pattern.port !== reg.slice(colon + 1)) return false;
  let start = 0;
  const labels = pattern.labels;
  for (let i = 0; i < labels.length; i++) {
    let end = reg.indexOf('.', start);
    if (end < 0 || end > hostEnd) end = hostEnd;
    if (end === start) return false;
    const last = i === labels.length - 1;
    if (last !== (end === hostEnd)) return false;
    const want = labels[i];
    if (want !== '*' && (want.length !== end - start || !reg.startsWith(want, start))) return false;
    start = end + 1;
  }
  const path = pattern.path;
  if (path === '') return true;
  const repo = ref.repository;
  return repo.startsWith(path) && (repo.length === path.length || repo.charCodeAt(path.length) === 47 /* '/' */);
}

function trimSlashes(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s[a] === '/') a++;
  while (b > a && s[b - 1] === '/') b--;
  return s.slice(a, b);
}
