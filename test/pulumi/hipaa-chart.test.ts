import { spawnSync } from 'child_process';
import * as path from 'path';
import * as pulumi from '@pulumi/pulumi';
import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { HipaaNamespace, HipaaValidation, KmsSecretStore, SecureDeployment } from '../../lib/cdk8s';
import { check } from '../../lib/check/engine';
import { fromManifest } from '../../lib/check/resource';
import { HipaaChart, HipaaChartArgs, synthesizeChart } from '../../lib/pulumi/hipaa-chart';
import { kubernetesPack } from '../../lib/rules/k8s';
import { container } from '../helpers/cdk8s';
import { validateCustomResources } from '../helpers/crd-schema';
import { SOON } from '../helpers/dates';
import { one, runProgram, valueOf } from '../helpers/pulumi';
import { validateManifests } from '../helpers/schema';

const ROLE = 'arn:aws:iam::123456789012:role/clinic-secrets';

/** The PHI namespace of a clinic, its image policy, a secret store fed by `roleArn` and an API that mounts a secret. */
function buildClinic(app: App, v: { roleArn: string }): void {
  const chart = new Chart(app, 'clinic', { namespace: 'clinic' });
  new HipaaNamespace(chart, 'clinic', { name: 'clinic', owner: 'platform-team' });
  const store = new KmsSecretStore(chart, 'secrets', { region: 'us-east-1', roleArn: v.roleArn, owner: 'records-team', name: 'aws-secrets' });
  const db = store.addSecret('db', { remoteKey: 'clinic/db', keys: { password: 'password' }, name: 'db-credentials' });
  new SecureDeployment(chart, 'api', { containers: [container()], secrets: [{ secret: db, mountPath: '/var/run/secrets/db' }] });
}

function clinic(args: Partial<HipaaChartArgs<{ roleArn: string }>> = {}) {
  return new HipaaChart<{ roleArn: string }>('clinic', {
    values: { roleArn: pulumi.output(ROLE) },
    build: buildClinic,
    ...args,
  });
}

