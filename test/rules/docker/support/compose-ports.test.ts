import { composePorts, isEveryInterface } from '../../../../lib/rules/docker/support/compose-ports';

describe('composePorts', () => {
  test('reads the short form with and without address, ranges, protocols, IPv6 and interpolation', () => {
    const ports = composePorts(['80', 8080, '8000:80', '127.0.0.1:8443:8443/tcp', '10.0.0.1:5000-5010:5000-5010', '[::1]:9000:9000', '::1:9001:9001', '127.0.0.1::80', '${IP:-127.0.0.1}:7000:7000']);
    expect(ports.map((p) => [p.path, p.hostIp, p.published, p.target])).toEqual([
      ['ports[0]', undefined, undefined, '80'],
      ['ports[1]', undefined, undefined, '8080'],
      ['ports[2]', undefined, '8000', '80'],
      ['ports[3]', '127.0.0.1', '8443', '8443'],
      ['ports[4]', '10.0.0.1', '5000-5010', '5000-5010'],
      ['ports[5]', '::1', '9000', '9000'],
      ['ports[6]', '::1', '9001', '9001'],
      ['ports[7]', '127.0.0.1', undefined, '80'],
      ['ports[8]', '${IP:-127.0.0.1}', '7000', '7000'],
    ]);
  });

  test('reads the long form', () => {
    expect(composePorts([{ target: 80, published: '8080', host_ip: '127.0.0.1', protocol: 'tcp' }, { target: 81 }])).toEqual([
      { path: 'ports[0]', hostIp: '127.0.0.1', published: '8080', target: '80', form: 'long' },
      { path: 'ports[1]', hostIp: undefined, published: undefined, target: '81', form: 'long' },
    ]);
  });

  test('no ports', () => {
    expect(composePorts(undefined)).toEqual([]);
  });
});

describe('isEveryInterface', () => {
  test.each(['0.0.0.0', '*', '::', '[::]', '0:0:0:0:0:0:0:0', '::0', '::ffff:0.0.0.0', '::0.0.0.0'])('%s is every interface', (host) => {
    expect(isEveryInterface(host)).toBe(true);
  });
  test.each(['127.0.0.1', '::1', '10.0.0.5', 'fe80::1', '0', 'localhost', '${IP}'])('%s is not', (host) => {
    expect(isEveryInterface(host)).toBe(false);
  });
});
