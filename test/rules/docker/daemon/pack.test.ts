import { existsSync } from 'fs';
import { join } from 'path';
import { DOCKER_KINDS } from '../../../../lib/check/docker/kinds';
import { check } from '../../../../lib/check/engine';
import { dockerPack } from '../../../../lib/rules/docker';
import { daemonPack } from '../../../../lib/rules/docker/daemon';
import { readDaemon, daemonText } from '../../../helpers/daemon-rules';
import { expectOneRulePerFileIn, expectRuleDescribed } from '../../../helpers/pack-test';
import { TEST_NOW } from '../../../helpers/rule-test';

describe('docker daemon pack', () => {
  test('has one rule per file, with the id docker-<file name>, and each rule has its own test file', () => {
    expectOneRulePerFileIn(daemonPack, join(__dirname, '../../../../lib/rules/docker/daemon'), 'docker', ['index.ts']);
    const untested = daemonPack.rules.map((r) => `${r.id.replace(/^docker-/, '')}.test.ts`).filter((f) => !existsSync(join(__dirname, f)));
    expect(untested).toEqual([]);
  });

  test('every rule is described, cites controls of the catalogue and checks only daemon.json', () => {
    for (const rule of daemonPack.rules) {
      expectRuleDescribed(rule);
      expect(rule.id).toMatch(/^docker-daemon-[a-z0-9-]+$/);
      expect(rule.kinds).toEqual(['docker:DaemonConfig']);
      expect(DOCKER_KINDS).toContain(rule.kinds[0]);
    }
  });

  test('keeps exactly the issue\'s ids and is part of the Docker pack', () => {
    expect(daemonPack.rules.map((r) => r.id)).toEqual([
      'docker-daemon-tls-verify',
      'docker-daemon-userns-remap',
      'docker-daemon-remote-logging',
      'docker-daemon-no-new-privileges',
      'docker-daemon-icc-disabled',
      'docker-daemon-no-insecure-registries',
      'docker-daemon-seccomp',
      'docker-daemon-authorization-plugin',
      'docker-daemon-live-restore',
      'docker-daemon-userland-proxy',
      'docker-daemon-default-ulimits',
    ]);
    for (const rule of daemonPack.rules) expect(dockerPack.rules).toContain(rule);
  });

  test('the compliant fixture passes the whole Docker pack; an empty daemon.json (dockerd defaults) fails every rule', () => {
    expect(check(readDaemon(daemonText()), dockerPack, { now: TEST_NOW }).findings).toEqual([]);
    const empty = check(readDaemon(''), dockerPack, { now: TEST_NOW });
    expect([...new Set(empty.findings.map((f) => f.ruleId))].sort()).toEqual(daemonPack.rules.map((r) => r.id).filter((id) => id !== 'docker-daemon-tls-verify' && id !== 'docker-daemon-seccomp' && id !== 'docker-daemon-no-insecure-registries').sort());
  });
});
