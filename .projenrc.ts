import { JsonFile, javascript, typescript } from 'projen';
import { UpdateSnapshot } from 'projen/lib/javascript';

// The one source of package.json, tsconfig, jest and lint settings. Run `npx projen` after editing.
const project = new typescript.TypeScriptProject({
  name: 'hipaa-constructs',
  description:
    'HIPAA-aligned infrastructure-as-code constructs for Kubernetes (cdk8s) with a rule engine that proves it to auditors.',
  license: 'Apache-2.0',
  repository: 'https://github.com/hipaa-constructs/hipaa-constructs.git',
  homepage: 'https://github.com/hipaa-constructs/hipaa-constructs#readme',
  bugsUrl: 'https://github.com/hipaa-constructs/hipaa-constructs/issues',
  authorName: 'hipaa-constructs contributors',
  authorUrl: 'https://github.com/hipaa-constructs/hipaa-constructs',
  authorOrganization: true,
  keywords: ['hipaa', 'phi', 'compliance', 'kubernetes', 'k8s', 'cdk8s', 'cdk8s-plus', 'security', 'pod-security-standards', 'networkpolicy', 'sarif', 'policy-as-code'],
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  minNodeVersion: '20.0.0',
  // Sources live in lib/ (the architecture is the folder tree); compiled output goes to dist/.
  srcdir: 'lib',
  libdir: 'dist',
  // `npm run package` writes the tarball here, outside dist/ (which is shipped): a tarball inside
  // dist/ was packed into the next tarball.
  artifactsDirectory: 'dist-pack',
  testdir: 'test',
  sampleCode: false,
  github: false,
  release: false,
  depsUpgrade: false,
  pullRequestTemplate: false,
  typescriptVersion: '~5.9.0',

  // @types/sarif and @types/js-yaml are runtime dependencies because the shipped declarations use
  // them (toSarif() returns a sarif Log; KUBERNETES_YAML_SCHEMA is a js-yaml Schema): without them a
  // consumer compiling with `skipLibCheck: false` gets TS7016.
  // jsonc-parser (Microsoft, strict mode) reads daemon.json with the offset of every key, so findings and
  // parse errors point at their line; loaded lazily by the daemon.json reader.
  deps: ['js-yaml', 'commander', '@types/sarif', '@types/js-yaml', 'jsonc-parser@^3.3.1'],
  entrypoint: 'dist/index.js',
  entrypointTypes: 'dist/index.d.ts',
  peerDependencyOptions: { pinnedDevDependency: false },
  // Pulumi peers are optional (a cdk8s-only user installs none) with broad ranges; the dev
  // dependency on @pulumi/pulumi is pinned to 3.248.x, the last line that runs on Node 20.
  peerDeps: [
    'cdk8s@^2.68.11',
    'cdk8s-plus-28@^2.5.0',
    'constructs@^10.3.0',
    '@pulumi/pulumi@^3.142.0',
    '@pulumi/aws@^7.0.0',
    '@pulumi/kubernetes@^4.18.0',
    '@pulumi/policy@^1.13.0',
  ],
  devDeps: [
    'cdk8s@2.70.106',
    'cdk8s-plus-28@2.5.6',
    'constructs@^10.3.0',
    'cdk8s-cli@^2.200.0',
    // Only for its copy of the SARIF 2.1.0 JSON schema, which the report tests validate against.
    '@microsoft/jest-sarif',
    'fast-check@^4',
    // A Lua VM in JavaScript: the tests run the forwarder's generated Lua redaction script on sample lines.
    'fengari@0.1.5',
    'typedoc@0.28.x',
    'typedoc-plugin-markdown@^4',
    'ajv@^8',
    'ajv-formats@^3',
    // Kubernetes 1.28 schemas for the tests (test/helpers/schema.ts): the official JavaScript
    // client's 0.20.x line is generated from the release-1.28 OpenAPI document; ~0.20 keeps it there.
    '@kubernetes/client-node@~0.20.0',
    // A CEL evaluator for the tests of ImagePolicy's admission expressions (test/helpers/cel.ts;
    // ESM-only, so the tests run it in a child node process).
    '@marcbachmann/cel-js@^8.0.0',
    // Kubernetes models generated from a recent (>= 1.34) OpenAPI document, for the
    // admissionregistration.k8s.io/v1 kinds the 1.28 schemas lack (test/helpers/admission-schema.ts).
    'kubernetes-models@5.1.0',
    '@pulumi/pulumi@3.248.0',
    '@pulumi/aws@^7.0.0',
    '@pulumi/kubernetes@^4.18.0',
    '@pulumi/policy@^1.21.0',
  ],

  tsconfig: {
    compilerOptions: {
      rootDir: 'lib',
      lib: ['es2022'],
      target: 'ES2022',
      esModuleInterop: true,
      skipLibCheck: true,
      // Source maps as separate files that point at the shipped lib/*.ts, and declaration maps, so
      // stack traces (`node --enable-source-maps`) and an editor's "go to definition" land on the
      // TypeScript source with its doc comments. Inline maps made every .js 2-3x larger to load.
      inlineSourceMap: false,
      inlineSources: false,
      sourceMap: true,
      declarationMap: true,
    },
  },
  tsconfigDev: {
    compilerOptions: {
      // ts-jest then transpiles file by file (fast); `tsc` type-checks in the build and lint.
      isolatedModules: true,
      lib: ['es2022'],
      target: 'ES2022',
      esModuleInterop: true,
      skipLibCheck: true,
    },
    // Relative to test/, where projen writes this config.
    include: ['../examples/**/*.ts', '../bench/**/*.ts', '../scripts/**/*.ts'],
  },

  jest: true,
  jestOptions: {
    // Snapshots are never rewritten by the test command: a changed snapshot must be read and
    // accepted on purpose with `npx jest -u`.
    updateSnapshot: UpdateSnapshot.NEVER,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      collectCoverage: false,
      testTimeout: 60_000,
    },
  },
  eslintOptions: {
    dirs: ['lib'],
    // Generated by `cdk8s import` (task import-crds), committed as generated.
    ignorePatterns: ['*.js', '*.d.ts', 'node_modules/', '*.generated.ts', 'coverage', 'lib/imports/'],
    devdirs: ['test', 'examples', 'bench', 'scripts'],
  },
});

