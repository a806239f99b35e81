import { daemonNoNewPrivileges } from '../../../../lib/rules/docker/daemon/daemon-no-new-privileges';
import { daemonText, daemonViolations } from '../../../helpers/daemon-rules';

describe('docker-daemon-no-new-privileges', () => {
  test('flags it unset, false or the string "true"', () => {
    expect(daemonViolations(daemonNoNewPrivileges, '{}')).toEqual([
      "1 no-new-privileges: 'etc/docker/daemon.json' has \"no-new-privileges\" not set, not true: containers may gain privileges through setuid binaries",
    ]);
    expect(daemonViolations(daemonNoNewPrivileges, '{\n  "no-new-privileges": false\n}')).toEqual([
      "2 no-new-privileges: 'etc/docker/daemon.json' has \"no-new-privileges\" false, not true: containers may gain privileges through setuid binaries",
    ]);
    expect(daemonViolations(daemonNoNewPrivileges, daemonText({ 'no-new-privileges': 'true' }))).toHaveLength(1);
  });

  test('passes true', () => {
    expect(daemonViolations(daemonNoNewPrivileges, daemonText({ 'no-new-privileges': true }))).toEqual([]);
  });
});
