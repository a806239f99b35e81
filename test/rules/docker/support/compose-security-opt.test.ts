import { goParseBool, securityOpts } from '../../../../lib/rules/docker/support/compose-security-opt';

describe('securityOpts', () => {
  test('reads name=value, the older name:value, bare words and the bare disable', () => {
    const opts = securityOpts(['no-new-privileges', 'no-new-privileges:true', 'seccomp=unconfined', 'label=type:svirt_t', 'label:level:s0', 'disable', 'APPARMOR=docker-default']);
    expect(opts.map((o) => [o.path, o.name, o.value])).toEqual([
      ['security_opt[0]', 'no-new-privileges', undefined],
      ['security_opt[1]', 'no-new-privileges', 'true'],
      ['security_opt[2]', 'seccomp', 'unconfined'],
      ['security_opt[3]', 'label', 'type:svirt_t'],
      ['security_opt[4]', 'label', 'level:s0'],
      ['security_opt[5]', 'label', 'disable'],
      ['security_opt[6]', 'apparmor', 'docker-default'],
    ]);
  });

  test('goParseBool accepts what Go strconv.ParseBool accepts', () => {
    expect(['1', 't', 'T', 'true', 'True', 'TRUE'].map(goParseBool)).toEqual([true, true, true, true, true, true]);
    expect(['0', 'f', 'F', 'false', 'False', 'FALSE'].map(goParseBool)).toEqual([false, false, false, false, false, false]);
    expect(['yes', 'tRuE', ''].map(goParseBool)).toEqual([undefined, undefined, undefined]);
  });
});