// Subpath entry points: the core imports neither cdk8s nor Pulumi; the cdk8s entry point is separate.
// Each subpath is written three ways, from this one list: `exports` (Node, TypeScript node16/nodenext/
// bundler); `typesVersions` (TypeScript's classic "moduleResolution": "node", which cdk8s's app
// template uses); and a <subpath>/package.json stub (jest < 28, webpack 4 and other resolvers that
// ignore `exports`). TypeScript maps every path through typesVersions, the root entry's `types` too:
// the '*' fallback leaves all other paths as they are.
const subpaths: Record<string, string> = { cdk8s: 'dist/cdk8s/index', pulumi: 'dist/pulumi/index', docker: 'dist/docker/index' };
project.package.addField('exports', {
  '.': { types: './dist/index.d.ts', default: './dist/index.js' },
  ...Object.fromEntries(Object.entries(subpaths).map(([name, file]) => [`./${name}`, { types: `./${file}.d.ts`, default: `./${file}.js` }])),
  './package.json': './package.json',
  // The OSCAL component definition of the constructs and rule packs, generated at build (task oscal).
  './oscal/component-definition.json': './dist/oscal/component-definition.json',
});
project.package.addField('typesVersions', {
  '*': { ...Object.fromEntries(Object.entries(subpaths).map(([name, file]) => [name, [`${file}.d.ts`]])), '*': ['*'] },
});
for (const [name, file] of Object.entries(subpaths)) {
  new JsonFile(project, `${name}/package.json`, {
    obj: { private: true, main: `../${file}.js`, types: `../${file}.d.ts` },
  });
}
project.package.addBin({ 'hipaa-check': 'dist/cli/hipaa-check.js' });
// The core and hipaa-check need no cdk8s and no Pulumi: every framework package is an optional
// peer, required only by `hipaa-constructs/cdk8s` or `hipaa-constructs/pulumi`.
project.package.addField('peerDependenciesMeta', {
  'cdk8s': { optional: true },
  'cdk8s-plus-28': { optional: true },
  'constructs': { optional: true },
  '@pulumi/pulumi': { optional: true },
  '@pulumi/aws': { optional: true },
  '@pulumi/kubernetes': { optional: true },
  '@pulumi/policy': { optional: true },
});
// Exactly what users need: compiled code, declarations, their maps, and the sources the maps point at
// (test/package/packed-package.test.ts checks the list). Globs rather than `dist`, so nothing else that lands
// in dist/ (a tarball, stray files) is shipped.
project.package.addField('files', [
  'dist/**/*.js',
  'dist/**/*.d.ts',
  'dist/**/*.map',
  'dist/oscal/component-definition.json',
  'lib/**/*.ts',
  ...Object.keys(subpaths).map((name) => `${name}/package.json`),
  'API.md',
  'RULES.md',
  'README.md',
  'LICENSE',
]);

// API.md is generated from the doc comments on every build.
const docgen = project.addTask('docgen', {
  description: 'Generate API.md from the doc comments and RULES.md from the rule packs',
  steps: [
    { exec: 'ts-node --transpile-only scripts/docgen.ts' },
    { exec: 'ts-node --transpile-only -P test/tsconfig.json scripts/rules-doc.ts' },
  ],
});
project.postCompileTask.spawn(docgen);

// The OSCAL component definition (dist/oscal/component-definition.json) is generated from the code on every build.
const oscal = project.addTask('oscal', {
  description: 'Generate the OSCAL component definition of the constructs and rule packs (dist/oscal/component-definition.json)',
  steps: [{ exec: 'ts-node --transpile-only -P test/tsconfig.json scripts/oscal-component-definition.ts' }],
});
project.postCompileTask.spawn(oscal);

