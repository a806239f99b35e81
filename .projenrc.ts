import { javascript, typescript } from 'projen';
import { UpdateSnapshot } from 'projen/lib/javascript';

// The one source of package.json, tsconfig, jest and lint settings. Run `npx projen` after editing.
const project = new typescript.TypeScriptProject({
  name: 'hipaa-constructs',
  description:
    'HIPAA-aligned infrastructure-as-code constructs for Kubernetes (cdk8s) with a rule engine that proves it to auditors.',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  minNodeVersion: '20.0.0',
  // Sources live in lib/ (the architecture is the folder tree); compiled output goes to dist/.
  srcdir: 'lib',
  libdir: 'dist',
  testdir: 'test',
  sampleCode: false,
  github: false,
  release: false,
  depsUpgrade: false,
  pullRequestTemplate: false,
  typescriptVersion: '~5.9.0',

  // @types/sarif is a runtime dependency because toSarif() returns its Log type.
  deps: ['js-yaml', 'commander', '@types/sarif'],
  entrypoint: 'dist/index.js',
  entrypointTypes: 'dist/index.d.ts',
  peerDependencyOptions: { pinnedDevDependency: false },
  peerDeps: ['cdk8s@^2.68.11', 'cdk8s-plus-28@^2.5.0', 'constructs@^10.3.0'],
  devDeps: [
    'cdk8s@2.70.106',
    'cdk8s-plus-28@2.5.6',
    'constructs@^10.3.0',
    'cdk8s-cli@^2.200.0',
    '@types/js-yaml',
    // Only for its copy of the SARIF 2.1.0 JSON schema, which the report tests validate against.
    '@microsoft/jest-sarif',
    'fast-check@^4',
    'typedoc@0.28.x',
    'typedoc-plugin-markdown@^4',
    'ajv@^8',
    'ajv-formats@^3',
    // Kubernetes 1.28 schemas for the tests (test/helpers/schema.ts): the official JavaScript
    // client's 0.20.x line is generated from the release-1.28 OpenAPI document; ~0.20 keeps it there.
    '@kubernetes/client-node@~0.20.0',
  ],

  tsconfig: {
    compilerOptions: {
      rootDir: 'lib',
      lib: ['es2022'],
      target: 'ES2022',
      esModuleInterop: true,
      skipLibCheck: true,
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
    devdirs: ['test', 'examples', 'bench', 'scripts'],
  },
});

// Subpath exports: the core imports neither cdk8s nor Pulumi; the cdk8s entry point is separate.
project.package.addField('exports', {
  '.': { types: './dist/index.d.ts', default: './dist/index.js' },
  './cdk8s': { types: './dist/cdk8s/index.d.ts', default: './dist/cdk8s/index.js' },
  './package.json': './package.json',
});
project.package.addBin({ 'hipaa-check': 'dist/cli/hipaa-check.js' });
project.package.addField('files', ['dist', 'API.md', 'RULES.md', 'README.md', 'LICENSE']);

// API.md is generated from the doc comments on every build.
const docgen = project.addTask('docgen', {
  description: 'Generate API.md from the doc comments and RULES.md from the rule packs',
  steps: [
    { exec: 'ts-node --transpile-only scripts/docgen.ts' },
    { exec: 'ts-node --transpile-only -P test/tsconfig.json scripts/rules-doc.ts' },
  ],
});
project.postCompileTask.spawn(docgen);

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

project.addTask('example', {
  description: 'Synthesize the example cdk8s app and check its output with hipaa-check',
  steps: [
    { exec: 'npx cdk8s synth --check-upgrade false', cwd: 'examples/cdk8s-app' },
    {
      exec:
        'ts-node --transpile-only lib/cli/hipaa-check.ts examples/cdk8s-app/dist' +
        ' --allowed-registry 123456789012.dkr.ecr.us-east-1.amazonaws.com' +
        ' --sarif reports/example.sarif --markdown reports/example.md',
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

project.gitignore.exclude('/reports/', 'examples/cdk8s-app/dist/', '/bench/results/');
project.npmignore?.exclude('/examples/', '/bench/', '/scripts/', '/reports/');

project.synth();
