import { DOCKERFILE } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { copySources } from '../support/dockerfile-copy-sources';
import { describeStage, dockerfileBody, instructionPath } from '../support/dockerfile-stages';

/** File names that hold credentials or private keys, by what they are. */
const KEY_FILES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^\.env(?:\.(?!(?:example|sample|template|dist|defaults?)$)[^/]+)?$/i, 'an environment file (.env) of credentials'],
  [/\.(?:pem|key)$/i, 'a private key or certificate file'],
  [/^id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?$/i, 'an SSH private key'],
  [/\.(?:p12|pfx|jks|keystore)$/i, 'a key store'],
  [/^\.(?:npmrc|pypirc|netrc|git-credentials|dockercfg|htpasswd|pgpass|s3cfg|boto)$/i, 'a credentials file'],
  [/^(?:credentials|credentials\.json|service-account.*\.json|.*-sa-key\.json|kubeconfig)$/i, 'a credentials file'],
  [/\.kdbx$/i, 'a password database'],
];
/** Directories that hold credentials: anything copied from (or as) them. */
const KEY_DIRS: ReadonlyArray<readonly [string, string]> = [
  ['.aws', 'AWS credentials (.aws/)'],
  ['.ssh', 'SSH keys (.ssh/)'],
  ['.gnupg', 'GnuPG keys (.gnupg/)'],
  ['.kube', 'Kubernetes credentials (.kube/)'],
  ['secrets', 'a secrets directory'],
];

/** No credential or key file is copied into an image layer. */
export const dockerfileNoKeyFiles: Rule = {
  id: 'docker-dockerfile-no-key-files',
  title: 'A Dockerfile must not COPY or ADD key or credential files (.env, *.pem, *.key, id_rsa, .npmrc, .aws/, .ssh/...)',
  description:
    'A file copied into a layer stays in the image for good, even when a later RUN deletes it: anyone who can pull ' +
    'the image (or any stage of it, for COPY --from) extracts the private key, .env or registry token from the layer ' +
    'tarball. Build-time credentials belong in BuildKit secret mounts, run-time ones in files mounted into the container. ' +
    'Sources are judged by their path, also for COPY --from=<stage>; downloads (ADD <url>) are public and not judged here. Public key files (.pub) and .env templates ' +
    '(.env.example, .env.sample) pass; a CA bundle kept as .pem needs a waiver saying so.',
  severity: 'error',
  controls: ['164.312(a)(2)(iv)', '164.312(d)'],
  kinds: [DOCKERFILE],
  fix: 'Remove the file from COPY/ADD and from the build context (.dockerignore); mount it at build time with RUN --mount=type=secret,id=<id>,target=<path>, or give it to the container at run time as a secret file.',
  check(resource, _ctx, report) {
    const body = dockerfileBody(resource);
    for (const stage of body.stages) {
      stage.instructions.forEach((ins, j) => {
        if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') return;
        const from = ins.flags.find((f) => f.name === 'from')?.value;
        for (const source of copySources(ins, body.escape)) {
          const what = keyFile(source);
          if (what === undefined) continue;
          report({ path: instructionPath(stage, j), message: `${describeStage(stage)} ${ins.keyword} copies "${source}"${from !== undefined ? ` from ${from}` : ''} into the image: ${what}` });
        }
      });
    }
  },
};

/** What a copied path is, when it holds credentials. */
function keyFile(source: string): string | undefined {
  // A download is public (a repository's signing key); docker-dockerfile-add-remote-checksum judges it.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source) || source.startsWith('git@')) return undefined;
  const segments = source.split('/').filter((s) => s !== '' && s !== '.');
  const base = segments[segments.length - 1] ?? '';
  for (const [re, what] of KEY_FILES) if (re.test(base)) return what;
  for (const [dir, what] of KEY_DIRS) if (segments.includes(dir)) return what;
  // .docker/ often holds build scripts; its config.json holds registry credentials.
  if (base === 'config.json' && segments[segments.length - 2] === '.docker') return 'registry credentials (.docker/config.json)';
  return undefined;
}
