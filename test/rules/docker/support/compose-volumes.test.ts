import { composeMounts } from '../../../../lib/rules/docker/support/compose-volumes';

describe('composeMounts', () => {
  test('reads the short form: bind mounts, named and anonymous volumes, modes, Windows paths and interpolation', () => {
    const mounts = composeMounts(['./data:/data:ro', 'db:/var/lib/db', '/cache', '/var/run/docker.sock:/sock:ro,rshared', 'C:\\data:/data', '${SRC:-/etc}:/x']);
    expect(mounts.map((m) => [m.type, m.source, m.target, m.readOnly, m.propagation])).toEqual([
      ['bind', './data', '/data', true, undefined],
      ['volume', 'db', '/var/lib/db', false, undefined],
      ['volume', undefined, '/cache', false, undefined],
      ['bind', '/var/run/docker.sock', '/sock', true, 'rshared'],
      ['bind', 'C:\\data', '/data', false, undefined],
      ['bind', '${SRC:-/etc}', '/x', false, undefined],
    ]);
  });

  test('reads the long form', () => {
    const mounts = composeMounts([
      { type: 'bind', source: '/etc', target: '/host-etc', read_only: 'true', bind: { propagation: 'shared' } },
      { type: 'tmpfs', target: '/tmp' },
      { source: 'data', target: '/data' },
    ]);
    expect(mounts).toEqual([
      { path: 'volumes[0]', type: 'bind', source: '/etc', target: '/host-etc', readOnly: true, propagation: 'shared' },
      { path: 'volumes[1]', type: 'tmpfs', source: undefined, target: '/tmp', readOnly: false, propagation: undefined },
      { path: 'volumes[2]', type: 'volume', source: 'data', target: '/data', readOnly: false, propagation: undefined },
    ]);
  });
});
