// The package as users get it (issue 8, section 1; DESIGN principle 11 "Consumers first"): build it
// from a clean copy, pack it, install the tarball into fresh apps in a temp dir, compile the README's
// example with TypeScript under classic `node`, node16, nodenext and bundler resolution with
// `skipLibCheck: false`, run it as CommonJS and ESM, and check that the core and `hipaa-check`
// work without cdk8s installed. The Pulumi entry (issue 11): a Pulumi app (the tsconfig of `pulumi new
// typescript`, today's and the one before) type-checks every declaration of hipaa-constructs/pulumi
// and runs a program under mocks; without its peers it names them. Set HIPAA_KEEP_CONSUMER_TMP=1 to keep the temp dir.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import {
  buildAndPack, cleanEnv, exec, installApp, Packed, pinnedVersions, README_CONTINUED_SECTIONS, readmeContinuedProgram,
  readmeExample, REPO, RunResult, tempDir, tsc,
} from './packed-package';
import { readDaemonConfig } from '../../lib/check/docker/daemon-json';
import { check as checkResources } from '../../lib/check/engine';
import type { ManifestError } from '../../lib/check/manifest-error';
import { fromPulumiResource } from '../../lib/check/pulumi-resource';
import { awsPack } from '../../lib/rules/aws';
import { dockerPack } from '../../lib/rules/docker';
import { validateAdmissionPolicies } from '../helpers/admission-schema';
import { customResourceGroups, validateCustomResources } from '../helpers/crd-schema';
import { validateManifests } from '../helpers/schema';

const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const versions = pinnedVersions();

// The tsconfig `cdk8s init typescript-app` writes: classic "node" resolution (module CommonJS, no
// moduleResolution), skipLibCheck off (unset), lib es2016.
const cdk8sTemplateTsconfig = JSON.parse(
  fs.readFileSync(path.join(REPO, 'node_modules', 'cdk8s-cli', 'templates', 'typescript-app', 'tsconfig.json'), 'utf8'),
) as { compilerOptions: Record<string, unknown> };

// `types: []`: the package and its peers must type-check without @types/node (the classic variant,
// like cdk8s's template, has it); leaving it out also halves these compiles.
const strictOptions = { strict: true, skipLibCheck: false, target: 'ES2022', lib: ['es2022'], types: [], outDir: 'out', noEmitOnError: true };

/** The consumer apps: each a folder of the installed app, with its own package.json type and tsconfig. */
const VARIANTS: ReadonlyArray<{ name: string; type: 'commonjs' | 'module'; compilerOptions: Record<string, unknown> }> = [
  { name: 'cjs-classic-node', type: 'commonjs', compilerOptions: { ...cdk8sTemplateTsconfig.compilerOptions, outDir: 'out' } },
  { name: 'cjs-node16', type: 'commonjs', compilerOptions: { ...strictOptions, module: 'node16', moduleResolution: 'node16' } },
  { name: 'esm-nodenext', type: 'module', compilerOptions: { ...strictOptions, module: 'nodenext', moduleResolution: 'nodenext' } },
  { name: 'esm-bundler', type: 'module', compilerOptions: { ...strictOptions, module: 'esnext', moduleResolution: 'bundler' } },
];

// A HipaaNamespace is a kplus INetworkPolicyPeer and INamespaceSelector (API.md): a consumer passes
// it as `from:` / `to:` and to kplus APIs. Its declarations must say so.
const PEER_APP = `import { App, Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { HipaaNamespace, SecureDeployment } from 'hipaa-constructs/cdk8s';

const app = new App({ outdir: 'dist-peers' });
const frontendChart = new Chart(app, 'frontend', { namespace: 'frontend' });
const frontend = new HipaaNamespace(frontendChart, 'frontend', { owner: 'web-team' });
const peer: kplus.INetworkPolicyPeer = frontend;
const selector: kplus.INamespaceSelector = frontend;
const chart = new Chart(app, 'records', { namespace: 'records' });
new HipaaNamespace(chart, 'records', { owner: 'records-team' });
new SecureDeployment(chart, 'api', {
  owner: 'records-team',
  containers: [{
    image: '${REGISTRY}/records-api:1.8.0@sha256:9b2a0c8e5d6f7a1b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70819203',
    portNumber: 8080,
    resources: {
      cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.millis(500) },
      memory: { request: Size.mebibytes(256), limit: Size.mebibytes(512) },
      ephemeralStorage: { request: Size.gibibytes(1), limit: Size.gibibytes(2) },
    },
    liveness: kplus.Probe.fromHttpGet('/livez'),
    readiness: kplus.Probe.fromHttpGet('/readyz'),
  }],
  ingress: [{ from: frontend, ports: [kplus.NetworkPolicyPort.tcp(8080)] }],
});
export const peers = [peer, selector];
`;

// The core entry point, as a pipeline script that has no cdk8s would use it. No @types/node either:
// the core's declarations must not need it.
const CORE_APP = `import { check, dockerPack, fromManifest, kubernetesPack, ManifestError, readDockerfile, renderJson } from 'hipaa-constructs';

declare const console: { log(text: string): void };

const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop' }, spec: { containers: [{ name: 'web', image: 'nginx' }] } };
const result = check([fromManifest(pod)], kubernetesPack);
const problems: ManifestError[] = [];
const docker = check(readDockerfile('FROM nginx\\nCMD ["nginx"]\\n', 'Dockerfile', problems), dockerPack);
console.log(JSON.stringify({ findings: result.findings.length, json: typeof renderJson, docker: docker.findings.map((f) => f.ruleId).sort(), problems: problems.length }));
`;

// A Docker user's program (issue 12): only `constructs` installed, no cdk8s, no Pulumi, no @types/node.
// A hardened daemon.json and a Compose project of a PHI API and its database with one declared flow,
// checked with the Docker pack at synth and written to dist-docker/.
const DOCKER_APP = `import type { Construct } from 'constructs';
import { HardenedDockerDaemon, HipaaComposeProject, HipaaDockerApp, SecureComposeService } from 'hipaa-constructs/docker';

declare const console: { log(text: string): void };

const ECR = '${REGISTRY}';
const DIGEST = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

const app = new HipaaDockerApp({ outdir: 'dist-docker' });
const root: Construct = app;
new HardenedDockerDaemon(app, 'daemon', {
  logging: { driver: 'awslogs', options: { 'awslogs-group': '/clinic/docker', 'awslogs-region': 'us-east-1' } },
  authorizationPlugins: ['opa-docker-authz'],
  fileName: 'host/daemon.json',
});
const project = new HipaaComposeProject(app, 'clinic', {
  secrets: { db_password: { file: './secrets/db_password' } },
});
const db = new SecureComposeService(project, 'db', {
  image: ECR + '/mirror/postgres:16.4@' + DIGEST,
  user: '70:70',
  environment: { POSTGRES_USER: 'clinic', POSTGRES_DB: 'clinic', PGDATA: '/var/lib/postgresql/data/pgdata' },
  secrets: [{ name: 'db_password', fileEnv: 'POSTGRES_PASSWORD_FILE' }],
  tmpfs: ['/tmp', '/var/run/postgresql'],
  volumes: [{ volume: 'pgdata', target: '/var/lib/postgresql/data' }],
  resources: { memory: '1g', cpus: 2, pids: 200 },
  healthcheck: { command: ['pg_isready', '-U', 'clinic', '-d', 'clinic'], interval: '10s' },
});
const api = new SecureComposeService(project, 'api', {
  image: ECR + '/clinic/api:1.4.2@' + DIGEST,
  environment: { DB_HOST: 'db', DB_PORT: '5432' },
  secrets: [{ name: 'db_password', fileEnv: true }],
  ports: [{ hostIp: '127.0.0.1', published: 8443, target: 8443 }],
  healthcheck: { command: ['/app/server', 'healthcheck'] },
});
api.connectTo(db, { port: 5432 });

console.log(JSON.stringify({ root: root.node.path, files: app.synth().map((f) => f.fileName) }));
`;

/** The Docker apps: a CommonJS app under classic "node" resolution and an ESM app under nodenext, both without @types/node. */
const DOCKER_VARIANTS: ReadonlyArray<{ name: string; type: 'commonjs' | 'module'; compilerOptions: Record<string, unknown> }> = [
  { name: 'docker-cjs-classic-node', type: 'commonjs', compilerOptions: { ...strictOptions, module: 'commonjs', moduleResolution: 'node' } },
  { name: 'docker-esm-nodenext', type: 'module', compilerOptions: { ...strictOptions, module: 'nodenext', moduleResolution: 'nodenext' } },
];

