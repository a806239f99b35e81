/**
 * Fix texts, descriptions and messages mention only options, props and flags that exist. The
 * texts are read from the rule sources (string literals, so the fixes built inside check()
 * are covered too) and every `--flag`, every "<name> option/setting/prop" and "option/prop
 * <name>" is looked up in the hipaa-check command and the exported option interfaces.
 */
import * as fs from 'fs';
import * as path from 'path';
import { hipaaCheck } from '../../lib/cli/hipaa-check';
import { awsPack } from '../../lib/rules/aws';

const ROOT = path.join(__dirname, '..', '..');

/** Flags of Dockerfile instructions, docker build and the tools the Dockerfile rules name (apt, yum, apk, wget, pip, npm). */
const DOCKERFILE_FLAGS = [
  '--checksum', '--from', '--mount', '--interval', '--timeout', '--retries', '--build-arg', '--secret',
  '--force-yes', '--strict-ssl', '--no-check-certificate', '--nogpgcheck', '--allow-unauthenticated', '--allow-untrusted', '--trusted-host',
];

/** Flags of other tools that rule texts name on purpose (the kubelet's, Docker's). */
const OTHER_TOOLS_FLAGS = new Set(['--seccomp-default', ...DOCKERFILE_FLAGS]);

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []);
}

/** The contents of the string and template literals of a TypeScript source (comments left out). */
export function stringLiterals(source: string): string[] {
  const out: string[] = [];
  const re = /\/\/[^\n]*|\/\*[\s\S]*?\*\/|'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    const text = m[1] ?? m[2] ?? m[3];
    if (text !== undefined) out.push(text);
  }
  return out;
}

/** Keys of an exported interface, read from its source. */
function interfaceKeys(file: string, name: string): string[] {
  const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const start = source.indexOf(`export interface ${name}`);
  if (start < 0) throw new Error(`no interface ${name} in ${file}`);
  const end = source.indexOf('\n}', start);
  return [...source.slice(start, end).matchAll(/^\s+readonly (\w+)\??:/gm)].map((m) => m[1]);
}

function cliFlags(): Set<string> {
  let help = '';
  hipaaCheck(['--help'], { stdout: (s) => (help += s), stderr: () => {} });
  return new Set([...help.matchAll(/(?<![\w-])--[a-z][a-z0-9-]*/g)].map((m) => m[0]));
}

const RULE_SOURCES = [...filesUnder(path.join(ROOT, 'lib', 'rules')), path.join(ROOT, 'lib', 'check', 'meta-rules.ts')];
// `${...}` inside a template literal is code, not text.
const TEXTS = RULE_SOURCES.flatMap((f) => stringLiterals(fs.readFileSync(f, 'utf8')).map((text) => ({ file: path.relative(ROOT, f), text: text.replace(/\$\{[^}]*\}/g, '${}') })));

const OPTIONS = new Set([
  ...interfaceKeys('lib/check/engine.ts', 'CheckOptions'),
  ...interfaceKeys('lib/check/context.ts', 'RuleSettings'),
  ...interfaceKeys('lib/cdk8s/validation.ts', 'HipaaValidationProps'),
]);
const PROPS = new Set([
  ...interfaceKeys('lib/cdk8s/hipaa-namespace.ts', 'HipaaNamespaceProps'),
  ...interfaceKeys('lib/cdk8s/secure-deployment.ts', 'SecureDeploymentProps'),
  // SecureDeploymentProps extends SecurePodProps: the pod props shared by every hardened workload.
  ...interfaceKeys('lib/cdk8s/pod-hardening.ts', 'SecurePodProps'),
  ...interfaceKeys('lib/cdk8s/secure-deployment.ts', 'SecureContainerProps'),
  ...interfaceKeys('lib/cdk8s/validation.ts', 'HipaaValidationProps'),
  ...interfaceKeys('lib/cdk8s/image-policy.ts', 'ImagePolicyProps'),
  // Issue 10's constructs, whose props the audit, admission, transport and mesh fixes name.
  ...interfaceKeys('lib/cdk8s/image-policy.ts', 'ImageSignatureProps'),
  ...interfaceKeys('lib/cdk8s/secure-ingress.ts', 'SecureIngressProps'),
  ...interfaceKeys('lib/cdk8s/ingress-controller.ts', 'IngressBackendTls'),
  ...interfaceKeys('lib/cdk8s/ingress-controller.ts', 'IngressNginxProps'),
  ...interfaceKeys('lib/cdk8s/audit-sink.ts', 'AuditSinkProps'),
  ...interfaceKeys('lib/cdk8s/audit-sink.ts', 'AuditSinkForwarderProps'),
  ...interfaceKeys('lib/cdk8s/namespace-mesh.ts', 'NamespaceMesh'),
  ...interfaceKeys('lib/cdk8s/network-policy-probe.ts', 'NetworkPolicyProbeProps'),
]);

