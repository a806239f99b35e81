import { daemonIccDisabled } from '../../../../lib/rules/docker/daemon/daemon-icc-disabled';
import { daemonText, daemonViolations } from '../../../helpers/daemon-rules';

describe('docker-daemon-icc-disabled', () => {
  test('flags icc unset or true, and iptables false', () => {
    expect(daemonViolations(daemonIccDisabled, '{\n  "iptables": false\n}\n')).toEqual([
      "1 icc: 'etc/docker/daemon.json' has \"icc\" not set, not false: containers on the default bridge can reach each other on every port",
      "2 iptables: 'etc/docker/daemon.json' has \"iptables\" false: dockerd writes no firewall rules, so \"icc\": false and port bindings are not enforced",
    ]);
    expect(daemonViolations(daemonIccDisabled, daemonText({ icc: true }))).toHaveLength(1);
    expect(daemonViolations(daemonIccDisabled, daemonText({ icc: 'false' }))).toHaveLength(1);
  });

  test('passes icc false with iptables unset or true', () => {
    expect(daemonViolations(daemonIccDisabled, daemonText({ icc: false }))).toEqual([]);
    expect(daemonViolations(daemonIccDisabled, daemonText({ icc: false, iptables: true }))).toEqual([]);
  });
});
