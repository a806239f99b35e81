import { composeEncryptedOverlay as rule } from '../../../../lib/rules/docker/compose/compose-encrypted-overlay';
import { composeViolations } from '../../../helpers/compose-rule-test';

const project = (networks: string) => `services:\n  a:\n    image: x\n    networks: [n]\nnetworks:\n${networks}`;

describe('docker-compose-encrypted-overlay', () => {
  test.each([
    ['a bridge network', '  n: {}\n'],
    ['an encrypted overlay', '  n:\n    driver: overlay\n    driver_opts:\n      encrypted: ""\n'],
    ['encrypted with any value (Docker reads only the key)', '  n:\n    driver: overlay\n    driver_opts: { encrypted: "true" }\n'],
  ])('passes %s', (_what, networks) => {
    expect(composeViolations(rule, project(networks))).toEqual([]);
  });

  test('flags an overlay network without the encrypted option', () => {
    expect(composeViolations(rule, project('  n:\n    driver: overlay\n    attachable: true\n'))).toEqual([
      "n driver_opts (line 6): network 'n' is an overlay network without encryption (driver_opts has no encrypted key)",
    ]);
    expect(composeViolations(rule, project('  n:\n    driver: overlay\n    driver_opts:\n      com.docker.network.driver.mtu: "1400"\n'))).toEqual([
      "n driver_opts (line 8): network 'n' is an overlay network without encryption (driver_opts has no encrypted key)",
    ]);
  });

  test('x-hipaa-waivers on the network waives it', () => {
    const waived = project(
      '  n:\n    driver: overlay\n    x-hipaa-waivers:\n      - ruleId: docker-compose-encrypted-overlay\n        reason: the hosts wrap all traffic in a WireGuard tunnel\n        expires: 2026-09-30\n',
    );
    expect(composeViolations(rule, waived)).toEqual([]);
  });
});
