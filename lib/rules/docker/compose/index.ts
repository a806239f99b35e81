import type { RulePack } from '../../../check/rule';

/** Compose services and networks: hardened containers, limits, segregated networks, secrets as files. */
export const composePack: RulePack = {
  name: 'docker-compose',
  description: 'Compose services and networks: non-root, read-only, capabilities dropped, confined, limited, no host namespaces or sockets, ports bound to an address, PHI on internal networks, encrypted overlays, secrets as files, images by digest.',
  rules: [],
};
