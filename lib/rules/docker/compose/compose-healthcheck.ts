import { isMapping } from '../../../check/docker/compose-merge';
import { COMPOSE_SERVICE } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { composeBoolean } from '../support/compose-boolean';
import { shown } from '../support/compose-interpolation';
import { serviceLabel } from '../support/compose-service';

/** A health check written in the Compose file. */
export const composeHealthcheck: Rule = {
  id: 'docker-compose-healthcheck',
  title: 'A Compose service must define a healthcheck with a test',
  description:
    'Without a health check Docker reports a hung or broken service as running: restarts, depends_on: condition: ' +
    'service_healthy and monitoring never notice that PHI is no longer being served or stored. The healthcheck must have a ' +
    'test and must not be switched off (disable: true, test: ["NONE"]). A HEALTHCHECK in the image\'s Dockerfile is not ' +
    'visible in the Compose file, so the healthcheck must be written here. CIS Docker Benchmark 4.6 and 5.27.',
  severity: 'error',
  controls: ['164.308(a)(7)(ii)(B)'],
  kinds: [COMPOSE_SERVICE],
  fix: 'Add healthcheck: { test: ["CMD", "/app/healthcheck"], interval: 30s, timeout: 5s, retries: 3 } to the service (a HEALTHCHECK in the Dockerfile is not seen here: write it in the Compose file too).',
  check(resource, _ctx, report) {
    const who = serviceLabel(resource);
    const hc: unknown = resource.body.healthcheck;
    if (!isMapping(hc)) {
      report({ path: 'healthcheck', message: `${who} has no healthcheck (a HEALTHCHECK in its image is not visible in the Compose file)` });
      return;
    }
    if (composeBoolean(hc.disable) === true) {
      report({ path: 'healthcheck.disable', message: `${who} switches its healthcheck off (disable: ${shown(hc.disable)})` });
      return;
    }
    const test = hc.test;
    if (test === undefined || test === null || test === '' || (Array.isArray(test) && test.length === 0)) {
      report({ path: 'healthcheck.test', message: `${who} has a healthcheck without a test (the image's HEALTHCHECK, if any, is not visible in the Compose file)` });
    } else if (Array.isArray(test) && String(test[0]).toUpperCase() === 'NONE') {
      report({ path: 'healthcheck.test', message: `${who} switches its healthcheck off (test: ${shown(test)})` });
    }
  },
};