// An image a Docker user builds next to the Compose project: pinned base from the allowed registry, non-root, a health check.
const DOCKERFILE = [
  `FROM ${REGISTRY}/mirror/node:20.17-slim@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef`,
  'WORKDIR /app',
  'COPY --chown=1000:1000 dist/ /app/',
  'USER 1000:1000',
  'EXPOSE 8443',
  'HEALTHCHECK --interval=30s CMD ["node", "/app/healthcheck.js"]',
  'CMD ["node", "/app/server.js"]',
  '',
].join('\n');

// A Compose file as a pipeline without any peer checks it: root, privileged, the Docker socket.
const UNHARDENED_COMPOSE = 'services:\n  web:\n    image: nginx\n    privileged: true\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n';

// The tsconfig `pulumi new typescript` writes (pulumi/templates typescript/tsconfig.json since
// 2026-03-25, commit 81e65225: "Use moduleResolution: nodenext"; the package.json has no "type", so
// the program is CommonJS), skipLibCheck off (unset). Before that commit the template had
// module commonjs and classic "node" resolution, which existing stacks keep: both are checked.
const pulumiTemplateTsconfig: Record<string, unknown> = {
  strict: true,
  outDir: 'bin',
  target: 'es2020',
  module: 'nodenext',
  moduleResolution: 'nodenext',
  sourceMap: true,
  experimentalDecorators: true,
  pretty: true,
  noFallthroughCasesInSwitch: true,
  noImplicitReturns: true,
  forceConsistentCasingInFileNames: true,
};
const PULUMI_VARIANTS: ReadonlyArray<{ name: string; compilerOptions: Record<string, unknown> }> = [
  { name: 'pulumi-classic-node', compilerOptions: { ...pulumiTemplateTsconfig, module: 'commonjs', moduleResolution: 'node' } },
  { name: 'pulumi-nodenext', compilerOptions: pulumiTemplateTsconfig },
];

/** What the README's install lines install besides hipaa-constructs: a cdk8s app, a Pulumi stack (HipaaChart deploys cdk8s charts). */
const CDK8S_PEERS = ['cdk8s', 'cdk8s-plus-28', 'constructs'] as const;
const PULUMI_PEERS = ['@pulumi/pulumi', '@pulumi/aws', '@pulumi/kubernetes', ...CDK8S_PEERS] as const;
/** Only a CrossGuard policy pack needs it (README: its own install line). */
const POLICY_PEER = '@pulumi/policy';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/records-secrets';

// A user's Pulumi program: an IRSA role (createIrsaRole) for the secret store's service account and
// a HipaaChart that builds a PHI namespace, the store and a SecureDeployment reading a secret through
// it, fed the role's ARN. As written in a stack's index.ts.
const PULUMI_PROGRAM = `import * as pulumi from '@pulumi/pulumi';
import { Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { HipaaNamespace, KmsSecretStore, SecureDeployment } from 'hipaa-constructs/cdk8s';
import { createIrsaRole, HipaaChart, IClusterOidc } from 'hipaa-constructs/pulumi';

const issuer = 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const cluster: IClusterOidc = {
  oidcProviderArn: pulumi.output(\`arn:aws:iam::123456789012:oidc-provider/\${issuer}\`),
  oidcIssuer: pulumi.output(issuer),
};

class RecordsSecrets extends pulumi.ComponentResource {
  public readonly roleArn: pulumi.Output<string>;
  public readonly policyName: pulumi.Output<string>;
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super('clinic:app:RecordsSecrets', name, {}, opts);
    const { role, policy } = createIrsaRole(name, {
      cluster,
      namespace: 'patient-records',
      serviceAccount: 'records-secrets',
      statements: [{ actions: ['secretsmanager:GetSecretValue'], resources: ['arn:aws:secretsmanager:us-east-1:123456789012:secret:clinic/db-AbCdEf'] }],
    }, this);
    this.roleArn = role.arn;
    this.policyName = policy.name;
    this.registerOutputs({ roleArn: this.roleArn });
  }
}

export const secrets = new RecordsSecrets('records-secrets');

export const chart = new HipaaChart<{ roleArn: string }>('records', {
  values: { roleArn: secrets.roleArn },
  validation: { allowedRegistries: ['${REGISTRY}'] },
  build: (app, v) => {
    const c = new Chart(app, 'records', { namespace: 'patient-records' });
    new HipaaNamespace(c, 'patient-records', { owner: 'clinical-platform' });
    const store = new KmsSecretStore(c, 'secrets', { region: 'us-east-1', roleArn: v.roleArn, owner: 'records-team', serviceAccountName: 'records-secrets' });
    const db = store.addSecret('db', { remoteKey: 'clinic/db', keys: { password: 'password' } });
    new SecureDeployment(c, 'records-api', {
      owner: 'records-team',
      containers: [{
        image: '${REGISTRY}/records-api:1.8.0@sha256:9b2a0c8e5d6f7a1b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70819203',
        portNumber: 8080,
        resources: {
          cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.millis(500) },
          memory: { request: Size.mebibytes(256), limit: Size.mebibytes(512) },
          ephemeralStorage: { request: Size.gibibytes(1), limit: Size.gibibytes(2) },
        },
        liveness: kplus.Probe.fromHttpGet('/livez'),
        readiness: kplus.Probe.fromHttpGet('/readyz'),
      }],
      secrets: [{ secret: db, mountPath: '/var/run/secrets/db' }],
    });
  },
});
`;

// Runs that program under pulumi.runtime.setMocks (as Pulumi's unit-testing guide does) and prints
// what it registered: type, name and inputs of every resource, and the chart's manifests.
const PULUMI_MOCKED = `import * as pulumi from '@pulumi/pulumi';

const registered: Array<{ type: string; name: string; inputs: Record<string, unknown> }> = [];
pulumi.runtime.setMocks({
  newResource(args: pulumi.runtime.MockResourceArgs) {
    registered.push({ type: args.type, name: args.name, inputs: args.inputs });
    const arn = args.type === 'aws:iam/role:Role' ? { arn: \`arn:aws:iam::123456789012:role/\${args.name}\`, name: args.name } : {};
    return { id: \`\${args.name}-id\`, state: { ...arn, ...args.inputs } };
  },
  call(args: pulumi.runtime.MockCallArgs) {
    return args.inputs;
  },
}, 'clinic', 'dev', false);

const program: typeof import('./index') = require('./index');
const settled = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply((value) => { resolve(value); return value; }));

Promise.all([settled(program.secrets.roleArn), settled(program.secrets.policyName), settled(program.chart.manifests), settled(program.chart.resources)])
  .then(([, , manifests]) => console.log(JSON.stringify({ registered, manifests })))
  .catch((e: Error) => { console.error(e); process.exitCode = 1; });
`;

// A Docker host as a Pulumi stack declares it (issue 12): HipaaDockerHost from hipaa-constructs/pulumi,
// a group of one with the OPA authorization plugin, in its own file of the Pulumi app.
const DOCKER_HOST_PROGRAM = `import { HipaaDockerHost } from 'hipaa-constructs/pulumi';

export const host = new HipaaDockerHost('clinic-docker', {
  vpcId: 'vpc-0123456789abcdef0',
  subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
  key: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  egress: { securityGroupIds: ['sg-0123456789abcdef0'], prefixListIds: ['pl-63a5400a'] },
  ingress: [{ port: 8443, securityGroupIds: ['sg-0fedcba9876543210'], description: 'HTTPS from the load balancer' }],
  authorizationPlugin: { image: 'openpolicyagent/opa-docker-authz-v2:0.10@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef' },
});
`;

// Runs that program under mocks (getRegion answered) and prints what it registered and the daemon.json it installs.
const DOCKER_HOST_MOCKED = `import * as pulumi from '@pulumi/pulumi';

const registered: Array<{ type: string; name: string; inputs: Record<string, unknown> }> = [];
pulumi.runtime.setMocks({
  newResource(args: pulumi.runtime.MockResourceArgs) {
    registered.push({ type: args.type, name: args.name, inputs: args.inputs });
    return { id: \`\${args.name}-id\`, state: { arn: \`arn:aws:iam::123456789012:role/\${args.name}\`, name: args.name, ...args.inputs } };
  },
  call(args: pulumi.runtime.MockCallArgs) {
    return args.token === 'aws:index/getRegion:getRegion' ? { name: 'us-east-1', region: 'us-east-1', id: 'us-east-1' } : args.inputs;
  },
}, 'clinic', 'dev', false);

const program: typeof import('./docker-host') = require('./docker-host');
const settled = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply((value) => { resolve(value); return value; }));

Promise.all([settled(program.host.daemonConfig), settled(program.host.userData), settled(program.host.launchTemplate.id), settled(program.host.autoScalingGroup!.id)])
  .then(([daemonConfig]) => console.log(JSON.stringify({ registered, daemonConfig })))
  .catch((e: Error) => { console.error(e); process.exitCode = 1; });
`;

