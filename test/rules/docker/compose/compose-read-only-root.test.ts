import { composeReadOnlyRoot as rule } from '../../../../lib/rules/docker/compose/compose-read-only-root';
import { composeFile, composeViolations, service } from '../../../helpers/compose-rule-test';

describe('docker-compose-read-only-root', () => {
  test.each([
    ['tmpfs as a list', 'read_only: true\ntmpfs: ["/tmp"]'],
    ['tmpfs as a string', 'read_only: true\ntmpfs: /tmp'],
    ['a tmpfs volume', 'read_only: true\nvolumes:\n  - { type: tmpfs, target: /tmp }'],
    ['read_only as the string "true"', 'read_only: "true"\ntmpfs: [/tmp]'],
  ])('passes %s', (_what, settings) => {
    expect(composeViolations(rule, composeFile(service('a', settings)))).toEqual([]);
  });

  test('flags a writable root filesystem, read_only false, and read_only without a tmpfs', () => {
    const file = composeFile(
      service('a', 'image: x'),
      service('b', 'read_only: false'),
      service('c', 'read_only: ${RO}'),
      service('d', 'read_only: true', 'volumes: ["./cache:/cache"]'),
      service('e', 'read_only: true', 'tmpfs: []'),
    );
    expect(composeViolations(rule, file)).toEqual([
      "a read_only (line 2): service 'a' has a writable root filesystem (read_only is not set)",
      "b read_only (line 5): service 'b' has a writable root filesystem (read_only: false)",
      'c read_only (line 7): service \'c\' has a writable root filesystem (read_only: "${RO}")',
      "d tmpfs (line 8): service 'd' has read_only: true but no tmpfs (tmpfs: or a volume of type tmpfs) for the paths it must write, such as /tmp",
      "e tmpfs (line 13): service 'e' has read_only: true but no tmpfs (tmpfs: or a volume of type tmpfs) for the paths it must write, such as /tmp",
    ]);
  });
});
