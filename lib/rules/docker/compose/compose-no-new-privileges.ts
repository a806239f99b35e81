import { COMPOSE_SERVICE } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { shown } from '../support/compose-interpolation';
import { goParseBool, securityOpts } from '../support/compose-security-opt';
import { serviceLabel } from '../support/compose-service';

/** no-new-privileges in security_opt. */
export const composeNoNewPrivileges: Rule = {
  id: 'docker-compose-no-new-privileges',
  title: 'A Compose service must set no-new-privileges in security_opt',
  description:
    'Without no-new-privileges a process in the container can gain privileges through setuid and setgid binaries or file ' +
    'capabilities (sudo, su, ping), which turns a code-execution bug into root in the container. The daemon accepts ' +
    'no-new-privileges (bare), no-new-privileges=true and the older no-new-privileges:true, all accepted here; the value is read ' +
    'like Go\'s strconv.ParseBool as the daemon does (1, t, true, True, TRUE), and the last entry wins, so a later ' +
    'no-new-privileges:false turns it off. A daemon.json default (no-new-privileges: true) is not visible in the Compose file; ' +
    'set it on the service too. CIS Docker Benchmark 5.26.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(c)(1)'],
  kinds: [COMPOSE_SERVICE],
  fix: 'Add security_opt: ["no-new-privileges:true"] to the service (or no-new-privileges=true).',
  check(resource, _ctx, report) {
    const who = serviceLabel(resource);
    const entries = securityOpts(resource.body.security_opt).filter((o) => o.name === 'no-new-privileges');
    const last = entries[entries.length - 1];
    if (last === undefined) {
      report({ path: 'security_opt', message: `${who} does not set no-new-privileges (security_opt: ${resource.body.security_opt === undefined ? 'not set' : shown(resource.body.security_opt)})` });
      return;
    }
    if (last.value === undefined) return;
    const value = goParseBool(last.value);
    if (value === true) return;
    report({
      path: last.path,
      message: value === false ? `${who} turns no-new-privileges off (${shown(last.raw)})` : `${who} sets no-new-privileges to ${shown(last.value)}, which the daemon refuses (${shown(last.raw)})`,
    });
  },
};
