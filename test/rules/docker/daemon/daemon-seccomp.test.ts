import { daemonSeccomp } from '../../../../lib/rules/docker/daemon/daemon-seccomp';
import { daemonText, daemonViolations } from '../../../helpers/daemon-rules';

describe('docker-daemon-seccomp', () => {
  test('flags unconfined in any case', () => {
    expect(daemonViolations(daemonSeccomp, '{\n  "seccomp-profile": "unconfined"\n}')).toEqual([
      "2 seccomp-profile: 'etc/docker/daemon.json' sets \"seccomp-profile\": \"unconfined\": no container on the host has a system call filter",
    ]);
    expect(daemonViolations(daemonSeccomp, daemonText({ 'seccomp-profile': ' Unconfined' }))).toHaveLength(1);
  });

  test('passes unset, builtin and a custom profile', () => {
    expect(daemonViolations(daemonSeccomp, daemonText())).toEqual([]);
    expect(daemonViolations(daemonSeccomp, daemonText({ 'seccomp-profile': 'builtin' }))).toEqual([]);
    expect(daemonViolations(daemonSeccomp, daemonText({ 'seccomp-profile': '/etc/docker/seccomp/hipaa.json' }))).toEqual([]);
  });
});
