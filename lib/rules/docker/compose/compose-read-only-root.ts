import { COMPOSE_SERVICE } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { composeBoolean } from '../support/compose-boolean';
import { shown } from '../support/compose-interpolation';
import { serviceLabel } from '../support/compose-service';
import { composeMounts } from '../support/compose-volumes';

/** Read-only root filesystem, with tmpfs for the paths that must be writable. */
export const composeReadOnlyRoot: Rule = {
  id: 'docker-compose-read-only-root',
  title: 'A Compose service must set read_only: true and give writable paths a tmpfs',
  description:
    'A writable root filesystem lets an attacker who runs code in the container replace its binaries, plant tools and persist ' +
    'changes for as long as the container lives, and lets the application write PHI to places nobody reviewed. read_only: true ' +
    'mounts the image read-only; paths that must be writable (/tmp, a cache) get a tmpfs, which lives in memory and disappears ' +
    'with the container. The tmpfs is required so that read_only is a working setting rather than one removed at the first ' +
    'write error. CIS Docker Benchmark 5.13; NIST SP 800-190 4.4.',
  severity: 'error',
  controls: ['164.312(c)(1)', '164.312(a)(1)'],
  kinds: [COMPOSE_SERVICE],
  fix: 'Set read_only: true and tmpfs: ["/tmp:size=64m,mode=1777"] (one entry per path the process writes), or a volume of type tmpfs.',
  check(resource, _ctx, report) {
    const body = resource.body;
    const who = serviceLabel(resource);
    const readOnly = composeBoolean(body.read_only);
    if (readOnly !== true) {
      report({
        path: 'read_only',
        message: `${who} has a writable root filesystem (${body.read_only === undefined ? 'read_only is not set' : `read_only: ${shown(body.read_only)}`})`,
      });
      return;
    }
    const tmpfs = body.tmpfs;
    const hasTmpfs = (typeof tmpfs === 'string' && tmpfs.trim() !== '') || (Array.isArray(tmpfs) && tmpfs.length > 0) || composeMounts(body.volumes).some((m) => m.type === 'tmpfs');
    if (!hasTmpfs) {
      report({ path: 'tmpfs', message: `${who} has read_only: true but no tmpfs (tmpfs: or a volume of type tmpfs) for the paths it must write, such as /tmp` });
    }
  },
};
