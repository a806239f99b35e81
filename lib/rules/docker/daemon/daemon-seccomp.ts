import { DAEMON_CONFIG } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { daemonFile } from '../support/daemon-config';

/** The daemon-wide seccomp profile is not disabled (CIS Docker Benchmark 2.17). */
export const daemonSeccomp: Rule = {
  id: 'docker-daemon-seccomp',
  title: 'The Docker daemon must not disable seccomp for every container ("seccomp-profile": "unconfined")',
  description:
    'The default seccomp profile blocks some 40 system calls that containers do not need and that kernel exploits ' +
    'and escapes use (keyctl, unshare, mount, bpf...). "seccomp-profile": "unconfined" removes that filter from every ' +
    'container on the host. Unset, "builtin" or a path to a custom profile pass. CIS Docker Benchmark 2.17 (Level 2, ' +
    'about applying a custom profile); disabling the filter is never appropriate for PHI hosts, so this is an error.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(c)(1)'],
  kinds: [DAEMON_CONFIG],
  fix: 'Remove "seccomp-profile", or set it to "builtin" or the absolute path of a custom profile.',
  check(resource, _ctx, report) {
    const profile = resource.body['seccomp-profile'];
    if (typeof profile === 'string' && profile.trim().toLowerCase() === 'unconfined') {
      report({ path: 'seccomp-profile', message: `${daemonFile(resource)} sets "seccomp-profile": ${JSON.stringify(profile)}: no container on the host has a system call filter` });
    }
  },
};
