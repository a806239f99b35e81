import { COMPOSE_SERVICE } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { shown } from '../support/compose-interpolation';
import { serviceLabel } from '../support/compose-service';
import { ComposeMount, composeMounts } from '../support/compose-volumes';
import { isReadOnlyHostFile, normalizeHostPath, RUNTIME_SOCKET, sensitiveHostDirectory } from '../support/host-paths';

/** No runtime sockets, no sensitive host directories, no shared propagation. */
export const composeHostMounts: Rule = {
  id: 'docker-compose-host-mounts',
  title: 'A Compose service must not mount the Docker socket or sensitive host paths, nor use shared mount propagation',
  description:
    'Mounting /var/run/docker.sock (or any containerd, podman or CRI socket, or the docker_engine pipe) gives the container the ' +
    'Docker API: it can start a privileged container and own the host. Mounting /, /etc, /proc, /sys, /dev, /boot, /root, /home, ' +
    '/usr, /lib, /run, /var/run, /var/log or /var/lib/docker (or anything under them) exposes host credentials, kernel ' +
    'interfaces and other containers\' data, PHI volumes included; even read-only, they leak secrets. The host\'s ' +
    '/etc/localtime and /etc/timezone may be mounted read-only. shared and rshared propagation let mounts made in the ' +
    'container appear on the host. Named volumes and paths relative to the project (./data) are fine. CIS Docker Benchmark ' +
    '5.5, 5.19, 5.31.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(c)(1)', '164.310(d)(2)(iv)'],
  kinds: [COMPOSE_SERVICE],
  fix: 'Remove the mount: keep data in a named volume (volumes: ["app-data:/data"]) or a project directory (./data:/data); give a service that needs the Docker API a narrowly scoped proxy instead of the socket; drop shared/rshared propagation.',
  check(resource, _ctx, report) {
    const who = serviceLabel(resource);
    for (const mount of composeMounts(resource.body.volumes)) {
      const problem = mountProblem(mount);
      if (problem !== undefined) report({ path: mount.path, message: `${who} ${problem}` });
    }
  },
};

function mountProblem(mount: ComposeMount): string | undefined {
  const written = `${mount.source ?? ''}:${mount.target}`;
  if (mount.source !== undefined && RUNTIME_SOCKET.test(mount.source)) return `mounts the container runtime's socket ${shown(mount.source)} (volume ${shown(written)})`;
  if (mount.propagation === 'shared' || mount.propagation === 'rshared') return `mounts ${shown(written)} with ${mount.propagation} propagation, so its mounts reach the host`;
  if (mount.type !== 'bind' || mount.source === undefined || !/^(?:\/|[A-Za-z]:[\\/]|\\\\)/.test(mount.source)) return undefined;
  if (/^[A-Za-z]:/.test(mount.source)) return undefined;
  const host = normalizeHostPath(mount.source);
  if (mount.readOnly && isReadOnlyHostFile(host)) return undefined;
  const dir = sensitiveHostDirectory(host);
  if (dir === undefined) return undefined;
  return `mounts the host path ${shown(mount.source)}${dir !== host ? ` (under ${dir})` : ''}${mount.readOnly ? ' read-only' : ''} at ${shown(mount.target)}`;
}
