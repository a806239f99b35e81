import { DAEMON_CONFIG } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { daemonFile, nonEmptyString, showJson } from '../support/daemon-config';

/**
 * Where a rootless daemon reads its configuration (`~/.config/docker/daemon.json`, or
 * `$XDG_CONFIG_HOME/docker/daemon.json` with the default XDG_CONFIG_HOME): a file at such a path
 * declares rootless mode, in which the whole daemon runs in a user namespace.
 */
const ROOTLESS_PATH = /(^|[\\/])\.config[\\/]docker[\\/]daemon\.json$/;

/** Containers run in a remapped user namespace, or the daemon is rootless (CIS Docker Benchmark 2.9, 2.1). */
export const daemonUsernsRemap: Rule = {
  id: 'docker-daemon-userns-remap',
  title: 'The Docker daemon must remap container users to an unprivileged host range (userns-remap), or run rootless',
  description:
    'Without a user namespace, root in a container is root on the host: one container escape (a kernel or runtime ' +
    'bug) reads every PHI volume of every container. "userns-remap" maps container UIDs to a subordinate range of ' +
    'an unprivileged user ("default" creates dockremap). CIS rates it Level 2 (2.9) because some images and volume ' +
    'permissions need adjusting; for hosts that hold PHI the blast radius of an escape outweighs that, so it is an ' +
    'error here. A rootless daemon (CIS 2.1) runs entirely in a user namespace and passes; it is declared in the file ' +
    '("rootless": true, dockerd\'s own option) or by where the file lives: ~/.config/docker/daemon.json, the path the ' +
    'rootless daemon reads. hipaa-check cannot see a running daemon.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(c)(1)'],
  kinds: [DAEMON_CONFIG],
  fix: 'Set "userns-remap": "default" (or "<user>:<group>" with /etc/subuid and /etc/subgid ranges), or run the daemon rootless ("rootless": true, its file at ~/.config/docker/daemon.json).',
  check(resource, _ctx, report) {
    if (ROOTLESS_PATH.test(resource.name) || resource.body.rootless === true) return;
    const remap = resource.body['userns-remap'];
    if (nonEmptyString(remap) !== undefined) return;
    report({
      path: 'userns-remap',
      message: `${daemonFile(resource)} ${remap === undefined ? 'does not set "userns-remap"' : `sets "userns-remap": ${showJson(remap)}`}: root in a container is root on the host`,
    });
  },
};
