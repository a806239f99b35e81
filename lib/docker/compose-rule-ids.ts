/**
 * The ids of the Compose rules (lib/rules/docker/compose/) that HipaaComposeProject and
 * SecureComposeService enforce at construction, so a refusal names the rule a waiver would accept.
 * The rules check the generated file again at synth; these names must stay theirs.
 */

/** Compose rule ids, by what they require. */
export const COMPOSE_RULE = {
  nonRootUser: 'docker-compose-non-root-user',
  readOnlyRoot: 'docker-compose-read-only-root',
  dropCapabilities: 'docker-compose-drop-capabilities',
  noPrivileged: 'docker-compose-no-privileged',
  noNewPrivileges: 'docker-compose-no-new-privileges',
  securityProfiles: 'docker-compose-security-profiles',
  resourceLimits: 'docker-compose-resource-limits',
  hostNamespaces: 'docker-compose-host-namespaces',
  hostMounts: 'docker-compose-host-mounts',
  portHostBinding: 'docker-compose-port-host-binding',
  phiInternalNetwork: 'docker-compose-phi-internal-network',
  encryptedOverlay: 'docker-compose-encrypted-overlay',
  secretsNotInEnvironment: 'docker-compose-secrets-not-in-environment',
  imageDigest: 'docker-compose-image-digest',
  allowedRegistry: 'docker-compose-allowed-registry',
  healthcheck: 'docker-compose-healthcheck',
  loggingDriver: 'docker-compose-logging-driver',
} as const;

/** Every id of {@link COMPOSE_RULE}. */
export const COMPOSE_RULE_IDS: readonly string[] = Object.values(COMPOSE_RULE);
