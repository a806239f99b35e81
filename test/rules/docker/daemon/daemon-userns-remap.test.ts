import { daemonUsernsRemap } from '../../../../lib/rules/docker/daemon/daemon-userns-remap';
import { daemonText, daemonViolations } from '../../../helpers/daemon-rules';

describe('docker-daemon-userns-remap', () => {
  test('flags a missing or empty userns-remap', () => {
    expect(daemonViolations(daemonUsernsRemap, '{\n  "icc": false\n}\n')).toEqual([
      "1 userns-remap: 'etc/docker/daemon.json' does not set \"userns-remap\": root in a container is root on the host",
    ]);
    expect(daemonViolations(daemonUsernsRemap, '{\n  "icc": false,\n  "userns-remap": ""\n}\n')).toEqual([
      "3 userns-remap: 'etc/docker/daemon.json' sets \"userns-remap\": \"\": root in a container is root on the host",
    ]);
  });

  test('passes a remap, and a rootless daemon declared by its file path', () => {
    expect(daemonViolations(daemonUsernsRemap, daemonText({ 'userns-remap': 'default' }))).toEqual([]);
    expect(daemonViolations(daemonUsernsRemap, daemonText({ 'userns-remap': 'dockremap:dockremap' }))).toEqual([]);
    expect(daemonViolations(daemonUsernsRemap, '{}', 'home/app/.config/docker/daemon.json')).toEqual([]);
    expect(daemonViolations(daemonUsernsRemap, '{}', 'config/docker/daemon.json')).toHaveLength(1);
    expect(daemonViolations(daemonUsernsRemap, '{"rootless": true}')).toEqual([]);
    expect(daemonViolations(daemonUsernsRemap, '{"rootless": "true"}')).toHaveLength(1);
  });
});
