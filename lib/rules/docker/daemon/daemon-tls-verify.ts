import { DAEMON_CONFIG } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { daemonFile, daemonHosts, isNetworkHost, nonEmptyString, showJson } from '../support/daemon-config';

const CERT_KEYS = [
  ['tlscacert', 'the CA that signs the client certificates it accepts'],
  ['tlscert', "the daemon's own certificate"],
  ['tlskey', "the daemon's private key"],
] as const;

/** A daemon that listens on TCP requires client certificates (CIS Docker Benchmark 2.7). */
export const daemonTlsVerify: Rule = {
  id: 'docker-daemon-tls-verify',
  title: 'A Docker daemon that listens on TCP must require TLS client certificates (tlsverify with CA, certificate and key)',
  description:
    'The Docker API is root on the host: whoever can call it can start a privileged container that mounts the host ' +
    'and every PHI volume. A tcp:// listener (also 127.0.0.1, which every local process and container with host ' +
    'networking reaches, and an address written without a scheme, which dockerd reads as TCP) must therefore use ' +
    'mutual TLS: "tlsverify": true with explicit "tlscacert", "tlscert" and "tlskey". "tls": true alone encrypts but ' +
    'lets any client in. unix://, fd:// (systemd socket activation) and npipe:// listeners are local and pass. ' +
    'CIS Docker Benchmark 2.7.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(d)', '164.312(e)(1)', '164.312(e)(2)(ii)'],
  kinds: [DAEMON_CONFIG],
  fix: 'Set "tlsverify": true, "tlscacert", "tlscert" and "tlskey" to absolute paths of the CA, server certificate and key, or listen only on unix:///var/run/docker.sock.',
  check(resource, _ctx, report) {
    const body = resource.body;
    const tlsOn = body.tls === true || body.tlsverify === true;
    const network = daemonHosts(body).filter((h) => isNetworkHost(h.host, tlsOn));
    if (network.length === 0) return;
    const file = daemonFile(resource);
    if (body.tlsverify !== true) {
      const why =
        body.tls === true
          ? `with "tls": true but "tlsverify" ${showJson(body.tlsverify)}: the connection is encrypted, but any client that reaches the port gets the Docker API (root on the host) without a certificate`
          : `without TLS ("tlsverify" ${showJson(body.tlsverify)}): any client that reaches the port gets the Docker API (root on the host)`;
      for (const h of network) report({ path: h.path, message: `${file} listens on ${JSON.stringify(h.host)} ${why}` });
    }
    for (const [key, what] of CERT_KEYS) {
      if (nonEmptyString(body[key]) === undefined) {
        report({
          path: key,
          message: `${file} listens on TCP (${network.map((h) => JSON.stringify(h.host)).join(', ')}) but "${key}" (${what}) is ${showJson(body[key])}: dockerd would fall back to ~/.docker of the user it runs as, which this file does not show`,
          fix: `Set "${key}" to the absolute path of ${what}.`,
        });
      }
    }
  },
};