// In an app with the Pulumi peers but not cdk8s's: the entry loads without cdk8s, a HipaaChart is
// refused with the missing peers. node_modules is the Pulumi app's, hard-linked, without the cdk8s peers.
const PULUMI_WITHOUT_CDK8S = [
  "const pulumi = require('@pulumi/pulumi');",
  "pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name + '-id', state: a.inputs }), call: (a) => a.inputs }, 'clinic', 'dev', false);",
  "const hc = require('hipaa-constructs/pulumi');",
  'const cdk8sLoaded = Object.keys(require.cache).filter((f) => /node_modules\\/(cdk8s|cdk8s-plus-28|constructs)\\//.test(f));',
  'let refusal;',
  "try { new hc.HipaaChart('records', { build: () => undefined }); } catch (e) { refusal = e.message; }",
  'console.log(JSON.stringify({ cdk8sLoaded, createIrsaRole: typeof hc.createIrsaRole, HipaaDockerHost: typeof hc.HipaaDockerHost, refusal }));',
].join('\n');

const POD_YAML = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: web\n      image: nginx\n';

// Issue 13's evidence from the installed tarball. A BAA register for the Pod above: its image comes
// from Docker Hub, a vendor without a BAA; AWS's registries are covered.
const BAA_REGISTER = [
  'apiVersion: hipaa-constructs.io/v1',
  'kind: BaaRegister',
  'vendors:',
  '  - id: aws',
  '    provider: aws',
  '    baa: {status: signed, signed: "2025-03-01", ref: "AWS Artifact"}',
  '    match: {registries: ["*.dkr.ecr.*.amazonaws.com"]}',
  '  - id: dockerhub',
  '    baa: {status: none}',
  '    match: {registries: [docker.io]}',
  '',
].join('\n');

// A plain cdk8s app (none of this library's constructs) checked by the plugin at `cdk8s synth`: a
// Deployment that runs as root. Its app installs cdk8s and constructs only (no cdk8s-plus-28, no Pulumi).
const PLUGIN_APP = `const { ApiObject, App, Chart } = require('cdk8s');
const app = new App();
const web = new Chart(app, 'web', { namespace: 'shop' });
new ApiObject(web, 'deployment', {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
  },
});
app.synth();
`;
const pluginConfig = (version: string) => [
  'language: javascript',
  'app: node main.js',
  'validations:',
  '  - package: ./node_modules/hipaa-constructs',
  `    version: ${version}`,
  '    class: HipaaValidationPlugin',
  '    properties:',
  '      reportDir: dist/compliance',
  '',
].join('\n');
/** The repository's cdk8s CLI (cdk8s-cli, a devDependency), as `npx cdk8s` runs it. */
const CDK8S_CLI = path.join(REPO, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s');

const tmp = tempDir();
let packed: Packed;
const timings: Record<string, number> = {};
let extracted: string;
const compiled: Record<string, RunResult> = {};
const ran: Record<string, RunResult> = {};

/** The installed app with the peers; `core`: the tarball alone; `pulumi`: the tarball, the Pulumi and cdk8s peers. */
const appDir = path.join(tmp.dir, 'app');
const coreDir = path.join(tmp.dir, 'core');
const pulumiDir = path.join(tmp.dir, 'pulumi');
/** The Pulumi app's node_modules without the cdk8s peers. */
const pulumiOnlyDir = path.join(tmp.dir, 'pulumi-only');
const pulumiRan: Record<string, RunResult> = {};
/** The plugin app: the cdk8s app's node_modules without cdk8s-plus-28 (hard-linked): cdk8s and constructs only. */
const pluginDir = path.join(tmp.dir, 'plugin');
/** The Docker app: the tarball and `constructs` only. */
const dockerDir = path.join(tmp.dir, 'docker');
const dockerRan: Record<string, RunResult> = {};
const dockerHostRan: Record<string, RunResult> = {};

async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = Date.now();
  try {
    return await work();
  } finally {
    timings[name] = Date.now() - start;
  }
}

beforeAll(async () => {
  packed = await timed('build and pack', () => buildAndPack(tmp.dir));
  extracted = path.join(tmp.dir, 'extracted');
  fs.mkdirSync(extracted);
  await exec('tar', ['xzf', packed.tarball, '-C', extracted], tmp.dir);

  // Four installs at once (npm waits on the network and the cache most of the time), each timed.
  await timed('install', () => Promise.all([
    timed('install cdk8s app', () => installApp(appDir, [packed.tarball, ...CDK8S_PEERS.map((p) => `${p}@${versions[p]}`), `@types/node@${versions['@types/node']}`])),
    timed('install core app', () => installApp(coreDir, [packed.tarball])),
    timed('install Docker app', () => installApp(dockerDir, [packed.tarball, `constructs@${versions.constructs}`])),
    // The template's package.json has @types/node too.
    timed('install Pulumi app', () => installApp(pulumiDir, [packed.tarball, ...([...PULUMI_PEERS, POLICY_PEER] as const).map((p) => `${p}@${versions[p]}`), `@types/node@${versions['@types/node']}`])),
  ]));
  // Hard links: a second node_modules in no time, the cdk8s peers left out.
  fs.mkdirSync(path.join(pulumiOnlyDir, 'node_modules'), { recursive: true });
  for (const entry of fs.readdirSync(path.join(pulumiDir, 'node_modules'))) {
    if (!(CDK8S_PEERS as readonly string[]).includes(entry)) await exec('cp', ['-al', path.join(pulumiDir, 'node_modules', entry), path.join(pulumiOnlyDir, 'node_modules', entry)], tmp.dir);
  }

  // The plugin app: hard links again, without cdk8s-plus-28 (a plain cdk8s app installs cdk8s and constructs).
  fs.mkdirSync(path.join(pluginDir, 'node_modules'), { recursive: true });
  for (const entry of fs.readdirSync(path.join(appDir, 'node_modules'))) {
    if (!['cdk8s-plus-28', '.bin'].includes(entry)) await exec('cp', ['-al', path.join(appDir, 'node_modules', entry), path.join(pluginDir, 'node_modules', entry)], tmp.dir);
  }
  fs.writeFileSync(path.join(pluginDir, 'main.js'), PLUGIN_APP);
  fs.writeFileSync(path.join(coreDir, 'hipaa-baa.yaml'), BAA_REGISTER);

  const example = readmeExample();
  const continued = readmeContinuedProgram('dist-readme');
  for (const v of VARIANTS) {
    const dir = path.join(appDir, v.name);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: v.type }));
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: v.compilerOptions, include: ['*.ts'] }, null, 2));
    fs.writeFileSync(path.join(dir, 'main.ts'), example);
    fs.writeFileSync(path.join(dir, 'peers.ts'), PEER_APP);
    fs.writeFileSync(path.join(dir, 'readme.ts'), continued);
  }
  // Every declaration file the package ships, type-checked in a consumer's program (skipLibCheck off):
  // not only those the entry points happen to reach. Those of hipaa-constructs/pulumi in the Pulumi
  // apps (they need the Pulumi packages, which a cdk8s app does not install), all others in the cdk8s app.
  const references = (files: readonly string[]) => files.map((f) => `/// <reference path="../node_modules/hipaa-constructs/${f}" />\n`).join('') + 'export {};\n';
  fs.writeFileSync(path.join(appDir, 'cjs-classic-node', 'declarations.ts'), references(cdk8sAppDeclarations()));
  for (const v of PULUMI_VARIANTS) {
    const dir = path.join(pulumiDir, v.name);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: v.name, main: 'index.ts' }));
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: v.compilerOptions, files: ['index.ts', 'mocked.ts', 'docker-host.ts', 'docker-host-mocked.ts', 'declarations.ts'] }, null, 2));
    fs.writeFileSync(path.join(dir, 'index.ts'), PULUMI_PROGRAM);
    fs.writeFileSync(path.join(dir, 'mocked.ts'), PULUMI_MOCKED);
    fs.writeFileSync(path.join(dir, 'docker-host.ts'), DOCKER_HOST_PROGRAM);
    fs.writeFileSync(path.join(dir, 'docker-host-mocked.ts'), DOCKER_HOST_MOCKED);
    fs.writeFileSync(path.join(dir, 'declarations.ts'), references(pulumiDeclarations()));
  }
  fs.writeFileSync(path.join(coreDir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { ...cdk8sTemplateTsconfig.compilerOptions, outDir: 'out' }, include: ['*.ts'] }, null, 2));
  fs.writeFileSync(path.join(coreDir, 'core.ts'), CORE_APP);
  fs.writeFileSync(path.join(coreDir, 'pod.yaml'), POD_YAML);
  fs.writeFileSync(path.join(coreDir, 'Dockerfile'), DOCKERFILE);
  fs.writeFileSync(path.join(coreDir, 'compose.yaml'), UNHARDENED_COMPOSE);
  fs.writeFileSync(path.join(dockerDir, 'Dockerfile'), DOCKERFILE);
  for (const v of DOCKER_VARIANTS) {
    const dir = path.join(dockerDir, v.name);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: v.type }));
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: v.compilerOptions, include: ['*.ts'] }, null, 2));
    fs.writeFileSync(path.join(dir, 'main.ts'), DOCKER_APP);
  }
  // The Docker entry's declarations, type-checked where only `constructs` is installed.
  fs.writeFileSync(path.join(dockerDir, DOCKER_VARIANTS[0].name, 'declarations.ts'), references(dockerDeclarations()));

  // Two cores: compile two apps at a time.
  await timed('compile', async () => {
    const dirs = [
      ...PULUMI_VARIANTS.map((v) => path.join(pulumiDir, v.name)), ...VARIANTS.map((v) => path.join(appDir, v.name)), coreDir,
      ...DOCKER_VARIANTS.map((v) => path.join(dockerDir, v.name)),
    ];
    for (let i = 0; i < dirs.length; i += 2) {
      await Promise.all(dirs.slice(i, i + 2).map(async (d) => { compiled[path.basename(d)] = await tsc(d, true); }));
    }
  });
  await timed('synthesize', async () => {
    for (const v of VARIANTS) {
      if (compiled[v.name].code === 0) ran[v.name] = await exec(process.execPath, ['out/main.js'], path.join(appDir, v.name), true);
    }
  });
  await timed('Pulumi programs under mocks', () => Promise.all(PULUMI_VARIANTS.map(async (v) => {
    if (compiled[v.name].code !== 0) return;
    [pulumiRan[v.name], dockerHostRan[v.name]] = await Promise.all(['bin/mocked.js', 'bin/docker-host-mocked.js'].map((f) => exec(process.execPath, [f], path.join(pulumiDir, v.name), true)));
  })));
  await timed('Docker programs', () => Promise.all(DOCKER_VARIANTS.map(async (v) => {
    if (compiled[v.name].code === 0) dockerRan[v.name] = await exec(process.execPath, ['out/main.js'], path.join(dockerDir, v.name), true);
  })));
}, 600_000);

