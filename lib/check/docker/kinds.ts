/**
 * The engine kinds of the Docker formats. Each has a colon, so rules of every Kubernetes kind (`*`)
 * and Kubernetes waiver annotations never apply to them (see isKubernetesKind), and none is a Pulumi
 * type token (`docker:Dockerfile` has one colon, a token two).
 *
 * - `docker:Dockerfile`: one object per Dockerfile; name = the file as given; body = {@link DockerfileBody}.
 * - `docker:ComposeService`: one object per service of a Compose project; name = the service key;
 *   namespace = the project (its base file as given); body = the service definition after merge keys
 *   and override files, `${VAR}` left as written.
 * - `docker:ComposeNetwork`: one object per network a project declares or uses (`default` included); name =
 *   the network key; namespace = the project; body = its definition (`{}` when implicit).
 * - `docker:ComposeProject`: one object per project; name = namespace = the project; body = the merged
 *   top level (services, networks, secrets, volumes, configs, `x-*`): for rules about the whole project.
 * - `docker:DaemonConfig`: one object per daemon.json; name = the file as given; body = the parsed JSON.
 */

/** A Dockerfile. */
export const DOCKERFILE = 'docker:Dockerfile';
/** A service of a Compose project. */
export const COMPOSE_SERVICE = 'docker:ComposeService';
/** A network of a Compose project. */
export const COMPOSE_NETWORK = 'docker:ComposeNetwork';
/** A whole Compose project. */
export const COMPOSE_PROJECT = 'docker:ComposeProject';
/** A Docker daemon configuration (daemon.json). */
export const DAEMON_CONFIG = 'docker:DaemonConfig';

/** Every Docker kind. */
export const DOCKER_KINDS: readonly string[] = [DOCKERFILE, COMPOSE_SERVICE, COMPOSE_NETWORK, COMPOSE_PROJECT, DAEMON_CONFIG];

/** Whether a kind is one of the Docker formats'. */
export function isDockerKind(kind: string): boolean {
  return kind.startsWith('docker:') && DOCKER_KINDS.includes(kind);
}
