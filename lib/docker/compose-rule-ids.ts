/**
 * The ids of the Compose rules (lib/rules/docker/compose/) that HipaaComposeProject and
 * SecureComposeService enforce at construction, so a refusal names the rule a waiver would accept.
 * The rules check the generated file again at synth; the ids are taken from the rules themselves.
 */
import { composeAllowedRegistry } from '../rules/docker/compose/compose-allowed-registry';
import { composeDropCapabilities } from '../rules/docker/compose/compose-drop-capabilities';
import { composeEncryptedOverlay } from '../rules/docker/compose/compose-encrypted-overlay';
import { composeHealthcheck } from '../rules/docker/compose/compose-healthcheck';
import { composeHostMounts } from '../rules/docker/compose/compose-host-mounts';
import { composeHostNamespaces } from '../rules/docker/compose/compose-host-namespaces';
import { composeImageDigest } from '../rules/docker/compose/compose-image-digest';
import { composeLoggingDriver } from '../rules/docker/compose/compose-logging-driver';
import { composeNoNewPrivileges } from '../rules/docker/compose/compose-no-new-privileges';
import { composeNoPrivileged } from '../rules/docker/compose/compose-no-privileged';
import { composeNonRootUser } from '../rules/docker/compose/compose-non-root-user';
import { composePhiInternalNetwork } from '../rules/docker/compose/compose-phi-internal-network';
import { composePortHostBinding } from '../rules/docker/compose/compose-port-host-binding';
import { composeReadOnlyRoot } from '../rules/docker/compose/compose-read-only-root';
import { composeResourceLimits } from '../rules/docker/compose/compose-resource-limits';
import { composeSecretSource } from '../rules/docker/compose/compose-secret-source';
import { composeSecretsNotInEnvironment } from '../rules/docker/compose/compose-secrets-not-in-environment';
import { composeSecurityProfiles } from '../rules/docker/compose/compose-security-profiles';

/** Compose rule ids, by what they require. */
export const COMPOSE_RULE = {
  nonRootUser: composeNonRootUser.id,
  readOnlyRoot: composeReadOnlyRoot.id,
  dropCapabilities: composeDropCapabilities.id,
  noPrivileged: composeNoPrivileged.id,
  noNewPrivileges: composeNoNewPrivileges.id,
  securityProfiles: composeSecurityProfiles.id,
  resourceLimits: composeResourceLimits.id,
  hostNamespaces: composeHostNamespaces.id,
  hostMounts: composeHostMounts.id,
  portHostBinding: composePortHostBinding.id,
  phiInternalNetwork: composePhiInternalNetwork.id,
  encryptedOverlay: composeEncryptedOverlay.id,
  secretsNotInEnvironment: composeSecretsNotInEnvironment.id,
  secretSource: composeSecretSource.id,
  imageDigest: composeImageDigest.id,
  allowedRegistry: composeAllowedRegistry.id,
  healthcheck: composeHealthcheck.id,
  loggingDriver: composeLoggingDriver.id,
} as const;
