import { itemPath } from '../../../check/docker/compose-path';
import { COMPOSE_SERVICE } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { ALLOWED_ADDED_CAPABILITIES, capabilityName } from '../support/compose-capabilities';
import { shown } from '../support/compose-interpolation';
import { serviceLabel } from '../support/compose-service';

/** Why some capabilities are worse than others, for messages. */
const DANGEROUS: Readonly<Record<string, string>> = {
  ALL: 'every capability',
  SYS_ADMIN: 'mount, namespaces and most of root',
  NET_ADMIN: 'reconfigure networking and firewall rules',
  SYS_PTRACE: 'read the memory of other processes',
  SYS_MODULE: 'load kernel modules',
  DAC_READ_SEARCH: 'read any file, open host files by handle',
  DAC_OVERRIDE: 'bypass file permissions',
  NET_RAW: 'forge packets',
  SYS_RAWIO: 'raw device and port I/O',
  SYS_BOOT: 'reboot the host',
  SYS_TIME: 'change the host clock',
  BPF: 'load BPF programs',
  PERFMON: 'observe other processes',
  MKNOD: 'create device nodes',
};

/** Drop all capabilities; add back only a few harmless ones. */
export const composeDropCapabilities: Rule = {
  id: 'docker-compose-drop-capabilities',
  title: 'A Compose service must drop ALL capabilities and add back only NET_BIND_SERVICE, CHOWN, SETUID or SETGID',
  description:
    'Docker gives every container a default set of Linux capabilities (NET_RAW, MKNOD, DAC_OVERRIDE, SETFCAP...) that a ' +
    'typical service never needs and an attacker uses to spoof traffic, create devices or bypass file permissions on PHI ' +
    'volumes. cap_drop: [ALL] removes them (ALL in any case, with or without the CAP_ prefix); cap_add may then add back only ' +
    'NET_BIND_SERVICE (ports below 1024), CHOWN, SETUID and SETGID (an entrypoint that fixes ownership and drops to its user). ' +
    'Any other added capability is flagged by name: SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE, DAC_READ_SEARCH, DAC_OVERRIDE, ' +
    'ALL. CIS Docker Benchmark 5.3; NIST SP 800-190 4.4.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(c)(1)'],
  kinds: [COMPOSE_SERVICE],
  fix: 'Set cap_drop: [ALL], and add back with cap_add only what the process needs from NET_BIND_SERVICE, CHOWN, SETUID and SETGID.',
  check(resource, _ctx, report) {
    const body = resource.body;
    const who = serviceLabel(resource);
    const drop = body.cap_drop;
    if (!Array.isArray(drop) || !drop.some((c) => capabilityName(c) === 'ALL')) {
      report({
        path: 'cap_drop',
        message: `${who} does not drop all capabilities (${drop === undefined ? 'cap_drop is not set' : `cap_drop: ${shown(drop)}`})`,
      });
    }
    const add = body.cap_add;
    if (!Array.isArray(add)) return;
    add.forEach((cap, i) => {
      const name = capabilityName(cap);
      if (ALLOWED_ADDED_CAPABILITIES.includes(name)) return;
      const why = DANGEROUS[name];
      report({
        path: itemPath('cap_add', i),
        message: `${who} adds capability ${name}${why ? ` (${why})` : ''} (cap_add: ${shown(cap)})`,
      });
    });
  },
};
