import type { Rule, Violation } from '../../../check/rule';
import { containerLabel, ContainerRef, podTemplate } from '../pod';
import { isAuditPolicy } from '../support/audit-policy';

/** A naming rule the API server applies, with the words users see when a name breaks it. */
interface NameRule {
  /** What it is called, e.g. `DNS-1123 subdomain`. */
  readonly what: string;
  /** What is allowed, in words. */
  readonly allowed: string;
  /** Longest name the API server accepts for this kind. */
  readonly max: number;
  /** Why the kind has a shorter maximum than its format, when it does. @default - none */
  readonly maxReason?: string;
  /** Characters a name may contain; anything else becomes '-' in a suggested name. */
  readonly chars: RegExp;
  /** The whole-name format. */
  readonly format: RegExp;
  /** Whether the first character must be a letter (DNS-1035). */
  readonly letterFirst?: boolean;
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const PATH_SEGMENT_BAD = /[/%]/;

/** Whether `s` is a DNS-1123 label (at most 63 characters), as the API server checks one. */
export function isDns1123Label(s: string): boolean {
  return s.length <= 63 && DNS1123_LABEL.test(s);
}

/** Whether `s` is a DNS-1123 subdomain (at most 253 characters), as the API server checks one. */
export function isDns1123Subdomain(s: string): boolean {
  return s.length <= 253 && DNS1123_SUBDOMAIN.test(s);
}

const SUBDOMAIN_WORDS = "only lower-case letters, digits, '-' and '.', starting and ending with a letter or digit";
const LABEL_WORDS = "only lower-case letters, digits and '-', starting and ending with a letter or digit";

const SUBDOMAIN: NameRule = { what: 'DNS-1123 subdomain', allowed: SUBDOMAIN_WORDS, max: 253, chars: /[^a-z0-9.-]+/g, format: DNS1123_SUBDOMAIN };
const LABEL: NameRule = { what: 'DNS-1123 label', allowed: LABEL_WORDS, max: 63, chars: /[^a-z0-9-]+/g, format: DNS1123_LABEL };
const DNS1035: NameRule = {
  what: 'DNS-1035 label',
  allowed: "only lower-case letters, digits and '-', starting with a letter and ending with a letter or digit",
  max: 63,
  chars: /[^a-z0-9-]+/g,
  format: DNS1035_LABEL,
  letterFirst: true,
};
const JOB: NameRule = { ...SUBDOMAIN, max: 63, maxReason: "the name becomes the value of its pods' job-name label" };
const CRONJOB: NameRule = { ...SUBDOMAIN, max: 52, maxReason: 'the CronJob controller appends 11 characters to it to name each Job, and Job names are limited to 63' };

/** RBAC object names are path segments: anything but '.', '..', '/' and '%' (e.g. system:auth-delegator). */
const RBAC_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

/** The rule the API server applies to metadata.name of a kind (apimachinery validation). */
function nameRuleOf(kind: string): NameRule | undefined {
  switch (kind) {
    case 'Namespace':
      return LABEL;
    case 'Service':
      return DNS1035;
    case 'Job':
      return JOB;
    case 'CronJob':
      return CRONJOB;
    default:
      return RBAC_KINDS.has(kind) ? undefined : SUBDOMAIN;
  }
}

/** Names Kubernetes accepts: metadata.name, metadata.namespace and container names. */
export const validName: Rule = {
  id: 'k8s-valid-name',
  title: 'Names must be valid Kubernetes names for their kind',
  description:
    'The API server refuses an object whose name breaks its kind\'s format, so a pipeline that writes one fails at deploy ' +
    'time, often after other objects of the release were applied. Most kinds take a DNS-1123 subdomain (at most 253 ' +
    "characters of lower-case letters, digits, '-' and '.'); Namespaces and container names a DNS-1123 label (at most 63, no " +
    "'.'); Services a DNS-1035 label (a DNS-1123 label that starts with a letter); Jobs at most 63 characters and CronJobs at " +
    "most 52; RBAC Roles and bindings any path segment (no '/' or '%'). Names are also what audit logs and reports identify " +
    'objects by (Kubernetes documentation, "Object Names and IDs"). Container names must also be unique within a pod.',
  severity: 'error',
  controls: ['164.308(a)(1)(ii)(D)'],
  kinds: ['*'],
  fix: 'Rename the object (or container) to a name its kind accepts: lower-case letters, digits and \'-\', starting and ending with a letter or digit.',
  check(resource, _ctx, report) {
    const metadata = resource.body.metadata;
    const name = metadata?.name;
    // An audit Policy is a file the API server reads (--audit-policy-file), not an object it stores: no name needed.
    if (name === undefined && isAuditPolicy(resource.body)) return;
    const rule = nameRuleOf(resource.kind);
    if (typeof name === 'string' && name !== '') {
      const v = rule ? checkName(name, rule, `${resource.kind} name`, 'metadata.name', false) : checkPathSegment(name, resource.kind);
      if (v) report(v);
    } else if (name !== undefined && name !== null && name !== '') {
      report({
        path: 'metadata.name',
        message: `${resource.kind} name ${JSON.stringify(name)} is ${typeof name === 'object' ? (Array.isArray(name) ? 'a list' : 'a mapping') : `a ${typeof name}`}, not a string`,
        fix: typeof name === 'object'
          ? `Set metadata.name to a string that is a valid name for a ${resource.kind} (a mapping or list here is often a template left unrendered: render it first).`
          : `Quote the name: metadata.name: "${String(name)}" (and make sure it is a valid name for a ${resource.kind}).`,
      });
    } else {
      const prefix = metadata?.generateName;
      if (typeof prefix === 'string' && prefix !== '') {
        const v = rule ? checkName(prefix, rule, `${resource.kind} generateName`, 'metadata.generateName', true) : checkPathSegment(prefix, resource.kind, 'metadata.generateName');
        if (v) report(v);
      } else {
        report({
          path: 'metadata.name',
          message: `${resource.kind} has no metadata.name; Kubernetes refuses an object without a name`,
          fix: `Set metadata.name to a ${rule ? `${rule.what} (${rule.allowed}, at most ${rule.max} characters)` : "name without '/' or '%'"}.`,
        });
      }
    }
    const ns = metadata?.namespace;
    if (typeof ns === 'string' && ns !== '' && !(ns.length <= 63 && DNS1123_LABEL.test(ns))) {
      const v = checkName(ns, LABEL, 'namespace', 'metadata.namespace', false);
      if (v) report(v);
    }
    const pod = podTemplate(resource);
    if (pod) checkContainers(pod.containers, report);
  },
};

/**
 * Why `name` cannot be the metadata.name of a `kind`, with a fix, or undefined when it can: the
 * check k8s-valid-name makes, for constructs to run on names before they write them.
 */
export function nameViolation(kind: string, name: string): Violation | undefined {
  const rule = nameRuleOf(kind);
  return rule ? checkName(name, rule, `${kind} name`, 'metadata.name', false) : checkPathSegment(name, kind);
}

/** A violation when `name` breaks `rule`; undefined when it is valid. `prefix` allows a trailing '-' (generateName). */
function checkName(name: string, rule: NameRule, what: string, path: string, prefix: boolean): Violation | undefined {
  const tested = prefix && name.endsWith('-') ? `${name.slice(0, -1)}a` : name;
  const formatOk = rule.format.test(tested);
  if (formatOk && name.length <= rule.max) return undefined;
  const suggestion = suggest(name, rule);
  const rename = suggestion ? `, e.g. '${suggestion}'` : '';
  if (formatOk) {
    return {
      path,
      message:
        `${what} '${name}' is ${name.length} characters long; it must be a ${rule.what} of at most ${rule.max} characters` +
        `${rule.maxReason ? ` (${rule.maxReason})` : ''}`,
      fix: `Shorten ${path} to at most ${rule.max} characters${rename}.`,
    };
  }
  return {
    path,
    message: `${what} '${name}' is not a valid ${rule.what}: use ${rule.allowed}, at most ${rule.max} characters`,
    fix: `Rename ${path} to a valid ${rule.what}${rename}.`,
  };
}

function checkPathSegment(name: string, kind: string, path = 'metadata.name'): Violation | undefined {
  if (name !== '.' && name !== '..' && !PATH_SEGMENT_BAD.test(name)) return undefined;
  return {
    path,
    message: `${kind} name '${name}' is not a valid path segment name: it may be anything except '.' or '..' and must not contain '/' or '%'`,
    fix: `Rename ${path} without '/' or '%', e.g. '${name === '.' || name === '..' ? kind.toLowerCase() : name.replace(/[/%]+/g, '-')}'.`,
  };
}

function checkContainers(containers: readonly ContainerRef[], report: (v: Violation) => void): void {
  for (let i = 0; i < containers.length; i++) {
    const ref = containers[i];
    const name = ref.container.name;
    const path = `${ref.path}.name`;
    if (typeof name !== 'string' || name === '') {
      report({
        path,
        message: `${containerLabel(ref)} at ${ref.path} has no name; Kubernetes requires one`,
        fix: `Set ${path} to a DNS-1123 label (${LABEL_WORDS}, at most 63 characters).`,
      });
      continue;
    }
    if (name.length > 63 || !DNS1123_LABEL.test(name)) {
      const v = checkName(name, LABEL, 'container name', path, false);
      if (v) report(v);
    }
    for (let j = 0; j < i; j++) {
      if (containers[j].container.name === name) {
        report({
          path,
          message:
            `${containerLabel(ref)} has the same name as ${containerLabel(containers[j])} at ${containers[j].path}; names must be ` +
            'unique across containers, init containers and ephemeral containers',
          fix: `Rename ${path} to a name no other container of the pod uses.`,
        });
        break;
      }
    }
  }
}

/** A valid name close to `name`, or '' when none can be derived. Runs only when a name is invalid. */
function suggest(name: string, rule: NameRule): string {
  let s = name.toLowerCase().replace(rule.chars, '-').replace(/-{2,}/g, '-');
  if (rule === SUBDOMAIN || rule.format === DNS1123_SUBDOMAIN) s = s.replace(/\.{2,}/g, '.').replace(/-?\.-?/g, '.');
  s = trimEdges(s);
  if (rule.letterFirst && /^[0-9]/.test(s)) s = `x-${s}`;
  if (s.length > rule.max) s = trimEdges(s.slice(0, rule.max));
  return rule.format.test(s) ? s : '';
}

function trimEdges(s: string): string {
  return s.replace(/^[^a-z0-9]+/, '').replace(/[^a-z0-9]+$/, '');
}
