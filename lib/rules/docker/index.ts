import { composePack } from './compose';
import { daemonPack } from './daemon';
import { dockerfilePack } from './dockerfile';
import { combinePacks, RulePack } from '../../check/rule';

export { dockerfilePack, composePack, daemonPack };

/**
 * The full Docker pack: every rule on Dockerfiles, Compose projects and daemon.json, as
 * hipaa-check reads them (see lib/check/docker/kinds.ts).
 */
export const dockerPack: RulePack = combinePacks(
  'docker',
  'Every Docker rule: Dockerfiles, Compose services and networks, and the Docker daemon configuration (daemon.json).',
  dockerfilePack,
  composePack,
  daemonPack,
);