/** Declarations of hipaa-constructs/pulumi (dist/pulumi/**): type-checked in the Pulumi apps. */
function pulumiDeclarations(): string[] {
  return packed.files.filter((f) => f.endsWith('.d.ts') && f.startsWith('dist/pulumi/'));
}

/** Declarations of hipaa-constructs/docker (dist/docker/**): also type-checked in the Docker app, which has only `constructs`. */
function dockerDeclarations(): string[] {
  return packed.files.filter((f) => f.endsWith('.d.ts') && f.startsWith('dist/docker/'));
}

/** Every other shipped declaration: type-checked in the cdk8s app, which has no Pulumi package. */
function cdk8sAppDeclarations(): string[] {
  return packed.files.filter((f) => f.endsWith('.d.ts') && !f.startsWith('dist/pulumi/'));
}

afterAll(() => {
  if (Object.keys(timings).length > 0) console.log(`packed-package timings (ms): ${JSON.stringify(timings)}; tarball ${packed?.size} bytes, ${packed?.files.length} files`);
  tmp.cleanup();
});

const installed = (dir: string, name: string) => fs.existsSync(path.join(dir, 'node_modules', name, 'package.json'));
const output = (r: RunResult | undefined) => (r ? `exit ${r.code}\n${r.stdout}${r.stderr}` : 'not run');

describe('the tarball', () => {
  test('holds no earlier tarball, no tests and nothing outside the shipped folders', () => {
    expect(packed.files.filter((f) => /\.(tgz|tar|tar\.gz|zip)$/.test(f))).toEqual([]);
    expect(packed.files.filter((f) => /(^|\/)(test|tests|__tests__|__snapshots__|fixtures)\/|\.(test|spec)\.[jt]s/.test(f))).toEqual([]);
    const allowedTop = new Set(['package.json', 'README.md', 'API.md', 'RULES.md', 'LICENSE', 'dist', 'lib', 'cdk8s', 'pulumi', 'docker']);
    // cdk8s/, pulumi/ and docker/ hold only the entry stubs.
    expect(packed.files.filter((f) => f.startsWith('cdk8s/'))).toEqual(['cdk8s/package.json']);
    expect(packed.files.filter((f) => f.startsWith('pulumi/'))).toEqual(['pulumi/package.json']);
    expect(packed.files.filter((f) => f.startsWith('docker/'))).toEqual(['docker/package.json']);
    // The Docker entry (issue 12): compiled, declared, mapped, and the sources the maps point at.
    for (const file of ['dist/docker/index.js', 'dist/docker/index.d.ts', 'dist/docker/index.js.map', 'lib/docker/index.ts', 'dist/cli/hipaa-check.js', 'dist/rules/docker/index.js']) {
      expect([file, packed.files.includes(file)]).toEqual([file, true]);
    }
    expect(packed.files.filter((f) => !allowedTop.has(f.split('/')[0]))).toEqual([]);
    expect(packed.files.filter((f) => f.startsWith('lib/') && !f.endsWith('.ts'))).toEqual([]);
    // ~1.38 MB with the Pulumi entry's foundation (issue 11), of which ~290 kB are the classes generated
    // from the pinned CRDs (External Secrets' SecretStore alone ~150 kB); issue 11's components and AWS
    // rules (~5,500 lines of source) add an estimated 0.2-0.25 MB. A nested tarball or bundled dependency
    // (@pulumi/aws 7.48 alone is 84 MB installed) would show here first. Issue 12's Docker readers, rules,
    // generators and host (~1.97 MB in all) left 30 kB of the earlier 2 MB: the limit is 2.5 MB, still far
    // below any bundled dependency. Issue 13 (baselines, BAA register and rules, flow graph, HTML, JUnit, OSCAL,
    // the plugin, and dist/oscal/component-definition.json, 1.4 MB unpacked) brought it to 2.40 MB (2,400,623
    // bytes on 2026-12-02): 100 kB of headroom left.
    expect(packed.size).toBeLessThan(2_500_000);
  });

  test('every source map resolves each source to a file in the tarball, and every .js and .d.ts points at a shipped map', () => {
    const shipped = new Set(packed.files);
    const problems: string[] = [];
    for (const file of packed.files) {
      const text = fs.readFileSync(path.join(extracted, 'package', file), 'utf8');
      if (file.endsWith('.map')) {
        const map = JSON.parse(text) as { sources: string[]; sourceRoot?: string };
        for (const source of map.sources) {
          const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), map.sourceRoot ?? '', source));
          if (!shipped.has(target)) problems.push(`${file}: source ${source} -> ${target} is not in the tarball`);
        }
      } else if (/^dist\/.*\.(js|d\.ts)$/.test(file)) {
        const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(text)?.[1];
        if (!url) problems.push(`${file}: no sourceMappingURL`);
        else if (!shipped.has(path.posix.join(path.posix.dirname(file), url))) problems.push(`${file}: map ${url} is not in the tarball`);
      }
    }
    expect(problems).toEqual([]);
    expect(packed.files.filter((f) => f.endsWith('.js.map')).length).toBeGreaterThan(50);
  });

  test('every entry package.json names is shipped, and each subpath export also has a typesVersions entry and a folder stub', () => {
    const read = (file: string) => JSON.parse(fs.readFileSync(path.join(extracted, 'package', file), 'utf8'));
    const pkg = read('package.json');
    const targets: string[] = [pkg.main, pkg.types, ...Object.values(pkg.bin as Record<string, string>)];
    const problems: string[] = [];
    for (const [key, entry] of Object.entries(pkg.exports as Record<string, string | { types: string; default: string }>)) {
      if (typeof entry === 'string') {
        targets.push(entry);
        continue;
      }
      targets.push(entry.types, entry.default);
      if (key === '.') continue;
      // Classic "node" resolution and resolvers without `exports` see the same files.
      const name = key.slice(2);
      const norm = (p: string) => path.posix.normalize(p);
      if (JSON.stringify(pkg.typesVersions['*'][name]) !== JSON.stringify([norm(entry.types)])) problems.push(`typesVersions['*'].${name} is not [${norm(entry.types)}]`);
      const stubFile = `${name}/package.json`;
      if (!packed.files.includes(stubFile)) {
        problems.push(`${stubFile} is not shipped`);
        continue;
      }
      const stub = read(stubFile);
      if (norm(path.posix.join(name, stub.main)) !== norm(entry.default)) problems.push(`${stubFile} main ${stub.main} is not ${entry.default}`);
      if (norm(path.posix.join(name, stub.types)) !== norm(entry.types)) problems.push(`${stubFile} types ${stub.types} is not ${entry.types}`);
    }
    const missing = targets.map((t) => path.posix.normalize(t)).filter((t) => !packed.files.includes(t));
    expect({ problems, missing }).toEqual({ problems: [], missing: [] });
    expect(Object.keys(pkg.exports)).toEqual(expect.arrayContaining(['./cdk8s', './pulumi', './docker']));
    expect(pkg.typesVersions['*']['*']).toEqual(['*']);
    expect(fs.readFileSync(path.join(extracted, 'package', pkg.bin['hipaa-check']), 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
  });

  test('metadata: repository, homepage, bugs, keywords, author, license; cdk8s peers optional with broad ranges', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(extracted, 'package', 'package.json'), 'utf8'));
    expect(pkg.repository.url).toBe('https://github.com/hipaa-constructs/hipaa-constructs.git');
    expect(pkg.homepage).toMatch(/^https:\/\/github\.com\/hipaa-constructs\/hipaa-constructs/);
    expect(pkg.bugs.url).toBe('https://github.com/hipaa-constructs/hipaa-constructs/issues');
    expect(pkg.keywords).toEqual(expect.arrayContaining(['hipaa', 'cdk8s', 'kubernetes']));
    expect(pkg.author.name).toBeTruthy();
    expect(pkg.license).toBe('Apache-2.0');
    for (const peer of ['cdk8s', 'cdk8s-plus-28', 'constructs', '@pulumi/pulumi', '@pulumi/aws', '@pulumi/kubernetes', '@pulumi/policy']) {
      expect([peer, pkg.peerDependencies[peer]]).toEqual([peer, expect.stringMatching(/^\^/)]);
      expect([peer, pkg.peerDependenciesMeta[peer]]).toEqual([peer, { optional: true }]);
    }
  });
});

