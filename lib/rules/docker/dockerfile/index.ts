import type { RulePack } from '../../../check/rule';

/** Dockerfiles: non-root final stage, digest-pinned base images from allowed registries, no secrets or TLS bypasses, a health check. */
export const dockerfilePack: RulePack = {
  name: 'docker-dockerfile',
  description: 'Dockerfiles: non-root final stage, digest-pinned base images from allowed registries, no secrets or TLS bypasses, a health check.',
  rules: [],
};
