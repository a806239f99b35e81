import { DAEMON_CONFIG } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { daemonFile, nonEmptyString, showJson } from '../support/daemon-config';

/** An authorization plugin decides each Docker API call (CIS Docker Benchmark 2.12). */
export const daemonAuthorizationPlugin: Rule = {
  id: 'docker-daemon-authorization-plugin',
  title: 'The Docker daemon should ask an authorization plugin before each API call ("authorization-plugins")',
  description:
    "Docker's own access model is all or nothing: anyone who reaches the socket (root, the docker group, a holder of " +
    'a client certificate) can run a privileged container. An authorization plugin (e.g. opa-docker-authz) allows ' +
    'or denies each API call by user and request, and can log it. A warning, as CIS rates it Level 2 (2.12): the ' +
    'socket is already limited to root and named certificate holders by docker-daemon-tls-verify, and the plugin is ' +
    'third-party software the host must install; generated configurations name one or carry a waiver.',
  severity: 'warning',
  controls: ['164.312(a)(1)', '164.308(a)(4)', '164.312(b)'],
  kinds: [DAEMON_CONFIG],
  fix: 'Install an authorization plugin on the host and set "authorization-plugins": ["<plugin>"].',
  check(resource, _ctx, report) {
    const plugins = resource.body['authorization-plugins'];
    if (Array.isArray(plugins) && plugins.some((p) => nonEmptyString(p) !== undefined)) return;
    report({ path: 'authorization-plugins', message: `${daemonFile(resource)} has "authorization-plugins" ${showJson(plugins)}: every client that reaches the daemon may make every API call` });
  },
};
