import { daemonAuthorizationPlugin } from './daemon-authorization-plugin';
import { daemonDefaultUlimits } from './daemon-default-ulimits';
import { daemonIccDisabled } from './daemon-icc-disabled';
import { daemonLiveRestore } from './daemon-live-restore';
import { daemonNoInsecureRegistries } from './daemon-no-insecure-registries';
import { daemonNoNewPrivileges } from './daemon-no-new-privileges';
import { daemonRemoteLogging } from './daemon-remote-logging';
import { daemonSeccomp } from './daemon-seccomp';
import { daemonTlsVerify } from './daemon-tls-verify';
import { daemonUserlandProxy } from './daemon-userland-proxy';
import { daemonUsernsRemap } from './daemon-userns-remap';
import type { RulePack } from '../../../check/rule';

/** Docker daemon configuration (daemon.json), after CIS Docker Benchmark section 2. */
export const daemonPack: RulePack = {
  name: 'docker-daemon',
  description: 'Docker daemon configuration (daemon.json), after CIS Docker Benchmark section 2: TLS with client certificates, user namespaces, remote logging, no-new-privileges, no inter-container traffic, no insecure registries, seccomp, authorization, live restore, no userland proxy, default ulimits.',
  rules: [
    daemonTlsVerify,
    daemonUsernsRemap,
    daemonRemoteLogging,
    daemonNoNewPrivileges,
    daemonIccDisabled,
    daemonNoInsecureRegistries,
    daemonSeccomp,
    daemonAuthorizationPlugin,
    daemonLiveRestore,
    daemonUserlandProxy,
    daemonDefaultUlimits,
  ],
};
