import { COMPOSE_SERVICE } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { shown } from '../support/compose-interpolation';
import { serviceLabel } from '../support/compose-service';
import { ComposeMount, composeMounts } from '../support/compose-volumes';

/** Container runtime sockets: whoever talks to one controls every container and the host. */
const RUNTIME_SOCKET = /(?:docker|containerd|podman|crio|dockershim|cri-dockerd)\.sock\b|docker_engine/i;

/** Host directories no service mounts (nor anything under them). */
export const SENSITIVE_HOST_PATHS: readonly string[] = [
  '/', '/bin', '/boot', '/dev', '/etc', '/lib', '/lib32', '/lib64', '/proc', '/root', '/run', '/sbin', '/sys', '/usr',
  '/var/run', '/var/log', '/var/lib/docker', '/var/lib/containerd', '/var/lib/kubelet',
];

/** Host files that are safe to mount read-only: the host's time zone, so container logs carry the host's time. */
const READ_ONLY_ALLOWED: readonly string[] = ['/etc/localtime', '/etc/timezone'];

/** A host path as the kernel resolves it: slashes collapsed, `.` and `..` resolved, no trailing slash. */
export function normalizeHostPath(source: string): string {
  const parts: string[] = [];
  for (const part of source.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

function sensitive(path: string): string | undefined {
  let found: string | undefined;
  for (const dir of SENSITIVE_HOST_PATHS) {
    if (path === dir || (dir === '/' ? false : path.startsWith(`${dir}/`))) found = found === undefined || dir.length > found.length ? dir : found;
  }
  return path === '/' ? '/' : found;
}

/** No runtime sockets, no sensitive host directories, no shared propagation. */
export const composeHostMounts: Rule = {
  id: 'docker-compose-host-mounts',
  title: 'A Compose service must not mount the Docker socket or sensitive host paths, nor use shared mount propagation',
  description:
    'Mounting /var/run/docker.sock (or any containerd, podman or CRI socket, or the docker_engine pipe) gives the container the ' +
    'Docker API: it can start a privileged container and own the host. Mounting /, /etc, /proc, /sys, /dev, /boot, /root, ' +
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
  if (mount.readOnly && READ_ONLY_ALLOWED.includes(host)) return undefined;
  const dir = sensitive(host);
  if (dir === undefined) return undefined;
  return `mounts the host path ${shown(mount.source)}${dir !== host ? ` (under ${dir})` : ''}${mount.readOnly ? ' read-only' : ''} at ${shown(mount.target)}`;
}
