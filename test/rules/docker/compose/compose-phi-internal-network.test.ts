import { composePhiInternalNetwork as rule } from '../../../../lib/rules/docker/compose/compose-phi-internal-network';
import { composeViolations } from '../../../helpers/compose-rule-test';

const PHI = 'labels: { hipaa-constructs.io/phi: "true" }';

describe('docker-compose-phi-internal-network', () => {
  test('passes PHI back-ends on internal networks, network_mode none, and services that publish ports', () => {
    const file = [
      'services:',
      '  api:',
      `    ${PHI}`,
      '    ports: ["127.0.0.1:8443:8443"]',
      '    networks: [front, back]',
      '  db:',
      '    labels: ["hipaa-constructs.io/phi=true"]',
      '    networks:',
      '      back: { aliases: [postgres] }',
      '  batch:',
      `    ${PHI}`,
      '    network_mode: none',
      '  exporter:',
      `    ${PHI}`,
      '    network_mode: "service:db"',
      'networks:',
      '  front: {}',
      '  back:',
      '    internal: true',
    ].join('\n');
    expect(composeViolations(rule, file)).toEqual([]);
  });

  test('passes a non-PHI service anywhere, and an unclassified one when unclassified objects are not PHI', () => {
    const file = 'services:\n  cache:\n    labels: { hipaa-constructs.io/phi: "false" }\n  other:\n    image: x\n';
    expect(composeViolations(rule, file, { unclassifiedIsPhi: false })).toEqual([]);
    expect(composeViolations(rule, file)).toEqual([
      "other networks (line 4): PHI service 'other' publishes no ports but is attached to network 'default', which is the implicit default network, not internal",
    ]);
  });

  test('flags PHI back-ends on the default network, networks that are not internal, external networks and host or bridge mode', () => {
    const file = [
      'services:', //                            1
      '  db:', //                                2
      `    ${PHI}`, //                           3
      '  queue:', //                             4
      `    ${PHI}`, //                           5
      '    networks:', //                        6
      '      - back', //                         7
      '      - shared', //                       8
      '      - public', //                       9
      '  worker:', //                            10
      `    ${PHI}`, //                           11
      '    network_mode: host', //               12
      '  sidecar:', //                           13
      `    ${PHI}`, //                           14
      '    network_mode: "service:db"', //       15
      '  legacy:', //                            16
      `    ${PHI}`, //                           17
      '    network_mode: bridge', //             18
      'networks:', //                            19
      '  back:', //                              20
      '    internal: true', //                   21
      '  shared:', //                            22
      '    external: true', //                   23
      '  public:', //                            24
      '    internal: false', //                  25
    ].join('\n');
    expect(composeViolations(rule, file)).toEqual([
      "db networks (line 2): PHI service 'db' publishes no ports but is attached to network 'default', which is the implicit default network, not internal",
      'legacy network_mode (line 18): PHI service \'legacy\' publishes no ports but uses network_mode "bridge", which is not an internal network',
      "queue networks[1] (line 8): PHI service 'queue' publishes no ports but is attached to network 'shared', which is external: whether it is internal is not in the project",
      "queue networks[2] (line 9): PHI service 'queue' publishes no ports but is attached to network 'public', which is not internal (internal: false)",
      "sidecar network_mode (line 15): PHI service 'sidecar' publishes no ports but is attached to network 'default' (through service 'db'), which is the implicit default network, not internal",
      'worker network_mode (line 12): PHI service \'worker\' publishes no ports but uses network_mode "host", which is not an internal network',
    ]);
  });

  test('a declared network without internal: true', () => {
    const file = 'services:\n  db:\n    networks: { back: {} }\nnetworks:\n  back:\n    driver: bridge\n';
    expect(composeViolations(rule, file)).toEqual([
      "db networks.back (line 3): PHI service 'db' publishes no ports but is attached to network 'back', which is not internal (internal: true is not set)",
    ]);
  });
});
