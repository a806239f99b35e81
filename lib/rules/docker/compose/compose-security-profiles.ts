import { COMPOSE_SERVICE } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { shown } from '../support/compose-interpolation';
import { securityOpts } from '../support/compose-security-opt';
import { serviceLabel } from '../support/compose-service';

/** What each confinement switched off means, for messages. */
const UNCONFINED: Readonly<Record<string, { readonly value: string; readonly what: string }>> = {
  seccomp: { value: 'unconfined', what: 'runs without a seccomp profile (every system call allowed)' },
  apparmor: { value: 'unconfined', what: 'runs without an AppArmor profile' },
  label: { value: 'disable', what: 'turns SELinux labelling off' },
  systempaths: { value: 'unconfined', what: 'unmasks /proc and /sys paths the daemon hides' },
};

/** seccomp, AppArmor and SELinux stay on. */
export const composeSecurityProfiles: Rule = {
  id: 'docker-compose-security-profiles',
  title: 'A Compose service must not run with seccomp or AppArmor unconfined or SELinux labels disabled',
  description:
    'Docker confines every container with a seccomp profile (about 44 dangerous system calls blocked), an AppArmor profile ' +
    '(docker-default) or SELinux labels, and masks sensitive /proc and /sys paths. security_opt can switch each off: ' +
    'seccomp=unconfined, apparmor=unconfined, label=disable (or the bare word disable) and systempaths=unconfined; the ' +
    'older colon forms (seccomp:unconfined, label:disable) mean the same and are flagged too. Without them a kernel bug ' +
    'reachable from the container becomes a host escape. A custom profile (seccomp=/path/profile.json, apparmor=my-profile) ' +
    'is accepted. CIS Docker Benchmark 5.1, 5.2 and 5.21.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(c)(1)'],
  kinds: [COMPOSE_SERVICE],
  fix: 'Remove the seccomp/apparmor unconfined, label disable and systempaths unconfined entries from security_opt; if the default profile blocks a system call the service needs, write a profile that allows just that call and set seccomp=<file>.',
  check(resource, _ctx, report) {
    const who = serviceLabel(resource);
    for (const opt of securityOpts(resource.body.security_opt)) {
      const off = UNCONFINED[opt.name];
      if (off === undefined || opt.value === undefined || opt.value.toLowerCase() !== off.value) continue;
      report({ path: opt.path, message: `${who} ${off.what} (security_opt: ${shown(opt.raw)})` });
    }
  },
};