describe('a fresh app that installs the tarball and its peers', () => {
  test.each(VARIANTS.map((v) => v.name))('%s: the README examples and a HipaaNamespace used as a kplus peer compile with skipLibCheck off', (name) => {
    expect(output(compiled[name])).toBe('exit 0\n');
  });

  test('cjs-classic-node: every shipped declaration file but those of hipaa-constructs/pulumi type-checks in the consumer program', () => {
    // The file is part of that variant's program; a failure shows in its compile output above.
    expect(fs.existsSync(path.join(appDir, 'cjs-classic-node', 'out', 'declarations.js'))).toBe(true);
    const referenced = fs.readFileSync(path.join(appDir, 'cjs-classic-node', 'declarations.ts'), 'utf8');
    expect(referenced).toContain('dist/cdk8s/index.d.ts');
    expect(referenced).not.toContain('dist/pulumi/');
    // Together with the Pulumi apps' list: every shipped declaration, each checked once.
    expect([...cdk8sAppDeclarations(), ...pulumiDeclarations()].sort()).toEqual(packed.files.filter((f) => f.endsWith('.d.ts')));
    expect(pulumiDeclarations()).toContain('dist/pulumi/index.d.ts');
  });

  test('npm installs none of the optional Pulumi peers', () => {
    expect(fs.existsSync(path.join(appDir, 'node_modules', '@pulumi'))).toBe(false);
  });

  test.each(VARIANTS.map((v) => v.name))('%s: the README example synthesizes valid Kubernetes 1.28 objects', (name) => {
    expect(output(ran[name])).toBe('exit 0\n');
    const objects = yaml.loadAll(fs.readFileSync(path.join(appDir, name, 'dist', 'clinic.k8s.yaml'), 'utf8')) as any[];
    expect(objects.map((o) => o.kind)).toEqual(expect.arrayContaining(['Namespace', 'Deployment', 'Service', 'NetworkPolicy', 'PeerAuthentication', 'AuthorizationPolicy']));
    const isCustom = (o: any) => customResourceGroups().has(String(o.apiVersion).split('/')[0]);
    expect(validateManifests(objects.filter((o) => !isCustom(o)))).toEqual([]);
    expect(validateCustomResources(objects.filter(isCustom))).toEqual([]);
  });

  test('CommonJS and ESM apps, whatever the resolution, write the same manifests', () => {
    const read = (name: string) => fs.readFileSync(path.join(appDir, name, 'dist', 'clinic.k8s.yaml'), 'utf8');
    for (const v of VARIANTS.slice(1)) expect([v.name, read(v.name)]).toEqual([v.name, read(VARIANTS[0].name)]);
  });

  test('the HipaaNamespace peer app synthesizes too (CommonJS and ESM)', async () => {
    for (const name of ['cjs-classic-node', 'esm-nodenext']) {
      const r = await exec(process.execPath, ['out/peers.js'], path.join(appDir, name), true);
      expect([name, output(r)]).toEqual([name, 'exit 0\n']);
    }
  });

  test('the README examples of KmsSecretStore, EncryptedVolume, SecureStatefulSet/SecureJob/SecureCronJob, BackupSchedule, ImagePolicy, NetworkPolicyProbe, Mesh mTLS, SecureIngress and AuditSink, after the cdk8s example, compile and synthesize objects the API server and the CRDs accept (CommonJS and ESM)', async () => {
    const crdGroups = customResourceGroups();
    const isCustom = (o: any) => crdGroups.has(String(o.apiVersion).split('/')[0]);
    for (const name of ['cjs-classic-node', 'esm-nodenext']) {
      const r = await exec(process.execPath, ['out/readme.js'], path.join(appDir, name), true);
      expect([name, README_CONTINUED_SECTIONS.length, output(r)]).toEqual([name, 9, 'exit 0\n']);
      const objects = yaml.loadAll(fs.readFileSync(path.join(appDir, name, 'dist-readme', 'clinic.k8s.yaml'), 'utf8')) as any[];
      expect(objects.map((o) => o.kind)).toEqual(expect.arrayContaining([
        'SecretStore', 'ExternalSecret', 'StorageClass', 'VolumeSnapshotClass', 'PersistentVolumeClaim',
        'StatefulSet', 'Job', 'CronJob', 'Schedule', 'BackupStorageLocation', 'VolumeSnapshotLocation',
        'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ImageValidatingPolicy',
        'PeerAuthentication', 'AuthorizationPolicy', 'Ingress', 'Certificate',
      ]));
      // admissionregistration.k8s.io/v1 is Kubernetes 1.30+: its own schemas (test/helpers/admission-schema.ts).
      const isAdmission = (o: any) => o.apiVersion === 'admissionregistration.k8s.io/v1';
      expect(validateAdmissionPolicies(objects.filter(isAdmission))).toEqual([]);
      expect(validateManifests(objects.filter((o) => !isCustom(o) && !isAdmission(o)))).toEqual([]);
      expect(validateCustomResources(objects.filter(isCustom))).toEqual([]);
      // The restore test waits for the claim the README names: the StatefulSet example writes it.
      const set = objects.find((o) => o.kind === 'StatefulSet');
      expect(`${set.spec.volumeClaimTemplates[0].metadata.name}-${set.metadata.name}-0`).toBe('data-records-db-0');
      // The isolation probe runs in the PHI namespace.
      expect(objects.filter((o) => o.kind === 'CronJob').map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toContain('patient-records/network-policy-probe');
    }
    // AuditSink's chart of its own, and the Policy file written next to the manifests.
    const platform = yaml.loadAll(fs.readFileSync(path.join(appDir, 'cjs-classic-node', 'dist-readme', 'platform.k8s.yaml'), 'utf8')) as any[];
    expect(validateManifests(platform)).toEqual([]);
    expect(platform.filter((o) => o.kind === 'DaemonSet').map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['audit-logging/fluent-bit']);
    expect(yaml.load(fs.readFileSync(path.join(appDir, 'cjs-classic-node', 'dist-readme', 'audit-policy.yaml'), 'utf8'))).toMatchObject({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy' });
    // hipaa-check on that output: the restore test's API token, the probe's pod outside the mesh, the
    // forwarder's privileges and its namespace without a mesh (its pods accept no connections), all waived.
    const check = await exec(path.join(appDir, 'node_modules', '.bin', 'hipaa-check'), ['cjs-classic-node/dist-readme', '--allowed-registry', REGISTRY, '--format', 'json'], appDir, true);
    const findings = (JSON.parse(check.stdout) as { findings: Array<{ ruleId: string; waived: boolean }> }).findings;
    expect([check.code, findings.map((f) => `${f.ruleId} ${f.waived ? 'waived' : 'open'}`).sort()]).toEqual([0, [
      'k8s-host-path-volumes waived',
      'k8s-phi-namespace-backup waived',
      'k8s-phi-namespace-mtls waived',
      'k8s-phi-namespace-mtls waived',
      'k8s-phi-open-egress waived',
      'k8s-pod-security-admission-labels waived',
      'k8s-run-as-non-root waived',
      'k8s-run-as-non-root-user waived',
      'k8s-service-account-token waived',
      'k8s-service-account-token waived',
    ]]);
  });

  test('resolvers that ignore `exports` (jest < 28, webpack 4) find hipaa-constructs/cdk8s through the cdk8s/ stub: the same module', async () => {
    // Requiring the folder by path is the legacy lookup: <package>/cdk8s/package.json "main".
    const script = "const viaStub = require(require('path').resolve('node_modules/hipaa-constructs/cdk8s')); " +
      "console.log(viaStub === require('hipaa-constructs/cdk8s'), typeof viaStub.SecureDeployment);";
    const r = await exec(process.execPath, ['-e', script], appDir, true);
    expect(output(r)).toBe('exit 0\ntrue function\n');
  });

  test('the packaged hipaa-check passes the example output, through the bin npm installed', async () => {
    const r = await exec(path.join(appDir, 'node_modules', '.bin', 'hipaa-check'), ['cjs-classic-node/dist', '--allowed-registry', REGISTRY], appDir, true);
    expect([r.code, r.stdout]).toEqual([0, expect.stringContaining('PASSED')]);
  });
});

describe('a fresh app that installs only the tarball (no cdk8s)', () => {
  test('npm installs none of the optional cdk8s and Pulumi peers', () => {
    for (const name of ['cdk8s', 'cdk8s-plus-28', 'constructs']) expect([name, installed(coreDir, name)]).toEqual([name, false]);
    // No @pulumi/ package at all (not only the four peers: none of their dependencies either).
    expect(fs.existsSync(path.join(coreDir, 'node_modules', '@pulumi'))).toBe(false);
    expect(installed(coreDir, 'hipaa-constructs')).toBe(true);
  });

  test('the core entry point compiles (classic resolution, skipLibCheck off) and runs as CommonJS', async () => {
    expect(output(compiled.core)).toBe('exit 0\n');
    const r = await exec(process.execPath, ['out/core.js'], coreDir, true);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      findings: expect.any(Number),
      json: 'function',
      // The core's Docker reader and pack (issue 12), on an unpinned image from Docker Hub run as root.
      docker: expect.arrayContaining(['docker-dockerfile-allowed-registry', 'docker-dockerfile-from-digest', 'docker-dockerfile-healthcheck', 'docker-dockerfile-non-root-user']),
      problems: 0,
    });
    expect(JSON.parse(r.stdout).findings).toBeGreaterThan(5);
  });

  test('the core entry point loads from ESM with named imports', async () => {
    const script = "import { check, fromManifest, kubernetesPack } from 'hipaa-constructs'; console.log(typeof check, typeof fromManifest, kubernetesPack.rules.length > 10);";
    const r = await exec(process.execPath, ['--input-type=module', '-e', script], coreDir, true);
    expect(output(r)).toBe('exit 0\nfunction function true\n');
  });

  test('hipaa-check runs: findings in JSON, exit 1 on an unhardened Pod', async () => {
    const r = await exec(path.join(coreDir, 'node_modules', '.bin', 'hipaa-check'), ['pod.yaml', '--format', 'json'], coreDir, true);
    expect([r.code, r.stderr]).toEqual([1, '']);
    expect(JSON.stringify(JSON.parse(r.stdout))).toContain('k8s-run-as-non-root');
  });

  test('hipaa-check reads Dockerfiles and Compose files with no peer installed: the hardened Dockerfile passes, the Compose file does not', async () => {
    const r = await exec(path.join(coreDir, 'node_modules', '.bin', 'hipaa-check'), ['Dockerfile', 'compose.yaml', '--format', 'json'], coreDir, true);
    expect([r.code, r.stderr]).toEqual([1, '']);
    const findings = (JSON.parse(r.stdout) as { findings: Array<{ ruleId: string }> }).findings.map((f) => f.ruleId);
    expect(findings).toEqual(expect.arrayContaining(['docker-compose-no-privileged', 'docker-compose-host-mounts', 'docker-compose-image-digest', 'docker-compose-non-root-user']));
    expect(findings.filter((id) => !id.startsWith('docker-compose-'))).toEqual([]);
  });

  test('hipaa-constructs/docker without `constructs` names it and how to install it (CommonJS and ESM)', async () => {
    const cjs = await exec(process.execPath, ['-e', "require('hipaa-constructs/docker')"], coreDir, true);
    const esm = await exec(process.execPath, ['--input-type=module', '-e', "import 'hipaa-constructs/docker';"], coreDir, true);
    for (const r of [cjs, esm]) {
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('hipaa-constructs/docker needs the peer dependencies constructs; not installed: constructs.');
      expect(r.stderr).toMatch(/npm install constructs@'\^[\d.]+'\n/);
      expect(r.stderr).toContain('(The core entry point `hipaa-constructs` and the `hipaa-check` CLI work without it.)');
      expect(r.stderr).not.toContain('Cannot find module');
    }
  });

  test('hipaa-constructs/cdk8s without its peers says which are missing and how to install them (CommonJS and ESM)', async () => {
    const cjs = await exec(process.execPath, ['-e', "require('hipaa-constructs/cdk8s')"], coreDir, true);
    const esm = await exec(process.execPath, ['--input-type=module', '-e', "import 'hipaa-constructs/cdk8s';"], coreDir, true);
    for (const r of [cjs, esm]) {
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('hipaa-constructs/cdk8s needs the peer dependencies cdk8s, cdk8s-plus-28 and constructs; not installed: cdk8s, cdk8s-plus-28, constructs.');
      expect(r.stderr).toMatch(/npm install cdk8s@'\^[\d.]+' cdk8s-plus-28@'\^[\d.]+' constructs@'\^[\d.]+'/);
    }
  });

  test('hipaa-constructs/pulumi without its peers says which are missing and how to install them (CommonJS and ESM)', async () => {
    const cjs = await exec(process.execPath, ['-e', "require('hipaa-constructs/pulumi')"], coreDir, true);
    const esm = await exec(process.execPath, ['--input-type=module', '-e', "import 'hipaa-constructs/pulumi';"], coreDir, true);
    for (const r of [cjs, esm]) {
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain(
        'hipaa-constructs/pulumi needs the peer dependencies @pulumi/pulumi, @pulumi/aws and @pulumi/kubernetes; not installed: @pulumi/pulumi, @pulumi/aws, @pulumi/kubernetes.',
      );
      expect(r.stderr).toMatch(/npm install @pulumi\/pulumi@'\^[\d.]+' @pulumi\/aws@'\^[\d.]+' @pulumi\/kubernetes@'\^[\d.]+'\n/);
      expect(r.stderr).toContain('HipaaChart also needs cdk8s, cdk8s-plus-28 and constructs');
      expect(r.stderr).not.toContain('Cannot find module');
    }
  });
});

describe("issue 13's evidence and pipelines, from the installed tarball", () => {
  const hipaaCheck = (args: readonly string[]) => exec(path.join(coreDir, 'node_modules', '.bin', 'hipaa-check'), args, coreDir, true);

  test('hipaa-check with no peer installed writes the HTML, JUnit, OSCAL and DOT reports and a baseline, and the baseline then passes the run', async () => {
    const written = await hipaaCheck([
      'pod.yaml', '--html', 'evidence/report.html', '--junit', 'evidence/junit.xml', '--oscal', 'evidence/oscal.json', '--dot', 'evidence/flows.dot',
      '--baa-register', 'hipaa-baa.yaml', '--write-baseline', 'hipaa-baseline.json',
    ]);
    // Exit 0: the run with the baseline just written applied.
    expect([written.code, written.stderr]).toEqual([0, expect.stringContaining('hipaa-check: wrote the baseline to hipaa-baseline.json: ')]);
    const read = (file: string) => fs.readFileSync(path.join(coreDir, file), 'utf8');
    const html = read('evidence/report.html');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    // The policy as the attribute holds it (quotes escaped as &#39;): nothing loads but what the file holds.
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;[^"]*script-src &#39;sha256-/);
    const lint = await exec('xmllint', ['--noout', 'evidence/junit.xml'], coreDir, true);
    expect([lint.code, lint.stderr]).toEqual([0, '']);
    expect(read('evidence/junit.xml')).toContain('k8s-run-as-non-root');
    const oscal = JSON.parse(read('evidence/oscal.json'));
    expect(oscal['assessment-results'].metadata['oscal-version']).toBe('1.2.1');
    expect(read('evidence/flows.dot')).toMatch(/^digraph /);
    const baseline = JSON.parse(read('hipaa-baseline.json')) as { entries: Array<{ rule: string; count: number }> };
    // The BAA rules ran: the register has no BAA for Docker Hub, where the Pod's image comes from.
    const baselined = [...new Set(baseline.entries.map((e) => e.rule))];
    expect(baselined).toEqual(expect.arrayContaining(['k8s-run-as-non-root']));
    expect(baselined.filter((id) => id.startsWith('baa-'))).not.toEqual([]);

    const applied = await hipaaCheck(['pod.yaml', '--baa-register', 'hipaa-baa.yaml', '--baseline', 'hipaa-baseline.json', '--format', 'json']);
    expect([applied.code, applied.stderr]).toEqual([0, '']);
    const findings = (JSON.parse(applied.stdout) as { findings: Array<{ baselined?: unknown; waived: boolean }> }).findings;
    expect(findings.length).toBe(baseline.entries.reduce((n, e) => n + e.count, 0));
    expect(findings.filter((f) => !f.baselined)).toEqual([]);
  });

  test('the OSCAL component definition resolves as hipaa-constructs/oscal/component-definition.json and parses', async () => {
    const script = "const f = require.resolve('hipaa-constructs/oscal/component-definition.json'); " +
      "const d = JSON.parse(require('fs').readFileSync(f, 'utf8')); console.log(JSON.stringify([require('path').relative(process.cwd(), f), d['component-definition'].metadata['oscal-version'], d['component-definition'].components.length > 0]));";
    const r = await exec(process.execPath, ['-e', script], coreDir, true);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(JSON.parse(r.stdout)).toEqual(['node_modules/hipaa-constructs/dist/oscal/component-definition.json', '1.2.1', true]);
  });

  test('cdk8s synth of a plain cdk8s app (cdk8s and constructs only) loads the installed plugin: exit 2, our rule ids, the reports written', async () => {
    for (const name of ['cdk8s-plus-28', '@pulumi']) expect([name, fs.existsSync(path.join(pluginDir, 'node_modules', name))]).toEqual([name, false]);
    const version = JSON.parse(fs.readFileSync(path.join(pluginDir, 'node_modules', 'hipaa-constructs', 'package.json'), 'utf8')).version as string;
    fs.writeFileSync(path.join(pluginDir, 'cdk8s.yaml'), pluginConfig(version));
    const home = path.join(tmp.dir, 'home');
    fs.mkdirSync(home, { recursive: true });
    const r = await new Promise<RunResult>((resolve) => {
      execFile(process.execPath, [CDK8S_CLI, 'synth', '--check-upgrade', 'false'], {
        cwd: pluginDir, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, env: { ...cleanEnv(), HOME: home, FORCE_COLOR: '0', NO_COLOR: '1' },
      }, (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }));
    });
    const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');
    expect([r.code, plain(r.stderr)]).toEqual([2, expect.stringContaining('Validation failed')]);
    expect(plain(r.stdout)).toContain(`Validation Report (${path.join(pluginDir, 'node_modules', 'hipaa-constructs')}@${version})`);
    expect(plain(r.stdout)).toMatch(/\nk8s-run-as-non-root — [^\n]+ \[164\.[^\n]+\] \(1 occurrences\)\n/);
    const reports = fs.readdirSync(path.join(pluginDir, 'dist', 'compliance')).sort();
    expect(reports).toEqual(expect.arrayContaining(['hipaa-compliance.sarif', 'hipaa-compliance.json', 'hipaa-compliance.html']));
  }, 180_000);
});

describe('a fresh Pulumi app that installs the tarball, the Pulumi packages and the cdk8s peers', () => {
  type ProgramOutput = { registered: Array<{ type: string; name: string; inputs: any }>; manifests: any[] };
  const pulumiOutput = (name: string) => JSON.parse(pulumiRan[name].stdout) as ProgramOutput;

  test.each(PULUMI_VARIANTS.map((v) => v.name))('%s: a program and every declaration of hipaa-constructs/pulumi compile with skipLibCheck off', (name) => {
    expect(output(compiled[name])).toBe('exit 0\n');
    const referenced = fs.readFileSync(path.join(pulumiDir, name, 'declarations.ts'), 'utf8');
    for (const file of pulumiDeclarations()) expect(referenced).toContain(`hipaa-constructs/${file}"`);
    expect(fs.existsSync(path.join(pulumiDir, name, 'bin', 'declarations.js'))).toBe(true);
  });

  test.each(PULUMI_VARIANTS.map((v) => v.name))('%s: the program runs as CommonJS under mocks: an IRSA role, its policy and a HipaaChart deployed by one ConfigGroup', (name) => {
    expect([pulumiRan[name]?.code, pulumiRan[name]?.stderr]).toEqual([0, '']);
    const { registered, manifests } = pulumiOutput(name);
    expect(registered.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      'aws:iam/role:Role records-secrets',
      'aws:iam/rolePolicy:RolePolicy records-secrets',
      'clinic:app:RecordsSecrets records-secrets',
      'hipaa-constructs:kubernetes:HipaaChart records',
      'kubernetes:yaml/v2:ConfigGroup records',
    ]);
    const byType = (type: string) => registered.find((r) => r.type === type)!;
    // The role admits exactly the store's service account, with tokens meant for STS.
    const trust = JSON.parse(byType('aws:iam/role:Role').inputs.assumeRolePolicy);
    expect(trust.Statement).toEqual([expect.objectContaining({
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub': 'system:serviceaccount:patient-records:records-secrets',
          'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:aud': 'sts.amazonaws.com',
        },
      },
    })]);
    expect(JSON.parse(byType('aws:iam/rolePolicy:RolePolicy').inputs.policy).Statement).toEqual([
      { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: ['arn:aws:secretsmanager:us-east-1:123456789012:secret:clinic/db-AbCdEf'] },
    ]);
    // The chart got the role's ARN, and the ConfigGroup deploys exactly the checked manifests.
    expect(byType('kubernetes:yaml/v2:ConfigGroup').inputs.objs).toEqual(manifests);
    const account = manifests.find((m) => m.kind === 'ServiceAccount' && m.metadata.name === 'records-secrets');
    expect(account?.metadata.annotations['eks.amazonaws.com/role-arn']).toBe(ROLE_ARN);
    expect(manifests.map((m) => m.kind)).toEqual(expect.arrayContaining(['Namespace', 'NetworkPolicy', 'SecretStore', 'ExternalSecret', 'Deployment']));
    const isCustom = (o: any) => customResourceGroups().has(String(o.apiVersion).split('/')[0]);
    expect(validateManifests(manifests.filter((o) => !isCustom(o)))).toEqual([]);
    expect(validateCustomResources(manifests.filter(isCustom))).toEqual([]);
    // The AWS pack finds nothing on what the program registered.
    const aws = registered.filter((r) => r.type.startsWith('aws:')).map((r) => fromPulumiResource({ type: r.type, name: r.name, inputs: r.inputs }));
    expect(checkResources(aws, awsPack).unwaived.map((f) => `${f.ruleId} ${f.resource.name} ${f.path}`)).toEqual([]);
  });

  test.each(PULUMI_VARIANTS.map((v) => v.name))('%s: a HipaaDockerHost compiles and runs under mocks: its resources pass the AWS pack, its daemon.json the Docker pack', (name) => {
    expect([dockerHostRan[name]?.code, dockerHostRan[name]?.stderr]).toEqual([0, '']);
    const { registered, daemonConfig } = JSON.parse(dockerHostRan[name].stdout) as { registered: ProgramOutput['registered']; daemonConfig: Record<string, unknown> };
    expect(registered.map((r) => r.type).sort()).toEqual([
      'aws:autoscaling/group:Group',
      'aws:cloudwatch/logGroup:LogGroup',
      'aws:cloudwatch/logGroup:LogGroup',
      'aws:ec2/launchTemplate:LaunchTemplate',
      'aws:ec2/securityGroup:SecurityGroup',
      'aws:iam/instanceProfile:InstanceProfile',
      'aws:iam/role:Role',
      'aws:iam/rolePolicy:RolePolicy',
      'hipaa-constructs:aws:DockerHost',
    ]);
    const aws = registered.filter((r) => r.type.startsWith('aws:')).map((r) => fromPulumiResource({ type: r.type, name: r.name, inputs: r.inputs }));
    expect(checkResources(aws, awsPack).unwaived.map((f) => `${f.ruleId} ${f.resource.name} ${f.path}`)).toEqual([]);
    expect(daemonConfig).toMatchObject({ 'authorization-plugins': ['opa-docker-authz'], 'log-driver': 'awslogs', 'userns-remap': 'default' });
    const problems: ManifestError[] = [];
    const daemon = readDaemonConfig(JSON.stringify(daemonConfig, null, 2), 'daemon.json', problems);
    expect([problems, checkResources(daemon, dockerPack).findings.map((f) => `${f.ruleId} ${f.path}`)]).toEqual([[], []]);
  });

  test('classic and nodenext programs register the same resources', () => {
    const [first, ...rest] = PULUMI_VARIANTS.map((v) => pulumiOutput(v.name));
    for (const other of rest) expect(other).toEqual(first);
  });

  test('no declaration of hipaa-constructs/pulumi needs @pulumi/policy: a stack installs the README\'s Pulumi line without it', () => {
    const needing = pulumiDeclarations().filter((f) => /['"]@pulumi\/policy(\/[^'"]*)?['"]/.test(fs.readFileSync(path.join(extracted, 'package', f), 'utf8')));
    expect(needing).toEqual([]);
  });

  test('without the cdk8s peers the entry loads no cdk8s, and a HipaaChart names the missing peers and the install command', async () => {
    for (const name of CDK8S_PEERS) expect([name, fs.existsSync(path.join(pulumiOnlyDir, 'node_modules', name))]).toEqual([name, false]);
    const r = await exec(process.execPath, ['-e', PULUMI_WITHOUT_CDK8S], pulumiOnlyDir, true);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const ranges = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).peerDependencies as Record<string, string>;
    expect(JSON.parse(r.stdout)).toEqual({
      cdk8sLoaded: [],
      createIrsaRole: 'function',
      HipaaDockerHost: 'function',
      refusal:
        "[HipaaChart 'records'] builds a cdk8s chart and needs the peer dependencies cdk8s, cdk8s-plus-28 and constructs; not installed: cdk8s, cdk8s-plus-28, constructs.\n" +
        `Install them in your app: npm install cdk8s@'${ranges.cdk8s}' cdk8s-plus-28@'${ranges['cdk8s-plus-28']}' constructs@'${ranges.constructs}'\n` +
        '(The other components of `hipaa-constructs/pulumi` work without them.)',
    });
  });
});

