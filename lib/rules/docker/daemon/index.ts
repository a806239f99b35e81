import type { RulePack } from '../../../check/rule';

/** Docker daemon configuration (daemon.json), after CIS Docker Benchmark section 2. */
export const daemonPack: RulePack = {
  name: 'docker-daemon',
  description: 'Docker daemon configuration (daemon.json), after CIS Docker Benchmark section 2: TLS with client certificates, user namespaces, remote logging, no-new-privileges, no inter-container traffic, no insecure registries, seccomp, authorization, live restore, no userland proxy, default ulimits.',
  rules: [],
};
