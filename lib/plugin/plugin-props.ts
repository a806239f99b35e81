import { didYouMean } from '../check/did-you-mean';
import type { EgressPrefixLimits } from '../check/egress-prefix';
import { resolveMinEgressPrefix } from '../check/egress-prefix';
import { resolveMaxWaiverMonths } from '../check/waiver';
import type { FailOn } from '../report/common';
import { REPORT_FORMATS, ReportFormat } from '../report/formats';
import { compileRegistryPattern } from '../rules/k8s/workload/image-reference';

/**
 * The `properties:` of the plugin's entry in cdk8s.yaml `validations:`. Relative paths are
 * resolved against the directory `cdk8s synth` runs in (where cdk8s.yaml is).
 */
export interface HipaaValidationPluginProps {
  /** Which open findings fail the synth (exit code 2): errors, warnings too, or none. @default 'error' */
  readonly failOn?: FailOn;
  /** A waivers file (YAML or JSON list of waivers, as `hipaa-check --waivers`). @default - none */
  readonly waivers?: string;
  /** A baseline file (as `hipaa-check --baseline`): the findings it lists are reported but do not fail. @default - none */
  readonly baseline?: string;
  /** Do not fail when baseline entries match no finding any more (as `hipaa-check --allow-stale-baseline`). @default false */
  readonly allowStaleBaseline?: boolean;
  /** A BAA register (`hipaa-baa.yaml`, as `hipaa-check --baa-register`): adds the BAA rules. @default - none */
  readonly baaRegister?: string;
  /** Directory to write the report files into (names as REPORT_FILES), created if needed. @default - no report files */
  readonly reportDir?: string;
  /** Which reports to write into `reportDir`. @default - every format (REPORT_FORMATS) when `reportDir` is given */
  readonly formats?: readonly ReportFormat[];
  /** Kubernetes minor version the manifests target, as a string ('1.30': YAML reads 1.30 as the number 1.3). @default '1.28' */
  readonly kubernetesVersion?: string;
  /** Registries images may come from (host, host/path prefix, `*` for one DNS label). @default - AWS ECR private registries */
  readonly allowedRegistries?: readonly string[];
  /** Whether objects nobody classified count as PHI. @default true */
  readonly unclassifiedIsPhi?: boolean;
  /** Namespace of namespaced objects that name none. @default 'default' */
  readonly defaultNamespace?: string;
  /** How many months ahead a waiver may expire, 1 to 36. @default 12 */
  readonly maxWaiverMonths?: number;
  /** Shortest CIDR prefix a PHI workload may send to, per address family (k8s-phi-open-egress). @default - IPv4 /16, IPv6 /48 */
  readonly minEgressPrefix?: EgressPrefixLimits;
}

const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'never'];
const WHERE = 'cdk8s.yaml validations[].properties';
const KNOWN = [
  'allowStaleBaseline', 'allowedRegistries', 'baaRegister', 'baseline', 'defaultNamespace', 'failOn', 'formats',
  'kubernetesVersion', 'maxWaiverMonths', 'minEgressPrefix', 'reportDir', 'unclassifiedIsPhi', 'waivers',
] as const;
const PATH_PROPS = ['waivers', 'baseline', 'baaRegister', 'reportDir'] as const;
const KUBERNETES_VERSION = /^v?(\d+)\.(\d+)$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * The plugin's properties, checked: every problem at once, each naming
 * `cdk8s.yaml validations[].properties.<field>`, what was expected and what was given.
 * @throws Error listing every problem
 */
