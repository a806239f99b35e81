import { composeAllowedRegistry } from './compose-allowed-registry';
import { composeDropCapabilities } from './compose-drop-capabilities';
import { composeEncryptedOverlay } from './compose-encrypted-overlay';
import { composeHealthcheck } from './compose-healthcheck';
import { composeHostMounts } from './compose-host-mounts';
import { composeHostNamespaces } from './compose-host-namespaces';
import { composeImageDigest } from './compose-image-digest';
import { composeLoggingDriver } from './compose-logging-driver';
import { composeNoNewPrivileges } from './compose-no-new-privileges';
import { composeNoPrivileged } from './compose-no-privileged';
import { composeNonRootUser } from './compose-non-root-user';
import { composePhiInternalNetwork } from './compose-phi-internal-network';
import { composePortHostBinding } from './compose-port-host-binding';
import { composeReadOnlyRoot } from './compose-read-only-root';
import { composeResourceLimits } from './compose-resource-limits';
import { composeSecretSource } from './compose-secret-source';
import { composeSecretsNotInEnvironment } from './compose-secrets-not-in-environment';
import { composeSecurityProfiles } from './compose-security-profiles';
import type { RulePack } from '../../../check/rule';

/** Compose services and networks: hardened containers, limits, segregated networks, secrets as files. */
export const composePack: RulePack = {
  name: 'docker-compose',
  description: 'Compose services and networks: non-root, read-only, capabilities dropped, confined, limited, no host namespaces or sockets, ports bound to an address, PHI on internal networks, encrypted overlays, secrets as files, images by digest.',
  rules: [
    composeNonRootUser,
    composeReadOnlyRoot,
    composeDropCapabilities,
    composeNoPrivileged,
    composeNoNewPrivileges,
    composeSecurityProfiles,
    composeResourceLimits,
    composeHostNamespaces,
    composeHostMounts,
    composePortHostBinding,
    composePhiInternalNetwork,
    composeEncryptedOverlay,
    composeSecretsNotInEnvironment,
    composeSecretSource,
    composeImageDigest,
    composeAllowedRegistry,
    composeHealthcheck,
    composeLoggingDriver,
  ],
};
