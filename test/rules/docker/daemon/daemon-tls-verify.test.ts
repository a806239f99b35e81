import { daemonTlsVerify } from '../../../../lib/rules/docker/daemon/daemon-tls-verify';
import { daemonText, daemonViolations } from '../../../helpers/daemon-rules';

const F = "'etc/docker/daemon.json'";
const CERTS = { tlscacert: '/etc/docker/tls/ca.pem', tlscert: '/etc/docker/tls/server.pem', tlskey: '/etc/docker/tls/server-key.pem' };

describe('docker-daemon-tls-verify', () => {
  test('flags a tcp:// host without TLS at its line, and each certificate missing', () => {
    const text = `{
  "hosts": [
    "unix:///var/run/docker.sock",
    "tcp://0.0.0.0:2375"
  ]
}
`;
    expect(daemonViolations(daemonTlsVerify, text)).toEqual([
      `4 hosts[1]: ${F} listens on "tcp://0.0.0.0:2375" without TLS ("tlsverify" not set): any client that reaches the port gets the Docker API (root on the host)`,
      `1 tlscacert: ${F} listens on TCP ("tcp://0.0.0.0:2375") but "tlscacert" (the CA that signs the client certificates it accepts) is not set: dockerd would fall back to ~/.docker of the user it runs as, which this file does not show`,
      `1 tlscert: ${F} listens on TCP ("tcp://0.0.0.0:2375") but "tlscert" (the daemon's own certificate) is not set: dockerd would fall back to ~/.docker of the user it runs as, which this file does not show`,
      `1 tlskey: ${F} listens on TCP ("tcp://0.0.0.0:2375") but "tlskey" (the daemon's private key) is not set: dockerd would fall back to ~/.docker of the user it runs as, which this file does not show`,
    ]);
  });

  test('flags tls without verify, also on 127.0.0.1, an address without a scheme, an upper-case scheme and hosts given as one string', () => {
    const tlsOnly = { ...CERTS, tls: true };
    expect(daemonViolations(daemonTlsVerify, daemonText({ ...tlsOnly, hosts: ['tcp://127.0.0.1:2376'] }))).toEqual([
      expect.stringMatching(/^\d+ hosts\[0\]: .* listens on "tcp:\/\/127.0.0.1:2376" with "tls": true but "tlsverify" not set: the connection is encrypted, but any client that reaches the port gets the Docker API \(root on the host\) without a certificate$/),
    ]);
    expect(daemonViolations(daemonTlsVerify, daemonText({ ...tlsOnly, tlsverify: false, hosts: ['0.0.0.0:2376', 'TCP://10.0.0.5:2376'] })).map((v) => v.split(':')[0])).toEqual([
      expect.stringMatching(/hosts\[0\]$/),
      expect.stringMatching(/hosts\[1\]$/),
    ]);
    expect(daemonViolations(daemonTlsVerify, daemonText({ ...CERTS, hosts: 'tcp://10.0.0.5:2375' }))).toEqual([
      expect.stringContaining(`hosts: ${F} listens on "tcp://10.0.0.5:2375" without TLS ("tlsverify" not set)`),
    ]);
  });

  test('flags the empty host when TLS is on (dockerd then listens on tcp://localhost:2376)', () => {
    expect(daemonViolations(daemonTlsVerify, daemonText({ ...CERTS, tls: true, hosts: [''] }))).toHaveLength(1);
  });

  test('flags a "true" string (dockerd wants a boolean) and empty certificate paths', () => {
    expect(daemonViolations(daemonTlsVerify, daemonText({ ...CERTS, tlscert: ' ', tlsverify: 'true', hosts: ['tcp://10.0.0.5:2376'] })).map((v) => v.split(':')[0])).toEqual([
      expect.stringMatching(/hosts\[0\]$/),
      expect.stringMatching(/tlscert$/),
    ]);
  });

  test('passes tlsverify with CA, certificate and key, and local listeners without TLS', () => {
    expect(daemonViolations(daemonTlsVerify, daemonText({ ...CERTS, tlsverify: true, hosts: ['fd://', 'tcp://10.0.0.5:2376'] }))).toEqual([]);
    expect(daemonViolations(daemonTlsVerify, daemonText({ hosts: ['unix:///var/run/docker.sock', 'fd://', 'npipe:////./pipe/docker_engine'] }))).toEqual([]);
    expect(daemonViolations(daemonTlsVerify, daemonText({ hosts: [''] }))).toEqual([]);
    expect(daemonViolations(daemonTlsVerify, daemonText())).toEqual([]);
  });
});
