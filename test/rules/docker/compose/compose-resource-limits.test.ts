import { composeResourceLimits as rule } from '../../../../lib/rules/docker/compose/compose-resource-limits';
import { composeFile, composeViolations, service } from '../../../helpers/compose-rule-test';

describe('docker-compose-resource-limits', () => {
  test.each([
    ['deploy.resources.limits', 'deploy:\n  resources:\n    limits: { memory: 512m, cpus: "0.5", pids: 100 }'],
    ['service fields', 'mem_limit: 1g\ncpus: 1.5\npids_limit: 200'],
    ['a mix, and interpolated sizes', 'mem_limit: ${API_MEMORY:-512m}\ndeploy:\n  resources:\n    limits: { cpus: "2", pids: 64 }'],
  ])('passes %s', (_what, settings) => {
    expect(composeViolations(rule, composeFile(service('a', settings)))).toEqual([]);
  });

  test('flags each missing limit on its own, and 0 or -1, which mean no limit', () => {
    const file = composeFile(
      service('a', 'image: x'),
      service('b', 'mem_limit: 512m', 'pids_limit: -1', 'cpus: 0'),
      service('c', 'deploy:', '  resources:', '    limits:', '      memory: 256m', '      pids: 0', '    reservations: { cpus: "0.5" }'),
    );
    expect(composeViolations(rule, file)).toEqual([
      "a cpus (line 2): service 'a' has no CPU limit (neither cpus nor deploy.resources.limits.cpus is set)",
      "a mem_limit (line 2): service 'a' has no memory limit (neither mem_limit nor deploy.resources.limits.memory is set)",
      "a pids_limit (line 2): service 'a' has no PIDs limit (neither pids_limit nor deploy.resources.limits.pids is set)",
      "b cpus (line 7): service 'b' has no CPU limit (cpus: 0)",
      "b pids_limit (line 6): service 'b' has no PIDs limit (pids_limit: -1)",
      "c cpus (line 8): service 'c' has no CPU limit (neither cpus nor deploy.resources.limits.cpus is set)",
      "c deploy.resources.limits.pids (line 13): service 'c' has no PIDs limit (deploy.resources.limits.pids: 0)",
    ]);
  });
});
