import { dockerfileAddRemoteChecksum } from './dockerfile-add-remote-checksum';
import { dockerfileAllowedRegistry } from './dockerfile-allowed-registry';
import { dockerfileFromDigest } from './dockerfile-from-digest';
import { dockerfileHealthcheck } from './dockerfile-healthcheck';
import { dockerfileNoKeyFiles } from './dockerfile-no-key-files';
import { dockerfileNoSecrets } from './dockerfile-no-secrets';
import { dockerfileNoSshPort } from './dockerfile-no-ssh-port';
import { dockerfileNoSudo } from './dockerfile-no-sudo';
import { dockerfileNoTlsBypass } from './dockerfile-no-tls-bypass';
import { dockerfileNonRootUser } from './dockerfile-non-root-user';
import type { RulePack } from '../../../check/rule';

/** Dockerfiles: non-root final stage, digest-pinned base images from allowed registries, no secrets or TLS bypasses, a health check. */
export const dockerfilePack: RulePack = {
  name: 'docker-dockerfile',
  description: 'Dockerfiles: non-root final stage, digest-pinned base images from allowed registries, no secrets or TLS bypasses, a health check.',
  rules: [
    dockerfileNonRootUser,
    dockerfileFromDigest,
    dockerfileAllowedRegistry,
    dockerfileNoSecrets,
    dockerfileNoKeyFiles,
    dockerfileNoTlsBypass,
    dockerfileHealthcheck,
    dockerfileAddRemoteChecksum,
    dockerfileNoSudo,
    dockerfileNoSshPort,
  ],
};
