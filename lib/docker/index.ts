// The Docker entry point: generators of hardened Docker files on `constructs`, checked at synth.
// First: a clear error naming a missing peer dependency (constructs).
import './peers';
export * from './docker-app';
export * from './docker-artifact';
export * from './daemon-config';
export * from './hardened-docker-daemon';
export * from './hipaa-compose-project';
export * from './secure-compose-service';
export { NETWORK_TIER_LABEL } from './compose-networks';
export type { NetworkTier } from './compose-networks';
