import { isMapping } from '../../../check/docker/compose-merge';
import { keyPath } from '../../../check/docker/compose-path';
import { COMPOSE_PROJECT } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { shown } from '../support/compose-interpolation';

/** Top-level secrets come from files or an external store, not from the environment. */
export const composeSecretSource: Rule = {
  id: 'docker-compose-secret-source',
  title: 'A Compose project\'s secrets must come from a file or be external, not from an environment variable',
  description:
    'A top-level secret defined with environment: takes its value from a variable in the environment of whoever runs docker ' +
    'compose: the plain text then lives in a shell, a CI variable or a .env file, is inherited by every process started ' +
    'there and is easily logged. Define secrets with file: (a file readable only by the deploying user, kept out of version ' +
    'control) or external: true (a store the platform manages); the container then reads it under /run/secrets.',
  severity: 'error',
  controls: ['164.312(a)(2)(iv)', '164.312(a)(1)', '164.312(d)'],
  kinds: [COMPOSE_PROJECT],
  fix: 'Replace environment: with file: ./secrets/<name> (mode 0400, not in version control) or external: true for a secret the platform provides.',
  check(resource, _ctx, report) {
    const secrets = resource.body.secrets;
    if (!isMapping(secrets)) return;
    for (const [name, def] of Object.entries(secrets)) {
      if (!isMapping(def) || def.environment === undefined) continue;
      report({
        path: keyPath(keyPath('secrets', name), 'environment'),
        message: `project '${resource.name}' takes secret '${name}' from environment variable ${shown(def.environment)}`,
      });
    }
  },
};