describe('a fresh Docker app that installs the tarball and `constructs` only (no cdk8s, no Pulumi)', () => {
  test('npm installs constructs and none of the other peers', () => {
    expect(installed(dockerDir, 'constructs')).toBe(true);
    for (const name of ['cdk8s', 'cdk8s-plus-28']) expect([name, installed(dockerDir, name)]).toEqual([name, false]);
    expect(fs.existsSync(path.join(dockerDir, 'node_modules', '@pulumi'))).toBe(false);
  });

  test.each(DOCKER_VARIANTS.map((v) => v.name))('%s: the program compiles with skipLibCheck off and without @types/node', (name) => {
    expect(output(compiled[name])).toBe('exit 0\n');
  });

  test('docker-cjs-classic-node: every declaration of hipaa-constructs/docker type-checks with only `constructs` installed', () => {
    const referenced = fs.readFileSync(path.join(dockerDir, DOCKER_VARIANTS[0].name, 'declarations.ts'), 'utf8');
    expect(referenced).toContain('dist/docker/index.d.ts');
    expect(fs.existsSync(path.join(dockerDir, DOCKER_VARIANTS[0].name, 'out', 'declarations.js'))).toBe(true);
  });

  test.each(DOCKER_VARIANTS.map((v) => v.name))('%s: HipaaDockerApp synthesizes the daemon.json and the Compose project (two services, one flow)', (name) => {
    expect([dockerRan[name]?.code, dockerRan[name]?.stderr]).toEqual([0, '']);
    expect(JSON.parse(dockerRan[name].stdout)).toEqual({ root: '', files: ['host/daemon.json', 'clinic/compose.yaml'] });
    const compose = yaml.load(fs.readFileSync(path.join(dockerDir, name, 'dist-docker', 'clinic', 'compose.yaml'), 'utf8')) as any;
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'db']);
    // The flow api -> db is the one network the two share, with no route out of the host.
    expect(compose.networks['api-to-db']).toMatchObject({ internal: true });
    expect(compose.services.api.networks).toEqual(expect.arrayContaining(['api-to-db']));
    expect(JSON.parse(fs.readFileSync(path.join(dockerDir, name, 'dist-docker', 'host', 'daemon.json'), 'utf8'))).toMatchObject({ 'authorization-plugins': ['opa-docker-authz'] });
  });

  test('CommonJS and ESM apps write the same files', () => {
    const read = (name: string, file: string) => fs.readFileSync(path.join(dockerDir, name, 'dist-docker', file), 'utf8');
    for (const file of ['host/daemon.json', 'clinic/compose.yaml']) expect(read(DOCKER_VARIANTS[1].name, file)).toBe(read(DOCKER_VARIANTS[0].name, file));
  });

  test('the installed hipaa-check passes the synthesized files and a hardened Dockerfile (exit 0, no findings)', async () => {
    const r = await exec(path.join(dockerDir, 'node_modules', '.bin', 'hipaa-check'), [`${DOCKER_VARIANTS[0].name}/dist-docker`, 'Dockerfile', '--format', 'json'], dockerDir, true);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const report = JSON.parse(r.stdout) as { passed: boolean; pack: string; findings: unknown[]; provenance: { files: Array<{ file: string }> } };
    const read = report.provenance.files.map((f) => path.basename(f.file)).sort();
    expect({ passed: report.passed, pack: report.pack, findings: report.findings, read })
      .toEqual({ passed: true, pack: 'docker', findings: [], read: ['Dockerfile', 'compose.yaml', 'daemon.json'] });
  });
});