// ESLint's project service (and editors) take the nearest tsconfig.json: give the loose-script
// folders one each (type-check only, same options as the tests), or linting them fails to parse.
for (const dir of ['scripts', 'bench']) {
  new javascript.TypescriptConfig(project, {
    fileName: `${dir}/tsconfig.json`,
    extends: javascript.TypescriptConfigExtends.fromTypescriptConfigs([project.tsconfigDev]),
    include: ['**/*.ts'],
    exclude: ['node_modules'],
  });
}

// Typed classes for the custom resources the constructs write, from the upstream CRDs pinned
// in crds/sources.json (no network access: the CRD files are committed).
project.addTask('import-crds', {
  description: 'Regenerate lib/imports/ from the pinned CRDs in crds/ with cdk8s import',
  steps: [{ exec: 'ts-node --transpile-only scripts/import-crds.ts' }],
});

project.addTask('example', {
  description: 'Synthesize the example cdk8s apps (the PHI app and the platform app) and check their output with hipaa-check; run the Pulumi stack example under mocks with the AWS pack and the CrossGuard policies; synthesize the Docker example (compose.yaml, daemon.json) and check it and its Dockerfile with hipaa-check',
  steps: [
    // The PHI app: its synth writes every report into examples/cdk8s-app/dist/compliance (main.ts);
    // hipaa-check then reads the manifest file as any pipeline would, with the app's BAA register.
    { exec: 'npx cdk8s synth --check-upgrade false', cwd: 'examples/cdk8s-app' },
    {
      exec:
        'ts-node --transpile-only lib/cli/hipaa-check.ts examples/cdk8s-app/dist/clinic.k8s.yaml' +
        ' --allowed-registry 123456789012.dkr.ecr.us-east-1.amazonaws.com' +
        ' --baa-register examples/cdk8s-app/hipaa-baa.yaml' +
        ' --sarif reports/example.sarif --markdown reports/example.md --html reports/example.html' +
        ' --junit reports/example-junit.xml --oscal reports/example-oscal.json --dot reports/example-flows.dot',
    },
    // The platform team's app: the audit Policy (dist/audit-policy.yaml) and the log forwarder.
    { exec: 'npx cdk8s synth --check-upgrade false', cwd: 'examples/cdk8s-platform' },
    {
      exec:
        'ts-node --transpile-only lib/cli/hipaa-check.ts examples/cdk8s-platform/dist' +
        ' --allowed-registry 123456789012.dkr.ecr.us-east-1.amazonaws.com' +
        ' --sarif reports/example-platform.sarif --markdown reports/example-platform.md',
    },
    // The AWS side: the Pulumi stack (examples/pulumi-eks) under mocks, the AWS pack and the CrossGuard policies.
    { exec: 'ts-node --transpile-only -P test/tsconfig.json scripts/pulumi-example.ts' },
    // Docker: the Compose project and daemon.json of examples/docker-compose-app (its synth reports go to
    // its reports/), then its Dockerfile and the generated files through hipaa-check. The files are named:
    // the folder also holds tsconfig.json, which hipaa-check would read as Kubernetes JSON.
    { exec: 'ts-node --transpile-only app.ts', cwd: 'examples/docker-compose-app' },
    {
      exec:
        'ts-node --transpile-only lib/cli/hipaa-check.ts examples/docker-compose-app/Dockerfile examples/docker-compose-app/dist' +
        ' --allowed-registry 123456789012.dkr.ecr.us-east-1.amazonaws.com' +
        ' --sarif reports/example-docker.sarif --markdown reports/example-docker.md',
    },
  ],
});

project.addTask('bench', {
  description: 'Benchmarks: hardened synth vs plain cdk8s-plus, rule throughput, load time (on the compiled package)',
  steps: [{ spawn: 'compile' }, { exec: 'ts-node --transpile-only -P test/tsconfig.json bench/index.ts' }],
});

// ts-jest transpiles file by file without type-checking, so the test task type-checks tests,
// examples, bench and scripts first.
project.testTask.prependExec('tsc --noEmit -p test/tsconfig.json');

// The AWS rule group for CloudWatch log groups lives in folders named `logs`, which the Node template ignores.
project.gitignore.include('/lib/rules/aws/logs/', '/test/rules/aws/logs/');
project.gitignore.exclude('/reports/', 'examples/cdk8s-app/dist/', 'examples/cdk8s-platform/dist/', 'examples/docker-compose-app/dist/', 'examples/docker-compose-app/reports/', '/bench/results/', '/dist-pack/');
// projen ignores `logs` folders; the AWS rule group for CloudWatch log groups is source.
project.gitignore.include('/lib/rules/aws/logs/', '/test/rules/aws/logs/');
project.npmignore?.exclude('/examples/', '/bench/', '/scripts/', '/reports/');

project.synth();
