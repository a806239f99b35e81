import { execFileSync } from 'child_process';
import * as path from 'path';

/** Modules (under node_modules, or the package's own lib/) that loading `entry` pulls in, in a fresh process (then running `then`). */
function loadedBy(entry: string, then = ''): string[] {
  const script = `const entry = require(${JSON.stringify(entry)}); ${then}; process.stdout.write(JSON.stringify(Object.keys(require.cache)))`;
  const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: path.join(__dirname, '..'),
    encoding: 'utf8',
    env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, 'tsconfig.json') },
  });
  return (JSON.parse(out) as string[]).map((f) => path.relative(path.join(__dirname, '..'), f));
}

const pkg = (files: string[], name: string) => files.some((f) => f.startsWith(`node_modules/${name}/`));

describe('entry points load only what they need (DESIGN: pay only for what you use)', () => {
  test('the core (hipaa-constructs) loads neither cdk8s nor Pulumi', () => {
    const files = loadedBy('./lib');
    expect(files.some((f) => f.startsWith('lib/rules/k8s/'))).toBe(true);
    for (const name of ['cdk8s', 'cdk8s-plus-28', 'constructs', '@pulumi/pulumi']) expect([name, pkg(files, name)]).toEqual([name, false]);
    expect(files.filter((f) => f.startsWith('node_modules/@pulumi/'))).toEqual([]);
  });

  test('hipaa-constructs/cdk8s loads no Pulumi, no CLI, no reports, and defers the rule modules to first use', () => {
    const files = loadedBy('./lib/cdk8s');
    expect(pkg(files, 'cdk8s-plus-28')).toBe(true);
    for (const name of ['@pulumi/pulumi', 'commander', 'js-yaml']) expect([name, pkg(files, name)]).toEqual([name, false]);
    // No @pulumi package at all (@pulumi/aws, @pulumi/kubernetes, @pulumi/policy...), nor the Pulumi entry's files.
    expect(files.filter((f) => f.startsWith('node_modules/@pulumi/') || f.startsWith('lib/pulumi/'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('lib/report/') || f.startsWith('lib/cli/'))).toEqual([]);
    expect(files.filter((f) => /^lib\/rules\/k8s\/(pod-security|namespace|rbac|exposure|network)\//.test(f))).toEqual([]);
    // The engine, the report writers and the prop checks load at the first synth or construct.
    const deferred = ['lib/check/engine.ts', 'lib/report/synth-reports.ts', 'lib/cdk8s/workload-props.ts', 'lib/cdk8s/namespace-props.ts', 'lib/cdk8s/encrypted-volume-props.ts', 'lib/imports/snapshot.storage.k8s.io.ts',
      'lib/cdk8s/job-props.ts', 'lib/cdk8s/stateful-set-props.ts', 'lib/rules/k8s/support/cron.ts',
      'lib/cdk8s/secure-ingress-props.ts', 'lib/imports/cert-manager.io.ts'];
    expect(files.filter((f) => deferred.includes(f))).toEqual([]);
  });

  test('hipaa-constructs/pulumi loads AWS submodules only, no cdk8s-plus-28 and no @pulumi/policy (not even when the policy pack runs)', () => {
    const files = loadedBy('./lib/pulumi');
    expect(pkg(files, '@pulumi/pulumi')).toBe(true);
    expect(files.filter((f) => f.startsWith('node_modules/@pulumi/aws/')).length).toBeGreaterThan(0);
    // Never the package roots: @pulumi/aws's index loads every AWS service, @pulumi/kubernetes's every API group.
    expect(files.filter((f) => f === 'node_modules/@pulumi/aws/index.js' || f === 'node_modules/@pulumi/kubernetes/index.js')).toEqual([]);
    for (const name of ['cdk8s-plus-28', '@pulumi/policy']) expect([name, pkg(files, name)]).toEqual([name, false]);
    // The rule packs and the engine load when the policy pack is used, not with the entry.
    expect(files.filter((f) => /^lib\/rules\/k8s\/(pod-security|namespace|rbac|exposure|network)\//.test(f) || f === 'lib/check/engine.ts')).toEqual([]);

    const run = 'for (const p of entry.hipaaPolicies()) { try { p.validateStack({ resources: [], getConfig: () => ({}), notApplicable: () => { throw 0; } }, () => {}); } catch (e) { if (e !== 0) throw e; } }';
    const withPolicies = loadedBy('./lib/pulumi', run);
    expect(withPolicies).toContain('lib/check/engine.ts');
    for (const name of ['cdk8s-plus-28', '@pulumi/policy']) expect([name, pkg(withPolicies, name)]).toEqual([name, false]);
  });

  test('hipaa-constructs/docker loads constructs only: no cdk8s, no Pulumi, no CLI', () => {
    const files = loadedBy('./lib/docker');
    expect(pkg(files, 'constructs')).toBe(true);
    for (const name of ['cdk8s', 'cdk8s-plus-28', '@pulumi/pulumi', 'commander']) expect([name, pkg(files, name)]).toEqual([name, false]);
    // Not the Kubernetes or AWS packs (the Docker rules may use helpers of the Kubernetes rules).
    expect(files.filter((f) => /^lib\/(cdk8s|pulumi|cli)\//.test(f) || /^lib\/rules\/(k8s|aws)\/index\.ts$/.test(f))).toEqual([]);
  });
});
