import { isMapping } from '../../../check/docker/compose-merge';
import { COMPOSE_SERVICE } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { shown } from '../support/compose-interpolation';
import { serviceLabel } from '../support/compose-service';

/** Logs are kept. */
export const composeLoggingDriver: Rule = {
  id: 'docker-compose-logging-driver',
  title: 'A Compose service must not set its logging driver to none',
  description:
    'logging: { driver: none } discards everything the service writes to stdout and stderr: access, error and audit events ' +
    'of a PHI service are then recorded nowhere. Any other driver keeps them; json-file and local keep them on the host, where ' +
    'the daemon\'s configuration decides whether they are shipped to a central store (the daemon.json rules check that), and ' +
    'an unset driver takes the daemon\'s default.',
  severity: 'error',
  controls: ['164.312(b)'],
  kinds: [COMPOSE_SERVICE],
  fix: 'Remove logging.driver: none (the daemon default applies) or name a driver that ships logs to the central store (awslogs, fluentd, syslog over TCP+TLS).',
  check(resource, _ctx, report) {
    const logging: unknown = resource.body.logging;
    if (!isMapping(logging)) return;
    const driver = logging.driver;
    if (typeof driver === 'string' && driver.trim().toLowerCase() === 'none') {
      report({ path: 'logging.driver', message: `${serviceLabel(resource)} discards its logs (logging.driver: ${shown(driver)})` });
    }
  },
};
