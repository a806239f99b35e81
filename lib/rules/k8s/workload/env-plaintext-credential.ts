import type { Rule } from '../../../check/rule';
import { credentialsIn, describeCredential } from '../credential-detector';
import { containerLabel, podTemplate, POD_KINDS } from '../pod';

/** No credential is written as a literal environment variable value. */
export const envPlaintextCredential: Rule = {
  id: 'k8s-env-plaintext-credential',
  title: 'Containers must not carry credentials as literal environment variable values',
  description:
    'A credential written as env[].value (DB_PASSWORD: hunter2, a PEM private key, an AWS access key, a token, a ' +
    'connection string with a password) lands in git, in CI logs, in every copy of the manifests and in the API ' +
    'server\'s object for anyone who may read the workload, where it can be neither rotated nor access-reviewed; the ' +
    'credentials guarding PHI then escape key management. Found by the variable\'s name (PASSWORD, SECRET, TOKEN, ' +
    'API_KEY, PRIVATE_KEY, ACCESS_KEY, CLIENT_SECRET, CREDENTIALS, ...; not *_FILE, *_PATH, *_URL, *_NAME and the like) ' +
    'with a literal value, and by the shape of the value whatever the name (PEM private keys, AWS, GitHub, GitLab, ' +
    'Slack, Stripe and Google keys and tokens, JWTs, bearer and basic Authorization values, URLs with a password, ' +
    'password=... pairs). A placeholder such as changeme is a credential in plain text too. Not flagged: valueFrom ' +
    'references, $(VAR) and ${VAR} references, empty values, paths, true/false, and store references (ARNs, vault:). ' +
    'Applies to containers, init containers and ephemeral containers of every pod-bearing kind. Messages never show the value.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(a)(2)(iv)', '164.312(c)(1)', '164.312(d)'],
  kinds: POD_KINDS,
  fix:
    'Remove the literal value and rotate the credential. Keep it in a Secret that an External Secrets store creates ' +
    '(an ExternalSecret of external-secrets.io/v1) and mount it as read-only files (SecureDeployment: the secrets prop), ' +
    'pointing the program at the file (e.g. <NAME>_FILE).',
  check(resource, _ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    for (const ref of pod.containers) {
      const env = ref.container.env;
      if (!Array.isArray(env)) continue;
      for (let i = 0; i < env.length; i++) {
        const entry = env[i];
        const value: unknown = entry?.value;
        if (typeof value !== 'string' || value === '') continue;
        const name = typeof entry.name === 'string' ? entry.name : '?';
        const found = credentialsIn(name, value);
        if (found.length === 0) continue;
        report({
          path: `${ref.path}.env[${i}].value`,
          message:
            `${containerLabel(ref)} sets environment variable '${name}' to a literal value holding ${found.map(describeCredential).join(', ')}` +
            `${found[0].by === 'name' && found[0].key === undefined ? ' (by its name)' : ''}; the value is not shown here`,
          fix:
            `Remove the literal value of ${ref.path}.env[${i}] and rotate the credential. Put it in a Secret created by an ` +
            'External Secrets store (ExternalSecret of external-secrets.io/v1), mount that Secret read-only as files ' +
            `(SecureDeployment: the secrets prop) and point the program at the file, e.g. ${name}_FILE=/var/run/secrets/<secret>/<key>.`,
        });
      }
    }
  },
};
