import { composeHostMounts as rule } from '../../../../lib/rules/docker/compose/compose-host-mounts';
import { composeFile, composeViolations, service } from '../../../helpers/compose-rule-test';

describe('docker-compose-host-mounts', () => {
  test.each([
    ['a named volume', 'volumes: ["db-data:/var/lib/postgresql/data"]'],
    ['a relative path', 'volumes: ["./config:/etc/app:ro"]'],
    ['an anonymous volume', 'volumes: ["/var/cache/app"]'],
    ['a home directory', 'volumes: ["~/certs:/certs:ro"]'],
    ['the host time zone read-only', 'volumes: ["/etc/localtime:/etc/localtime:ro", "/etc/timezone:/etc/timezone:ro"]'],
    ['long form volume and tmpfs', 'volumes:\n  - { type: volume, source: data, target: /data }\n  - { type: tmpfs, target: /tmp }'],
    ['a host path outside the sensitive ones', 'volumes: ["/srv/clinic/uploads:/uploads"]'],
  ])('passes %s', (_what, settings) => {
    expect(composeViolations(rule, composeFile(service('a', settings)))).toEqual([]);
  });

  test('flags runtime sockets, sensitive host paths in both forms and shared propagation', () => {
    const file = composeFile(
      service(
        'a',
        'volumes:',
        '  - /var/run/docker.sock:/var/run/docker.sock',
        '  - /run/containerd/containerd.sock:/run/containerd/containerd.sock:ro',
        '  - { type: bind, source: /run/podman/podman.sock, target: /podman.sock }',
        '  - /:/host:ro',
        '  - /etc:/host-etc',
        '  - /proc/1/ns:/ns',
        '  - //var/lib/docker/volumes:/volumes',
        '  - /srv/../etc/shadow:/shadow:ro',
        '  - { type: bind, source: /sys/fs/cgroup, target: /cgroup, read_only: true }',
        '  - ./mnt:/mnt:rshared',
        '  - { type: bind, source: ./m, target: /m, bind: { propagation: shared } }',
        '  - /etc/localtime:/etc/localtime',
        '  - ${DOCKER_SOCKET:-/var/run/docker.sock}:/docker.sock',
        '  - /home:/homes:ro',
        '  - /home/deploy/.docker:/docker-config:ro',
      ),
    );
    expect(composeViolations(rule, file)).toEqual([
      'a volumes[0] (line 4): service \'a\' mounts the container runtime\'s socket "/var/run/docker.sock" (volume "/var/run/docker.sock:/var/run/docker.sock")',
      'a volumes[10] (line 14): service \'a\' mounts "./m:/m" with shared propagation, so its mounts reach the host',
      'a volumes[11] (line 15): service \'a\' mounts the host path "/etc/localtime" (under /etc) at "/etc/localtime"',
      'a volumes[12] (line 16): service \'a\' mounts the container runtime\'s socket "${DOCKER_SOCKET:-/var/run/docker.sock}" (volume "${DOCKER_SOCKET:-/var/run/docker.sock}:/docker.sock")',
      'a volumes[13] (line 17): service \'a\' mounts the host path "/home" read-only at "/homes"',
      'a volumes[14] (line 18): service \'a\' mounts the host path "/home/deploy/.docker" (under /home) read-only at "/docker-config"',
      'a volumes[1] (line 5): service \'a\' mounts the container runtime\'s socket "/run/containerd/containerd.sock" (volume "/run/containerd/containerd.sock:/run/containerd/containerd.sock")',
      'a volumes[2] (line 6): service \'a\' mounts the container runtime\'s socket "/run/podman/podman.sock" (volume "/run/podman/podman.sock:/podman.sock")',
      'a volumes[3] (line 7): service \'a\' mounts the host path "/" read-only at "/host"',
      'a volumes[4] (line 8): service \'a\' mounts the host path "/etc" at "/host-etc"',
      'a volumes[5] (line 9): service \'a\' mounts the host path "/proc/1/ns" (under /proc) at "/ns"',
      'a volumes[6] (line 10): service \'a\' mounts the host path "//var/lib/docker/volumes" (under /var/lib/docker) at "/volumes"',
      'a volumes[7] (line 11): service \'a\' mounts the host path "/srv/../etc/shadow" (under /etc) read-only at "/shadow"',
      'a volumes[8] (line 12): service \'a\' mounts the host path "/sys/fs/cgroup" (under /sys) read-only at "/cgroup"',
      'a volumes[9] (line 13): service \'a\' mounts "./mnt:/mnt" with rshared propagation, so its mounts reach the host',
    ]);
  });
});