/** The `fix` texts (rule-level and per finding) of a rule source: the literals after each `fix:`. */
function fixTexts(source: string): string[] {
  const literal = /'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/.source;
  const fixes = new RegExp(`\\bfix:\\s*((?:${literal})(?:\\s*\\+\\s*(?:${literal}))*)`, 'g');
  return [...source.matchAll(fixes)].map((m) => stringLiterals(m[1]).join('').replace(/\$\{[^}]*\}/g, '${}'));
}

describe('fix texts name only options, props and flags that exist', () => {
  test('the rule sources are read (the extraction works)', () => {
    expect(TEXTS.length).toBeGreaterThan(200);
    expect(stringLiterals("const a = 'x --y'; // 'not me'\nconst b = `z ${1}`;")).toEqual(['x --y', 'z ${1}']);
    expect(OPTIONS.has('defaultNamespace')).toBe(true);
    expect(cliFlags().has('--default-namespace')).toBe(true);
  });

  test('every --flag is a hipaa-check option (or a named flag of another tool)', () => {
    const flags = cliFlags();
    const unknown = TEXTS.flatMap(({ file, text }) =>
      [...text.matchAll(/(?<![\w-])--[a-z][a-z0-9-]*/g)].map((m) => m[0]).filter((f) => !flags.has(f) && !OTHER_TOOLS_FLAGS.has(f)).map((f) => `${file}: ${f}`));
    expect(unknown).toEqual([]);
  });

  test('every "<name> option", "<name> setting" and "option <name>" is an option of the check or of HipaaValidation', () => {
    const unknown = TEXTS.flatMap(({ file, text }) =>
      [...text.matchAll(/\b([a-z][a-zA-Z0-9]*[A-Z][a-zA-Z0-9]*) (?:option|setting)s?\b|\b(?:option|setting) ([a-z][a-zA-Z0-9]*[A-Z][a-zA-Z0-9]*)\b/g)]
        .map((m) => m[1] ?? m[2]).filter((name) => !OPTIONS.has(name)).map((name) => `${file}: ${name}`));
    expect(unknown).toEqual([]);
  });

  test('every "<name> prop" and "prop <name>" is a prop of a construct', () => {
    const unknown = TEXTS.flatMap(({ file, text }) =>
      [...text.matchAll(/\b([a-z][a-zA-Z0-9]*) props?\b|\bprops? ([a-z][a-zA-Z0-9]*)\b/g)]
        .map((m) => m[1] ?? m[2]).filter((name) => !['its', 'the', 'a', 'this', 'that', 'these'].includes(name) && !PROPS.has(name)).map((name) => `${file}: ${name}`));
    expect(unknown).toEqual([]);
  });

  describe('the fixes of the audit, admission, transport and mesh rules name only what exists', () => {
    const GROUPS = ['audit', 'admission', 'transport', 'mesh'];
    const FIXES = GROUPS.flatMap((g) => filesUnder(path.join(ROOT, 'lib', 'rules', 'k8s', g)))
      .flatMap((f) => fixTexts(fs.readFileSync(f, 'utf8')).map((text) => ({ file: path.relative(ROOT, f), text })));
    /** Fields of the Kubernetes objects (not of our constructs) that these fixes tell users to set. */
    const MANIFEST_FIELDS = new Set(['privateKey', 'rotationPolicy', 'namespaceSelector', 'matchImageReferences', 'validationActions', 'failurePolicy',
      'paramRef', 'parameterNotFoundAction']);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cdk8sExports = new Set(Object.keys(require('../../lib/cdk8s')));

    test('the fixes are read (every rule of the four groups has one)', () => {
      expect(FIXES.length).toBeGreaterThanOrEqual(14);
      expect(fixTexts("  fix: 'a ' +\n    `b ${x}`,\n  check() { report({ fix: 'c' }) }")).toEqual(['a b ${}', 'c']);
    });

    test('every camelCase name is a prop of a construct, a method of one, or a field of the object being fixed', () => {
      const unknown = FIXES.flatMap(({ file, text }) => [...text.matchAll(/\b[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*\b/g)].map((m) => m[0])
        .filter((name) => !PROPS.has(name) && !MANIFEST_FIELDS.has(name) && !new RegExp(`\\b${name}\\(`).test(text))
        .map((name) => `${file}: ${name}`));
      expect(unknown).toEqual([]);
    });

    test('every construct named is exported from hipaa-constructs/cdk8s', () => {
      const named = FIXES.flatMap(({ file, text }) => [...text.matchAll(/\b(AuditSink|ImagePolicy|SecureIngress|IngressNginx|HipaaNamespace|NetworkPolicyProbe|Secure[A-Z]\w+)\b/g)]
        .map((m) => ({ file, name: m[1] })));
      expect(named.length).toBeGreaterThan(10);
      expect(named.filter(({ name }) => !cdk8sExports.has(name)).map(({ file, name }) => `${file}: ${name}`)).toEqual([]);
    });
  });

  describe('the fixes of the AWS rules name only component args and resource inputs that exist', () => {
    const AWS_DIR = path.join(ROOT, 'lib', 'rules', 'aws');
    const PULUMI_AWS = path.join(ROOT, 'node_modules', '@pulumi', 'aws');
    const INPUT_TYPES = fs.readFileSync(path.join(PULUMI_AWS, 'types', 'input.d.ts'), 'utf8');
    /** Each AWS rule with its source file (lib/rules/aws/<group>/<id without aws->.ts) and its fix texts. */
    const RULES = awsPack.rules.map((rule) => {
      const file = filesUnder(AWS_DIR).find((f) => path.basename(f, '.ts') === rule.id.replace(/^aws-/, ''));
      if (file === undefined) throw new Error(`no source file for ${rule.id}`);
      return { rule, file: path.relative(ROOT, file), fixes: fixTexts(fs.readFileSync(file, 'utf8')) };
    });
    /** Keys of every exported interface of a lib/pulumi file (a component's args and their nested args). */
    function exportedKeys(file: string): Set<string> {
      const source = fs.readFileSync(path.join(ROOT, 'lib', 'pulumi', file), 'utf8');
      const blocks = [...source.matchAll(/^export interface \w+[^{]*\{([\s\S]*?)\n\}/gm)].map((m) => m[1]);
      return new Set(blocks.flatMap((b) => [...b.matchAll(/^\s+readonly (\w+)\??:/gm)].map((m) => m[1])));
    }
    /** The args a component (or createIrsaRole) takes: its file's exported interfaces plus DataProtectionArgs. */
    function argsOf(component: string): Set<string> {
      return new Set([...exportedKeys(fileOf(component)), ...exportedKeys('data-protection.ts')]);
    }
    /** The lib/pulumi file a component is defined in: HipaaEksCluster in hipaa-eks-cluster.ts. */
    function fileOf(component: string): string {
      return component === 'createIrsaRole' ? 'irsa-role.ts' : `${component.replace(/(?<!^)([A-Z])/g, '-$1').toLowerCase()}.ts`;
    }
    /** Input names of the @pulumi/aws modules a rule reads (`eks` for aws:eks/cluster:Cluster): its .d.ts files and its namespace of types/input.d.ts. */
    function awsInputsOf(kinds: readonly string[]): Set<string> {
      const names = new Set<string>();
      for (const module of new Set(kinds.map((k) => /^aws:([a-z0-9]+)\//.exec(k)![1]))) {
        const dir = path.join(PULUMI_AWS, module);
        const start = INPUT_TYPES.indexOf(`export declare namespace ${module} {`);
        const end = INPUT_TYPES.indexOf('\nexport declare namespace ', start + 1);
        const sources = [...fs.readdirSync(dir).filter((f) => f.endsWith('.d.ts')).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')),
          start < 0 ? '' : INPUT_TYPES.slice(start, end < 0 ? undefined : end)];
        for (const source of sources) for (const m of source.matchAll(/^\s+(?:readonly )?(\w+)\??:/gm)) names.add(m[1]);
      }
      return names;
    }
    const COMPONENT = /\b(Hipaa[A-Z]\w*|createIrsaRole)\b/g;
    /** What a fix says a component takes: the text after its name up to `)`, `, or `, `. ` or the end. */
    function namedArgs(text: string): Array<{ component: string; arg: string }> {
      return [...text.matchAll(COMPONENT)].flatMap((m) => {
        const rest = text.slice(m.index! + m[0].length);
        const window = rest.slice(0, Math.min(...[')', ', or ', '. '].map((t) => (rest.includes(t) ? rest.indexOf(t) : rest.length))));
        const args = [
          ...[...window.matchAll(/\b[a-z][a-z0-9]*[A-Z]\w*\b/g)].map((a) => a[0]),
          ...[...window.matchAll(/`(\w+)`|takes (?:it|them) as (\w+)|\b([a-z]\w*): /g)].map((a) => a[1] ?? a[2] ?? a[3]),
        ];
        return args.map((arg) => ({ component: m[1], arg }));
      });
    }

    test('every AWS rule has a fix, and the fixes name components and their args', () => {
      expect(RULES.length).toBe(awsPack.rules.length);
      expect(RULES.filter((r) => r.fixes.length === 0).map((r) => r.rule.id)).toEqual([]);
      const named = RULES.flatMap((r) => r.fixes.flatMap(namedArgs));
      expect(named.length).toBeGreaterThan(10);
      expect(namedArgs("(HipaaSecrets: rotation: { lambdaArn }), or (HipaaKmsKey's arn) (createIrsaRole takes them as `resources`)")).toEqual([
        { component: 'HipaaSecrets', arg: 'lambdaArn' }, { component: 'HipaaSecrets', arg: 'rotation' }, { component: 'createIrsaRole', arg: 'resources' },
      ]);
      expect(argsOf('HipaaEksCluster').has('logRetentionInDays')).toBe(true);
      expect(awsInputsOf(['aws:eks/cluster:Cluster']).has('endpointPublicAccess')).toBe(true);
    });

    test('every component a fix names is exported from hipaa-constructs/pulumi, and every arg it gives it is one of its args', () => {
      const index = fs.readFileSync(path.join(ROOT, 'lib', 'pulumi', 'index.ts'), 'utf8');
      const components = new Set(RULES.flatMap((r) => r.fixes.flatMap((t) => [...t.matchAll(COMPONENT)].map((m) => m[1]))));
      expect(components.size).toBeGreaterThanOrEqual(6);
      const notExported = [...components].filter((c) => {
        const file = path.join(ROOT, 'lib', 'pulumi', fileOf(c));
        return !fs.existsSync(file) || !new RegExp(`^export (?:class|function) ${c}\\b`, 'm').test(fs.readFileSync(file, 'utf8')) ||
          !index.includes(`export * from './${path.basename(file, '.ts')}';`);
      });
      expect(notExported).toEqual([]);
      const unknown = RULES.flatMap((r) => r.fixes.flatMap(namedArgs).filter(({ component, arg }) => !argsOf(component).has(arg))
        .map(({ component, arg }) => `${r.file}: ${component} ${arg}`));
      expect(unknown).toEqual([]);
    });

    test('every camelCase name is an input of the resources the rule reads, an arg of a component, or a function', () => {
      const ALL_ARGS = new Set(['HipaaKmsKey', 'HipaaEksCluster', 'HipaaAuditStore', 'HipaaWormBucket', 'HipaaSecrets', 'HipaaBackupVault', 'createIrsaRole'].flatMap((c) => [...argsOf(c)]));
      // Rules that read other resources through the context, whose inputs their fixes name.
      const ALSO_READS: Record<string, readonly string[]> = { 'aws-eks-node-group-launch-template': ['aws:ec2/launchTemplate:LaunchTemplate'] };
      const unknown = RULES.flatMap(({ rule, file, fixes }) => {
        const inputs = awsInputsOf([...rule.kinds, ...(ALSO_READS[rule.id] ?? [])]);
        return fixes.flatMap((text) => [...text.matchAll(/\b[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*\b/g)].map((m) => m[0])
          .filter((name) => !inputs.has(name) && !ALL_ARGS.has(name) && name !== 'createIrsaRole' && !new RegExp(`\\b${name}\\(`).test(text))
          .map((name) => `${file}: ${name}`));
      });
      expect(unknown).toEqual([]);
    });
  });

  test('a text that names an option of the check also names the hipaa-check flag that sets it', () => {
    // A CLI user reads these texts too: an option named without its flag sends them looking for one.
    const FLAG_OF: Record<string, string> = {
      defaultNamespace: '--default-namespace',
      kubernetesVersion: '--kubernetes-version',
      allowedRegistries: '--allowed-registry',
    };
    // Errors thrown to API callers only: the CLI refuses a bad --allowed-registry with its own message.
    const API_ONLY = new Set([path.join('lib', 'rules', 'k8s', 'workload', 'image-reference.ts')]);
    const flags = cliFlags();
    for (const flag of Object.values(FLAG_OF)) expect(flags.has(flag)).toBe(true);
    // Per rule file: a message may name the option when the rule's fix (same file) gives the flag.
    const missing = RULE_SOURCES.flatMap((f) => {
      const texts = TEXTS.filter((t) => t.file === path.relative(ROOT, f)).map((t) => t.text);
      return Object.entries(FLAG_OF)
        .filter(() => !API_ONLY.has(path.relative(ROOT, f)))
        .filter(([option, flag]) => texts.some((t) => new RegExp(`\\b${option}\\b`).test(t)) && !texts.some((t) => t.includes(flag)))
        .map(([option, flag]) => `${path.relative(ROOT, f)}: names ${option} without ${flag}`);
    });
    expect(missing).toEqual([]);
  });

  test('the old k8s-no-default-namespace fix pointed at a CLI option that did not exist; it now names --default-namespace', () => {
    const source = fs.readFileSync(path.join(ROOT, 'lib/rules/k8s/namespace/no-default-namespace.ts'), 'utf8');
    expect(source).toContain('--default-namespace <namespace>');
  });
});