describe('the README states what this test verifies', () => {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  /** The cells of the README's supported-versions row for `name`. */
  const row = (name: string) => {
    const line = readme.split('\n').find((l) => l.startsWith(`| ${name} |`));
    return line ? line.split('|').slice(2, -1).map((c) => c.trim()) : [];
  };

  /** The packages of each `npm install ...` line of the Quick start, as written. */
  const installLines = () => {
    const quickStart = readme.split(/^## Quick start\s*$/m)[1]?.split(/^## /m)[0] ?? '';
    return [...quickStart.matchAll(/^npm install ([^#\n]+)/gm)].map((m) => m[1].trim().split(/\s+/));
  };

  test('the install lines: a cdk8s app and a Pulumi stack install what the apps above install; every peer is on some line, nothing else', () => {
    const lines = installLines();
    expect(lines).toContainEqual(['hipaa-constructs', ...CDK8S_PEERS]);
    expect(lines).toContainEqual(['hipaa-constructs', ...PULUMI_PEERS]);
    // The CrossGuard policy pack's own line.
    expect(lines.filter((l) => l.includes(POLICY_PEER))).toHaveLength(1);
    expect([...new Set(lines.flat())].sort()).toEqual(['hipaa-constructs', ...Object.keys(pkg.peerDependencies)].sort());
  });

  test.each(Object.keys(pkg.peerDependencies))('%s: verified version is the one installed here, declared range is the peer range', (name) => {
    expect(row(name)).toEqual([versions[name as keyof typeof versions], `\`${pkg.peerDependencies[name]}\``]);
  });

  test('Node.js and TypeScript: the versions this test runs with', () => {
    // The verified Node is whichever runs this test (CI's): not pinned here, so a newer local Node passes.
    expect(row('Node.js')[0]).toMatch(/\d+/);
    expect(row('Node.js')[1].startsWith(`\`${pkg.engines.node.replace(/\.0\.0$/, '')}\``)).toBe(true);
    // @pulumi/pulumi 3.249.0 declares engines.node >= 22 (npm view @pulumi/pulumi@3.249.0 engines): the
    // README tells Node 20 users the last line that runs there, the one pinned and verified here.
    const [major, minor] = versions['@pulumi/pulumi'].split('.').map(Number);
    expect([major, minor]).toEqual([3, 248]);
    expect(row('Node.js')[1]).toContain('Pulumi on Node.js 20: `@pulumi/pulumi` `<= 3.248`');
    expect(row('TypeScript')[0]).toMatch(new RegExp(`^${versions.typescript.split('.').slice(0, 2).join('\\.')};`));
  });
});
