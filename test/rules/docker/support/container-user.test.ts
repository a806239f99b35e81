import { containerUser, userKind } from '../../../../lib/rules/docker/support/container-user';

describe('containerUser', () => {
  test.each([
    ['root', 'root', 'root'],
    ['0', '0', 'root'],
    ['0:0', '0', 'root'],
    ['+0', '+0', 'root'],
    ['000', '000', 'root'],
    ['root:root', 'root', 'root'],
    [' 0 ', '0', 'root'],
    ['10001', '10001', 'uid'],
    ['10001:0', '10001', 'uid'],
    ['+10001', '+10001', 'uid'],
    ['app', 'app', 'name'],
    ['app:app', 'app', 'name'],
    ['Root', 'Root', 'name'],
    ['-1', '-1', 'name'],
    ['${UID}', '${UID}', 'name'],
  ])('%s', (spec, user, kind) => {
    expect(containerUser(spec)).toEqual({ user, kind });
  });

  test('userKind judges a user part', () => {
    expect(userKind('00')).toBe('root');
    expect(userKind('65532')).toBe('uid');
  });
});