describe('HipaaChart', () => {
  test('builds the chart from resolved values, checks it and deploys exactly its manifests with one ConfigGroup', async () => {
    let chart: HipaaChart<{ roleArn: string }> | undefined;
    const resources = await runProgram(() => {
      chart = clinic();
    });
    const manifests = await valueOf(chart!.manifests);
    // The resolved role ARN reached the chart.
    const account = manifests.find((m) => m.kind === 'ServiceAccount' && m.metadata.name === 'aws-secrets');
    expect(account?.metadata.annotations['eks.amazonaws.com/role-arn']).toBe(ROLE);
    // What is deployed is what cdk8s wrote for the same chart built directly: no second copy of any object.
    const app = Testing.app();
    buildClinic(app, { roleArn: ROLE });
    expect(manifests).toEqual(Testing.synth(app.charts[0]));
    const group = one(resources, 'kubernetes:yaml/v2:ConfigGroup');
    expect(group.inputs.objs).toEqual(manifests);
    expect(resources.map((r) => r.type)).toEqual(['hipaa-constructs:kubernetes:HipaaChart', 'kubernetes:yaml/v2:ConfigGroup']);
    // The full pack finds nothing that fails, and the API server would accept every core object.
    const result = check(manifests.map((m) => fromManifest(m)), kubernetesPack);
    expect(result.unwaived.filter((f) => f.severity === 'error')).toEqual([]);
    expect(validateManifests(manifests.filter((m) => m.apiVersion !== 'external-secrets.io/v1'))).toEqual([]);
    expect(validateCustomResources(manifests)).toEqual([]);
    expect(manifests.map((m) => m.kind)).toEqual(expect.arrayContaining(['Namespace', 'NetworkPolicy', 'SecretStore', 'ExternalSecret', 'Deployment']));
  });

  test('an insecure chart fails the Pulumi program with the message cdk8s synth gives, and nothing is deployed', () => {
    const insecure = (app: App) => {
      new kplus.Deployment(new Chart(app, 'legacy'), 'legacy', { containers: [{ image: 'nginx:latest' }] });
    };
    const app = Testing.app();
    HipaaValidation.enable(app);
    insecure(app);
    const synthMessage = thrownBy(() => app.synth());
    expect(synthMessage).toMatch(/k8s-workload-phi-label/);
    // What HipaaChart runs on the resolved values refuses with exactly that message...
    expect(thrownBy(() => synthesizeChart('legacy', { build: insecure }, {}))).toBe(synthMessage);
    // ...and a real program (under mocks, in its own process) fails with it, before the ConfigGroup is registered.
    const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'programs', 'refused-chart.ts')], {
      encoding: 'utf8',
      env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, '..', 'tsconfig.json') },
    });
    expect(run.status).not.toBe(0);
    expect(run.stdout).toBe('registered hipaa-constructs:kubernetes:HipaaChart\n');
    // Pulumi prints it after the component's name, so a stack with several charts says which one refused.
    expect(run.stderr).toContain(`[HipaaChart 'legacy'] build: ${synthMessage.split('\n')[0]}`);
    expect(run.stderr).toContain('[k8s-workload-phi-label] legacy/legacy/Resource (Deployment legacy-c8089570)');
  });

  test('the validation settings reach the check, as with HipaaValidation.enable', async () => {
    const build = (app: App) => {
      new kplus.Secret(new Chart(app, 'vendor', { namespace: 'vendor' }), 'seed', { stringData: { password: 'only-for-the-demo-seed' } });
    };
    // An inline secret in an unclassified (so PHI) namespace is refused...
    expect(thrownBy(() => synthesizeChart('vendor', { build }, {}))).toMatch(/\[k8s-phi-inline-secret\] vendor\/seed/);
    // ...unless the chart's validation settings waive it.
    const waiver = { ruleId: 'k8s-phi-inline-secret', reason: 'Demo seed value, rotated by the vendor on first start', expires: SOON, target: { kind: 'Secret' } };
    let chart: HipaaChart | undefined;
    await runProgram(() => {
      chart = new HipaaChart('vendor', { build, validation: { waivers: [waiver] } });
    });
    expect((await valueOf(chart!.manifests)).map((m) => m.kind)).toEqual(['Secret']);
  });

  test('bad arguments are refused at construction, all at once', () => {
    expect(() => new HipaaChart('x', { build: 'nope' as any, values: [] as any })).toThrow(
      [
        "[HipaaChart 'x'] 2 problems in the props (all are listed; fix each):",
        '- build: expected a function (app, values) => void that adds cdk8s charts to the app, got string.',
        '- values: expected an object of named values, e.g. { roleArn: role.arn }.',
      ].join('\n'),
    );
  });

  test('a build that adds no chart, or charts without objects, is refused when the charts are built', () => {
    expect(thrownBy(() => synthesizeChart('empty', { build: () => undefined }, {}))).toBe(
      "[HipaaChart 'empty'] build: the app has no chart; build must add a chart to the app it receives (e.g. new ClinicChart(app, 'clinic', {...})).",
    );
    expect(thrownBy(() => synthesizeChart('empty', { build: (app) => new Chart(app, 'nothing') }, {}))).toBe(
      "[HipaaChart 'empty'] build: the charts have no objects; add constructs to the chart(s) build creates.",
    );
  });

  test('every chart the build adds is checked together and deployed, in dependency order', async () => {
    let chart: HipaaChart<{ roleArn: string }> | undefined;
    await runProgram(() => {
      chart = new HipaaChart<{ roleArn: string }>('two', {
        values: { roleArn: ROLE },
        build: (app, v) => {
          // The namespace lives in one chart, the workload and its secret store in another that depends on it.
          const api = new Chart(app, 'api', { namespace: 'clinic' });
          const base = new Chart(app, 'base');
          api.addDependency(base);
          new HipaaNamespace(base, 'clinic', { name: 'clinic', owner: 'platform-team' });
          new KmsSecretStore(api, 'secrets', { region: 'us-east-1', roleArn: v.roleArn, owner: 'records-team', name: 'aws-secrets' });
          new SecureDeployment(api, 'api', { containers: [container()] });
        },
      });
    });
    const manifests = await valueOf(chart!.manifests);
    expect(manifests[0].kind).toBe('Namespace');
    expect(manifests.filter((m) => m.kind === 'Deployment').map((m) => m.metadata.namespace)).toEqual(['clinic']);
    expect(manifests.find((m) => m.kind === 'ServiceAccount' && m.metadata.name === 'aws-secrets')?.metadata.annotations['eks.amazonaws.com/role-arn']).toBe(ROLE);
  });
});

function thrownBy(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}
