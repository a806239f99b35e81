/**
 * Host paths a container must not mount, one list for the rule docker-compose-host-mounts and the
 * generator SecureComposeService that refuses them at construction.
 */

/** Container runtime sockets (and the Windows docker_engine pipe): whoever talks to one controls every container and the host. */
export const RUNTIME_SOCKET = /(?:docker|containerd|podman|crio|dockershim|cri-dockerd)\.sock\b|docker_engine/i;

/**
 * Host directories no service mounts, nor anything under them (`/` only itself): host configuration and
 * credentials (/etc, /root, /home: SSH keys, cloud and registry credentials), kernel interfaces, the
 * host's programs, logs and the runtimes' state (other containers' data).
 */
export const SENSITIVE_HOST_PATHS: readonly string[] = [
  '/', '/bin', '/boot', '/dev', '/etc', '/home', '/lib', '/lib32', '/lib64', '/proc', '/root', '/run', '/sbin', '/sys', '/usr',
  '/var/run', '/var/log', '/var/lib/docker', '/var/lib/containerd', '/var/lib/kubelet',
];

/** Host files that are safe to mount read-only: the host's time zone, so container logs carry the host's time. */
export const READ_ONLY_HOST_FILES: readonly string[] = ['/etc/localtime', '/etc/timezone'];

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

/** The sensitive directory a normalized host path is (or is under), the longest that matches. @returns undefined when it is none */
export function sensitiveHostDirectory(path: string): string | undefined {
  if (path === '/') return '/';
  let found: string | undefined;
  for (const dir of SENSITIVE_HOST_PATHS) {
    if (dir !== '/' && (path === dir || path.startsWith(`${dir}/`)) && (found === undefined || dir.length > found.length)) found = dir;
  }
  return found;
}

/** Whether a normalized host path may be mounted read-only although it lies under a sensitive directory. */
export function isReadOnlyHostFile(path: string): boolean {
  return READ_ONLY_HOST_FILES.includes(path);
}
