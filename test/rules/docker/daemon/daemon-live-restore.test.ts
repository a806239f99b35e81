import { daemonLiveRestore } from '../../../../lib/rules/docker/daemon/daemon-live-restore';
import { daemonText, daemonViolations } from '../../../helpers/daemon-rules';

describe('docker-daemon-live-restore', () => {
  test('flags it unset or false', () => {
    expect(daemonViolations(daemonLiveRestore, '{\n  "live-restore": false\n}')).toEqual([
      "2 live-restore: 'etc/docker/daemon.json' has \"live-restore\" false, not true: every container stops when the daemon restarts",
    ]);
    expect(daemonViolations(daemonLiveRestore, '{}')).toHaveLength(1);
  });

  test('passes true', () => {
    expect(daemonViolations(daemonLiveRestore, daemonText({ 'live-restore': true }))).toEqual([]);
  });
});
