import { daemonDefaultUlimits } from '../../../../lib/rules/docker/daemon/daemon-default-ulimits';
import { daemonText, daemonViolations } from '../../../helpers/daemon-rules';

const F = "'etc/docker/daemon.json'";
const nofile = { Name: 'nofile', Hard: 65536, Soft: 1024 };

describe('docker-daemon-default-ulimits', () => {
  test('flags no default ulimits', () => {
    expect(daemonViolations(daemonDefaultUlimits, '{}')).toEqual([
      `1 default-ulimits: ${F} has "default-ulimits" not set: containers inherit the daemon's limits on open files and processes`,
    ]);
  });

  test('flags a missing nproc, a wrong Name, a non-number, unlimited and Soft above Hard, at their lines', () => {
    const text = `{
  "default-ulimits": {
    "nofile": {"Name": "nofile", "Hard": 1024, "Soft": 4096}
  }
}`;
    expect(daemonViolations(daemonDefaultUlimits, text)).toEqual([
      `3 default-ulimits.nofile.Soft: ${F} has "default-ulimits"."nofile" with "Soft" 4096 above "Hard" 1024: no container could start`,
      `2 default-ulimits.nproc: ${F} has no default ulimit "nproc" in "default-ulimits"`,
    ]);
    const ulimits = (nproc: unknown) => daemonViolations(daemonDefaultUlimits, daemonText({ 'default-ulimits': { nofile, nproc } })).map((v) => v.replace(/^\d+ /, ''));
    expect(ulimits({ Name: 'nofile', Hard: 10, Soft: 10 })).toEqual([
      `default-ulimits.nproc.Name: ${F} has "default-ulimits"."nproc" with "Name" "nofile": dockerd applies the ulimit named by "Name", so it must be "nproc"`,
    ]);
    expect(ulimits({ Name: 'nproc', Hard: '10', Soft: 10 })).toEqual([`default-ulimits.nproc.Hard: ${F} has "default-ulimits"."nproc"."Hard" "10", not a whole number >= 0 (-1 would mean unlimited)`]);
    expect(ulimits({ Name: 'nproc', Hard: -1, Soft: -1 })).toHaveLength(1);
    expect(ulimits('4096')).toEqual([`default-ulimits.nproc: ${F} has "default-ulimits"."nproc" "4096", not {"Name", "Soft", "Hard"}`]);
  });

  test('passes nofile and nproc with Soft <= Hard', () => {
    expect(daemonViolations(daemonDefaultUlimits, daemonText({ 'default-ulimits': { nofile, nproc: { Name: 'nproc', Hard: 8192, Soft: 4096 } } }))).toEqual([]);
    expect(daemonViolations(daemonDefaultUlimits, daemonText())).toEqual([]);
  });
});
