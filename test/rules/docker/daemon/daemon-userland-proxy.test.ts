import { daemonUserlandProxy } from '../../../../lib/rules/docker/daemon/daemon-userland-proxy';
import { daemonText, daemonViolations } from '../../../helpers/daemon-rules';

describe('docker-daemon-userland-proxy', () => {
  test('flags it unset (dockerd runs the proxy by default) or true', () => {
    expect(daemonViolations(daemonUserlandProxy, '{}')).toEqual([
      "1 userland-proxy: 'etc/docker/daemon.json' has \"userland-proxy\" not set, not false: a root docker-proxy process forwards each published port",
    ]);
    expect(daemonViolations(daemonUserlandProxy, daemonText({ 'userland-proxy': true }))).toHaveLength(1);
  });

  test('passes false', () => {
    expect(daemonViolations(daemonUserlandProxy, daemonText({ 'userland-proxy': false }))).toEqual([]);
  });
});
