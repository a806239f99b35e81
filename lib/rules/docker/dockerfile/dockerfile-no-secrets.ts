import { nameValues } from '../../../check/docker/dockerfile-words';
import { DOCKERFILE } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { credentialName, credentialsInValue, describeCredential, isLiteralSecret } from '../../k8s/credential-detector';
import { describeStage, dockerfileBody, instructionPath } from '../support/dockerfile-stages';

/** Neither ARG nor ENV carries a credential: both end up in the image or its history. */
export const dockerfileNoSecrets: Rule = {
  id: 'docker-dockerfile-no-secrets',
  title: 'A Dockerfile must not pass credentials through ARG or ENV',
  description:
    'ENV values are stored in the image configuration and ARG values in its build history (docker history, provenance ' +
    'attestations): anyone who can pull the image reads them, long after the credential was meant to be rotated. A ' +
    'secret-looking name is flagged whatever its value (a bare ARG NPM_TOKEN is filled by --build-arg and recorded; ENV ' +
    'TOKEN=${TOKEN} copies it into the image), and a value shaped like a credential (a private key, a cloud key, a URL ' +
    'with a password) whatever its name, also in here-documents (COPY <<EOF /app/.env). Names ending in _FILE that point at a file, and BuildKit secret mounts ' +
    '(RUN --mount=type=secret), are the right way and pass.',
  severity: 'error',
  controls: ['164.312(a)(2)(iv)', '164.312(d)'],
  kinds: [DOCKERFILE],
  fix: 'Pass build-time credentials as BuildKit secrets (RUN --mount=type=secret,id=npm,target=/root/.npmrc npm ci; docker build --secret id=npm,src=...) and give run-time credentials to the container as files (Compose secrets, Kubernetes Secret volumes, DB_PASSWORD_FILE=/run/secrets/db).',
  check(resource, _ctx, report) {
    const body = dockerfileBody(resource);
    body.args.forEach((arg, k) => {
      const what = secretIn(arg.name, arg.value);
      if (what !== undefined) report({ path: `args[${k}]`, message: `global ARG ${arg.name} ${what}` });
    });
    for (const stage of body.stages) {
      stage.instructions.forEach((ins, j) => {
        for (const h of ins.heredocs ?? []) {
          // A here-document is a file in the image (COPY) or a script in its history (RUN).
          const found = credentialsInValue(h.content);
          if (found.length > 0) report({ path: instructionPath(stage, j), message: `${describeStage(stage)} ${ins.keyword} <<${h.name} holds ${found.map(describeCredential).join(', ')} in plain text` });
        }
        if (ins.keyword !== 'ARG' && ins.keyword !== 'ENV') return;
        for (const nv of nameValues(ins.args, body.escape, ins.keyword === 'ENV')) {
          const what = secretIn(nv.name, nv.value);
          if (what !== undefined) report({ path: instructionPath(stage, j), message: `${describeStage(stage)} ${ins.keyword} ${nv.name} ${what}` });
        }
      });
    }
  },
};

/** What a name=value pair gives away, or undefined. */
function secretIn(name: string, value: string | undefined): string | undefined {
  const v = value ?? '';
  const shaped = credentialsInValue(v).filter((f) => f.by === 'value' || f.key !== undefined);
  if (shaped.length > 0) return `holds ${shaped.map(describeCredential).join(', ')} in plain text`;
  const named = credentialName(name);
  if (named === undefined) {
    // DB_PASSWORD_FILE names a file holding a password: a path passes, the password itself does not.
    const file = /^(.+?)[_-]?FILE$/i.exec(name);
    const held = file ? credentialName(file[1]) : undefined;
    return held !== undefined && value !== undefined && isLiteralSecret(v) ? `should name a file holding ${held} but holds something else than a path in plain text` : undefined;
  }
  if (value === undefined) return `names ${named}: a build argument's value is recorded in the image history`;
  if (v.trim() === '') return undefined;
  if (/^\$\{?[A-Za-z_]/.test(v.trim())) return `names ${named} and copies it from ${v.trim()} into the image`;
  return isLiteralSecret(v) ? `holds ${named} in plain text` : undefined;
}
