import { itemPath } from '../../../check/docker/compose-path';
import { COMPOSE_SERVICE } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { composeBoolean } from '../support/compose-boolean';
import { isInterpolated, shown } from '../support/compose-interpolation';
import { serviceLabel } from '../support/compose-service';

/** No privileged containers, no host devices. */
export const composeNoPrivileged: Rule = {
  id: 'docker-compose-no-privileged',
  title: 'A Compose service must not be privileged or be given host devices',
  description:
    'privileged: true gives the container every capability, every host device and no seccomp, AppArmor or SELinux confinement: ' +
    'it is root on the host. Compose reads true, "true" and (with a warning) yes, on and y in any case as true; a value ' +
    'interpolated from the environment cannot be proven false and is flagged. devices: and device_cgroup_rules: give the ' +
    'container raw access to host devices (disks holding PHI among them). CIS Docker Benchmark 5.5 and 5.18.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(c)(1)'],
  kinds: [COMPOSE_SERVICE],
  fix: 'Remove privileged (or set privileged: false), devices and device_cgroup_rules; add only the capability the process needs (see docker-compose-drop-capabilities).',
  check(resource, _ctx, report) {
    const body = resource.body;
    const who = serviceLabel(resource);
    const privileged = body.privileged;
    if (privileged !== undefined && privileged !== null) {
      const value = composeBoolean(privileged);
      if (value === true) {report({ path: 'privileged', message: `${who} is privileged (privileged: ${shown(privileged)})` });} else if (value === undefined) {
        report({
          path: 'privileged',
          message: isInterpolated(privileged)
            ? `${who} takes privileged from the environment (privileged: ${shown(privileged)}), which the checker cannot see`
            : `${who} sets privileged to ${shown(privileged)}, which is not a boolean`,
        });
      }
    }
    for (const field of ['devices', 'device_cgroup_rules'] as const) {
      const list = body[field];
      if (!Array.isArray(list)) continue;
      list.forEach((device, i) => {
        const text = typeof device === 'object' && device !== null ? shown(device) : shown(String(device));
        report({ path: itemPath(field, i), message: `${who} is given host device access (${field}: ${text})` });
      });
    }
  },
};
