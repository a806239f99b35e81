import { isMapping } from '../../../check/docker/compose-merge';
import { COMPOSE_SERVICE } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { credentialName, credentialsInValue, describeCredential, isLiteralSecret } from '../../k8s/credential-detector';
import { interpolatedVariables } from '../support/compose-interpolation';
import { ComposeKeyValue, keyValues } from '../support/compose-key-values';
import { serviceLabel } from '../support/compose-service';

/** Secrets as files, never in the environment. */
export const composeSecretsNotInEnvironment: Rule = {
  id: 'docker-compose-secrets-not-in-environment',
  title: 'A Compose service must not pass secrets in environment or build args',
  description:
    'Environment variables are visible to anyone who can run docker inspect, are inherited by every child process, end up in ' +
    'crash reports and debug endpoints, and a value written in the Compose file is in version control. Interpolating it ' +
    '(DB_PASSWORD: ${DB_PASSWORD}) or passing it through by name (- DB_PASSWORD) only moves the plain text to the shell or ' +
    '.env file of whoever runs docker compose; the container still holds it in its environment. A variable is flagged when its ' +
    'name says it is a credential (DB_PASSWORD, API_KEY, client_secret) and it has a literal, interpolated or passed-through ' +
    'value, or when the value has the shape of one (a private key, a cloud access key, a URL with a password, including one ' +
    'interpolated into it). Build args are flagged the same way: they stay in the image history. Pass secrets with secrets: ' +
    '(files under /run/secrets) and a *_FILE variable naming the file. env_file contents are not read by the checker.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(a)(2)(iv)', '164.312(c)(1)', '164.312(d)'],
  kinds: [COMPOSE_SERVICE],
  fix: 'Declare the secret at the top level (secrets: { db_password: { file: ./secrets/db_password.txt } }), grant it to the service (secrets: [db_password]) and set DB_PASSWORD_FILE: /run/secrets/db_password instead of DB_PASSWORD; use build secrets (build.secrets, RUN --mount=type=secret) instead of build args.',
  check(resource, _ctx, report) {
    const body = resource.body;
    const who = serviceLabel(resource);
    for (const entry of keyValues(body.environment, 'environment')) {
      const problem = secretIn(entry);
      if (problem) report({ path: entry.path, message: `${who} passes ${problem} in environment variable ${entry.name}` });
    }
    if (isMapping(body.build)) {
      for (const entry of keyValues(body.build.args, 'build.args')) {
        const problem = secretIn(entry);
        if (problem) report({ path: entry.path, message: `${who} passes ${problem} to the build in build arg ${entry.name}, which stays in the image history` });
      }
    }
  },
};

/** What secret an entry passes, or undefined. Values are never echoed. */
function secretIn(entry: ComposeKeyValue): string | undefined {
  const byName = credentialName(entry.name);
  const value = entry.value;
  if (byName !== undefined) {
    if (value === undefined) return `${byName} from the environment of docker compose (no value written, so it is passed through)`;
    const variables = interpolatedVariables(value);
    if (variables.length > 0) return `${byName} interpolated from ${variables.map((v) => `\${${v}}`).join(', ')}`;
    if (isLiteralSecret(value)) return `${byName} written in the Compose file`;
  }
  if (value === undefined) return undefined;
  const inValue = credentialsInValue(value);
  if (inValue.length > 0) return `${describeCredential(inValue[0])} written in the Compose file`;
  const secretVariables = interpolatedVariables(value).filter((v) => credentialName(v) !== undefined);
  if (secretVariables.length > 0) return `${credentialName(secretVariables[0])} interpolated from ${secretVariables.map((v) => `\${${v}}`).join(', ')}`;
  return undefined;
}
