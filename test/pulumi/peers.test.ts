import * as fs from 'fs';
import * as path from 'path';
import { cdk8sPeersForChart, missingPulumiPeers, missingPulumiPeersMessage } from '../../lib/pulumi/peers';

/** A loader that fails as Node does when `name` is not installed. */
function notInstalled(name: string): () => unknown {
  return () => {
    throw Object.assign(new Error(`Cannot find module '${name}'\nRequire stack:\n- /app/node_modules/hipaa-constructs/dist/pulumi/peers.js`), { code: 'MODULE_NOT_FOUND' });
  };
}
const present = () => '/app/node_modules/x/index.js';
const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> };

describe('missing peer dependencies of hipaa-constructs/pulumi', () => {
  test('every missing Pulumi peer is named, in order; installed ones are not', () => {
    expect(missingPulumiPeers([['@pulumi/pulumi', present], ['@pulumi/aws', notInstalled('@pulumi/aws')], ['@pulumi/kubernetes', notInstalled('@pulumi/kubernetes')]]))
      .toEqual(['@pulumi/aws', '@pulumi/kubernetes']);
    expect(missingPulumiPeers([['@pulumi/pulumi', present], ['@pulumi/aws', present], ['@pulumi/kubernetes', present]])).toEqual([]);
    // Here all three are installed (dev dependencies).
    expect(missingPulumiPeers()).toEqual([]);
  });

  test('a peer that is found but broken is not reported as missing: its own error is rethrown', () => {
    // Node names the missing main file, not the package.
    const brokenMain = () => {
      throw Object.assign(new Error("Cannot find module '/app/node_modules/@pulumi/aws/index.js'. Please verify that the package.json has a valid \"main\" entry"), { code: 'MODULE_NOT_FOUND' });
    };
    expect(() => missingPulumiPeers([['@pulumi/aws', brokenMain]])).toThrow('Please verify that the package.json has a valid "main" entry');
    expect(() => missingPulumiPeers([['@pulumi/pulumi', notInstalled('@pulumi/pulumi/runtime')]])).toThrow("Cannot find module '@pulumi/pulumi/runtime'");
  });

  test('the message names what is missing, the install command with the declared ranges, and what needs the other peers', () => {
    const message = missingPulumiPeersMessage(['@pulumi/aws', '@pulumi/kubernetes'], { '@pulumi/aws': '^7.0.0', '@pulumi/kubernetes': '^4.18.0' });
    expect(message).toBe(
      'hipaa-constructs/pulumi needs the peer dependencies @pulumi/pulumi, @pulumi/aws and @pulumi/kubernetes; not installed: @pulumi/aws, @pulumi/kubernetes.\n' +
      "Install them in your app: npm install @pulumi/aws@'^7.0.0' @pulumi/kubernetes@'^4.18.0'\n" +
      '(HipaaChart also needs cdk8s, cdk8s-plus-28 and constructs, a CrossGuard policy pack @pulumi/policy; ' +
      'the core entry point `hipaa-constructs` and the `hipaa-check` CLI work without any of them.)',
    );
  });

  test('the install hint uses the ranges package.json declares', () => {
    expect(missingPulumiPeersMessage(['@pulumi/pulumi', '@pulumi/aws', '@pulumi/kubernetes'])).toContain(
      `npm install @pulumi/pulumi@'${pkg.peerDependencies['@pulumi/pulumi']}' @pulumi/aws@'${pkg.peerDependencies['@pulumi/aws']}' @pulumi/kubernetes@'${pkg.peerDependencies['@pulumi/kubernetes']}'`,
    );
  });
});

describe('HipaaChart without the cdk8s peers', () => {
  test('names the chart, the missing cdk8s peers and the install command', () => {
    const peers = [['cdk8s', notInstalled('cdk8s')], ['cdk8s-plus-28', present], ['constructs', notInstalled('constructs')]] as const;
    expect(() => cdk8sPeersForChart('records', peers, { cdk8s: '^2.68.11', constructs: '^10.3.0' })).toThrow(
      "[HipaaChart 'records'] builds a cdk8s chart and needs the peer dependencies cdk8s, cdk8s-plus-28 and constructs; not installed: cdk8s, constructs.\n" +
      "Install them in your app: npm install cdk8s@'^2.68.11' constructs@'^10.3.0'\n" +
      '(The other components of `hipaa-constructs/pulumi` work without them.)',
    );
  });

  test('passes when they are installed (here: dev dependencies)', () => {
    expect(() => cdk8sPeersForChart('records')).not.toThrow();
  });
});
