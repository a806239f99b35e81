import { daemonAuthorizationPlugin } from '../../../../lib/rules/docker/daemon/daemon-authorization-plugin';
import { daemonText, daemonViolations } from '../../../helpers/daemon-rules';

describe('docker-daemon-authorization-plugin', () => {
  test('flags none, an empty list and empty names (a warning)', () => {
    expect(daemonViolations(daemonAuthorizationPlugin, '{}')).toEqual([
      "1 authorization-plugins: 'etc/docker/daemon.json' has \"authorization-plugins\" not set: every client that reaches the daemon may make every API call",
    ]);
    expect(daemonViolations(daemonAuthorizationPlugin, daemonText({ 'authorization-plugins': [] }))).toHaveLength(1);
    expect(daemonViolations(daemonAuthorizationPlugin, daemonText({ 'authorization-plugins': [''] }))).toHaveLength(1);
    expect(daemonAuthorizationPlugin.severity).toBe('warning');
  });

  test('passes a named plugin', () => {
    expect(daemonViolations(daemonAuthorizationPlugin, daemonText({ 'authorization-plugins': ['opa-docker-authz'] }))).toEqual([]);
  });
});
