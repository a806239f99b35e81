/**
 * Fix texts, descriptions and messages mention only options, props and flags that exist. The
 * texts are read from the rule sources (string literals, so the fixes built inside check()
 * are covered too) and every `--flag`, every "<name> option/setting/prop" and "option/prop
 * <name>" is looked up in the hipaa-check command and the exported option interfaces.
 */
import * as fs from 'fs';
import * as path from 'path';
import { hipaaCheck } from '../../lib/cli/hipaa-check';

const ROOT = path.join(__dirname, '..', '..');

/** Flags of other tools that rule texts name on purpose (the kubelet's). */
const OTHER_TOOLS_FLAGS = new Set(['--seccomp-default']);

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
