import { COMPOSE_SERVICE } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { interpolatedVariables, shown } from '../support/compose-interpolation';
import { serviceLabel } from '../support/compose-service';
import { containerUser } from '../support/container-user';

/** Containers run as a non-root numeric UID. */
export const composeNonRootUser: Rule = {
  id: 'docker-compose-non-root-user',
  title: 'A Compose service must set user: to a non-root numeric UID',
  description:
    'A process running as root in a container is root on the host kernel\'s terms: one container escape or one writable host ' +
    'mount gives full control of the host and of every PHI volume on it. Without user: the container runs as the image\'s USER, ' +
    'which the Compose file does not show, and that is root unless the image says otherwise. A user name is resolved in the ' +
    'image\'s /etc/passwd at start, so only a numeric UID proves the container is not root. root, 0, +0, 000 and 0:0 are all root. ' +
    'A value interpolated from the environment (${UID}) is unknown to the checker and is flagged naming the variable. The group ' +
    '(after the colon) is not judged: GID 0 is common in images built to run under arbitrary UIDs. CIS Docker ' +
    'Benchmark 4.1 and 5.x; NIST SP 800-190 4.4.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(c)(1)'],
  kinds: [COMPOSE_SERVICE],
  fix: 'Set user: "10001:10001" (any UID other than 0, written as a number) on the service, and make the files the process writes owned by that UID.',
  check(resource, _ctx, report) {
    const user: unknown = resource.body.user;
    const who = serviceLabel(resource);
    if (user === undefined || user === null || user === '') {
      report({ path: 'user', message: `${who} sets no user: it runs as the image's USER, which the Compose file does not show (root unless the image sets another)` });
      return;
    }
    const text = String(user).trim();
    const variables = interpolatedVariables(text);
    if (variables.length > 0) {
      report({ path: 'user', message: `${who} takes its user from ${variables.map((v) => `\${${v}}`).join(', ')} (user ${shown(user)}), which the checker cannot see; write the numeric UID` });
      return;
    }
    const { user: name, kind } = containerUser(text);
    if (kind === 'root') {
      report({ path: 'user', message: `${who} runs as root (user ${shown(user)})` });
    } else if (kind === 'name') {
      report({ path: 'user', message: `${who} runs as user name ${shown(name)}, not a numeric UID: the name is resolved in the image, so the checker cannot prove it is not root (user ${shown(user)})` });
    }
  },
};