export function validatePluginProps(properties: unknown): HipaaValidationPluginProps {
  if (properties === undefined || properties === null) return {};
  if (typeof properties !== 'object' || Array.isArray(properties)) {
    throw new Error(`HipaaValidationPlugin: ${WHERE} must be a mapping of settings (failOn, reportDir, ...), got ${describe(properties)}`);
  }
  const p = properties as Record<string, unknown>;
  const problems: string[] = [];
  const say = (field: string, text: string) => problems.push(`${WHERE}.${field}: ${text}`);
  for (const key of Object.keys(p).sort()) {
    if (!(KNOWN as readonly string[]).includes(key)) {
      problems.push(`${WHERE}: unknown property '${key}'${didYouMean(key, KNOWN)} (known: ${KNOWN.join(', ')})`);
    }
  }
  if (p.failOn !== undefined && !FAIL_ON.includes(p.failOn as FailOn)) {
    say('failOn', `expected one of error, warning, never, got ${describe(p.failOn)}`);
  }
  for (const field of PATH_PROPS) {
    const v = p[field];
    if (v === undefined) continue;
    if (typeof v !== 'string' || v.trim() === '') {
      say(field, `expected a ${field === 'reportDir' ? 'directory' : 'file'} path (relative to the directory cdk8s runs in), got ${describe(v)}`);
    }
  }
  for (const field of ['unclassifiedIsPhi', 'allowStaleBaseline'] as const) {
    if (p[field] !== undefined && typeof p[field] !== 'boolean') say(field, `expected true or false, got ${describe(p[field])}`);
  }
  checkFormats(p, say);
  checkKubernetesVersion(p.kubernetesVersion, say);
  checkRegistries(p.allowedRegistries, say);
  if (p.defaultNamespace !== undefined && (typeof p.defaultNamespace !== 'string' || p.defaultNamespace.length > 63 || !NAMESPACE.test(p.defaultNamespace))) {
    say('defaultNamespace', `expected a namespace name (lower-case letters, digits and '-', at most 63 characters), got ${describe(p.defaultNamespace)}`);
  }
  if (p.maxWaiverMonths !== undefined) {
    try {
      resolveMaxWaiverMonths(p.maxWaiverMonths);
    } catch (e) {
      say('maxWaiverMonths', (e as Error).message.replace(/^maxWaiverMonths /, ''));
    }
  }
  if (p.minEgressPrefix !== undefined) {
    if (p.minEgressPrefix === null || typeof p.minEgressPrefix !== 'object' || Array.isArray(p.minEgressPrefix)) {
      say('minEgressPrefix', `expected a mapping such as { ipv4: 24, ipv6: 64 }, got ${describe(p.minEgressPrefix)}`);
    } else {
      try {
        resolveMinEgressPrefix(p.minEgressPrefix as EgressPrefixLimits);
      } catch (e) {
        say('minEgressPrefix', (e as Error).message);
      }
    }
  }
  if (problems.length === 1) throw new Error(`HipaaValidationPlugin: ${problems[0]}`);
  if (problems.length > 1) throw new Error(`HipaaValidationPlugin: ${problems.length} problems:\n- ${problems.join('\n- ')}`);
  const props = p as HipaaValidationPluginProps;
  return props.kubernetesVersion === undefined ? props : { ...props, kubernetesVersion: normalVersion(props.kubernetesVersion) };
}

type Say = (field: string, text: string) => void;

function checkFormats(p: Record<string, unknown>, say: Say): void {
  const formats = p.formats;
  if (formats === undefined) return;
  if (!Array.isArray(formats)) {
    say('formats', `expected a list of report formats (${REPORT_FORMATS.join(', ')}), got ${describe(formats)}; write [${typeof formats === 'string' ? formats : 'sarif'}]`);
    return;
  }
  if (formats.length === 0) say('formats', `expected at least one of ${REPORT_FORMATS.join(', ')}; leave formats out to write them all`);
  const seen = new Set<unknown>();
  formats.forEach((f, i) => {
    if (!REPORT_FORMATS.includes(f as ReportFormat)) say(`formats[${i}]`, `expected one of ${REPORT_FORMATS.join(', ')}, got ${describe(f)}`);
    else if (seen.has(f)) say(`formats[${i}]`, `'${f}' is listed twice`);
    seen.add(f);
  });
  if (p.reportDir === undefined) say('formats', 'names reports but reportDir is not set; give reportDir, the directory to write them into');
}

function checkKubernetesVersion(v: unknown, say: Say): void {
  if (v === undefined) return;
  if (typeof v === 'number') {
    say('kubernetesVersion', `expected a string such as '1.30', got the number ${v}; quote it in cdk8s.yaml (YAML reads 1.30 as the number 1.3)`);
  } else if (typeof v !== 'string' || !KUBERNETES_VERSION.test(v.trim())) {
    say('kubernetesVersion', `expected a Kubernetes minor version such as '1.30', got ${describe(v)}`);
  }
}

function checkRegistries(v: unknown, say: Say): void {
  if (v === undefined) return;
  if (!Array.isArray(v)) {
    say('allowedRegistries', `expected a list of registry patterns, got ${describe(v)}${typeof v === 'string' ? `; write [${v}]` : ''}`);
    return;
  }
  v.forEach((entry, i) => {
    if (typeof entry !== 'string') {
      say(`allowedRegistries[${i}]`, `expected a registry pattern (a string such as ghcr.io/acme), got ${describe(entry)}`);
      return;
    }
    try {
      compileRegistryPattern(entry);
    } catch (e) {
      say(`allowedRegistries[${i}]`, (e as Error).message);
    }
  });
}

function normalVersion(v: string): string {
  const m = KUBERNETES_VERSION.exec(v.trim())!;
  return `${+m[1]}.${+m[2]}`;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `a list (${JSON.stringify(value)})`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}
