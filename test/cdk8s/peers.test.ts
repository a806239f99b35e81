import * as fs from 'fs';
import * as path from 'path';
import { missingPeers, missingPeersMessage } from '../../lib/cdk8s/peers';

/** A loader that fails as Node does when `name` is not installed. */
function notInstalled(name: string): () => unknown {
  return () => {
    throw Object.assign(new Error(`Cannot find module '${name}'\nRequire stack:\n- /app/node_modules/hipaa-constructs/dist/cdk8s/peers.js`), { code: 'MODULE_NOT_FOUND' });
  };
}
const present = () => ({});

describe('missing peer dependencies of hipaa-constructs/cdk8s', () => {
  test('every missing peer is named, in order; installed ones are not', () => {
    expect(missingPeers([['cdk8s', present], ['cdk8s-plus-28', notInstalled('cdk8s-plus-28')], ['constructs', notInstalled('constructs')]]))
      .toEqual(['cdk8s-plus-28', 'constructs']);
    expect(missingPeers([['cdk8s', present], ['cdk8s-plus-28', present], ['constructs', present]])).toEqual([]);
  });

  test('a peer that is installed but fails to load is not reported as missing: its own error is rethrown', () => {
    // A file missing inside an installed peer, or a peer's own missing dependency.
    const broken = notInstalled('cdk8s/lib/app');
    expect(() => missingPeers([['cdk8s', broken]])).toThrow("Cannot find module 'cdk8s/lib/app'");
    const syntax = () => {
      throw new SyntaxError('Unexpected token');
    };
    expect(() => missingPeers([['cdk8s-plus-28', syntax]])).toThrow(SyntaxError);
  });

  test('the message names what is missing, the install command with the declared ranges, and what works without them', () => {
    const message = missingPeersMessage(['cdk8s-plus-28'], { 'cdk8s': '^2.68.11', 'cdk8s-plus-28': '^2.5.0', 'constructs': '^10.3.0' });
    expect(message).toBe(
      'hipaa-constructs/cdk8s needs the peer dependencies cdk8s, cdk8s-plus-28 and constructs; not installed: cdk8s-plus-28.\n' +
      "Install them in your app: npm install cdk8s-plus-28@'^2.5.0'\n" +
      '(The core entry point `hipaa-constructs` and the `hipaa-check` CLI work without them.)',
    );
  });

  test('the install hint uses the ranges package.json declares', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> };
    expect(missingPeersMessage(['cdk8s', 'constructs'])).toContain(`npm install cdk8s@'${pkg.peerDependencies.cdk8s}' constructs@'${pkg.peerDependencies.constructs}'`);
  });
});
