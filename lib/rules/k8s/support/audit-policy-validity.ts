/**
 * What the API server refuses in an audit Policy (`audit.k8s.io/v1`), as its validation does
 * (k8s.io/apiserver/pkg/apis/audit/validation): a level or stage it does not know, a non-resource
 * URL that does not start with '/' or has '*' before its end, a rule for both non-resource URLs
 * and resources or namespaces, a group that is no DNS subdomain (`rbac.authorization.k8s.io/v1`),
 * resourceNames without resources, and fields of the wrong shape (a map or string where a list
 * goes), which do not decode. kube-apiserver does not start with such a file as
 * `--audit-policy-file`. Shared by the k8s-audit-policy-valid rule and AuditSink. Not a rule itself.
 */
import { AUDIT_LEVELS } from './audit-policy';
import { isObject } from './objects';
import { isDns1123Subdomain } from '../workload/valid-name';

/** The stages of an audit event. */
export const AUDIT_STAGES: readonly string[] = ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic'];

/** What a problem is about: AuditSink reports level and stage problems in its own words. */
export type PolicyProblemKind = 'level' | 'stage' | 'shape' | 'url' | 'resources';

/** One thing the API server refuses, at a field path relative to the Policy (`rules[2].nonResourceURLs[0]`). */
export interface PolicyValidityProblem {
  /** Field path inside the Policy. */
  readonly path: string;
  /** What is wrong and how to write it instead. */
  readonly message: string;
  /** What it is about. */
  readonly kind: PolicyProblemKind;
}

const LIST_FIELDS = ['users', 'userGroups', 'verbs', 'namespaces', 'nonResourceURLs', 'omitStages'] as const;

/** Every problem of `policy` the API server refuses (an empty list when it loads). */
export function policyValidityProblems(policy: Record<string, any>): PolicyValidityProblem[] {
  const out: PolicyValidityProblem[] = [];
  stageProblems(policy.omitStages, 'omitStages', out);
  if (Array.isArray(policy.rules)) policy.rules.forEach((rule: unknown, i: number) => out.push(...ruleValidityProblems(rule, `rules[${i}]`)));
  return out;
}

/** Every problem of one rule at `path` the API server refuses. */
export function ruleValidityProblems(rule: unknown, path: string): PolicyValidityProblem[] {
  const out: PolicyValidityProblem[] = [];
  if (!isObject(rule)) {
    out.push({ path, kind: 'shape', message: `is ${describeValue(rule)}, not a rule (a map with level and what it matches)` });
    return out;
  }
  if (!(AUDIT_LEVELS as readonly unknown[]).includes(rule.level)) {
    out.push({ path: `${path}.level`, kind: 'level', message: `is ${describeValue(rule.level)}; the levels are ${AUDIT_LEVELS.join(', ')} (case matters)` });
  }
  for (const key of LIST_FIELDS) {
    const v = rule[key];
    if (v === undefined || v === null) continue;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      out.push({ path: `${path}.${key}`, kind: 'shape', message: `${notStrings(v)}; it must be a list of strings (e.g. ${key}: ["..."])` });
    }
  }
  stageProblems(rule.omitStages, `${path}.omitStages`, out, true);
  const urls: unknown[] = Array.isArray(rule.nonResourceURLs) ? rule.nonResourceURLs : [];
  urls.forEach((url, j) => {
    if (typeof url !== 'string' || url === '*') return;
    const at = `${path}.nonResourceURLs[${j}]`;
    if (!url.startsWith('/')) out.push({ path: at, kind: 'url', message: `'${url}' does not start with '/'; write '/${url}' (or '*' for every path)` });
    if (url !== '' && url.slice(0, -1).includes('*')) {
      out.push({ path: at, kind: 'url', message: `'${url}' has '*' before its end; '*' may only be the last character ('${url.slice(0, url.indexOf('*') + 1)}' matches every path that starts with '${url.slice(0, url.indexOf('*'))}')` });
    }
  });
  const resources = rule.resources;
  const hasResources = Array.isArray(resources) && resources.length > 0;
  const hasNamespaces = Array.isArray(rule.namespaces) && rule.namespaces.length > 0;
  if (urls.length > 0 && (hasResources || hasNamespaces)) {
    out.push({ path: `${path}.nonResourceURLs`, kind: 'url', message: `is given with ${hasResources ? 'resources' : 'namespaces'}; a rule applies to non-resource URLs or to resources, never both: split it into two rules` });
  }
  if (resources !== undefined && resources !== null && !Array.isArray(resources)) {
    out.push({ path: `${path}.resources`, kind: 'shape', message: `is ${describeValue(resources)}; it must be a list of {group, resources} (e.g. resources: [{group: "", resources: ["pods"]}])` });
  }
  (Array.isArray(resources) ? resources : []).forEach((gr: unknown, j: number) => {
    const at = `${path}.resources[${j}]`;
    if (!isObject(gr)) {
      out.push({ path: at, kind: 'shape', message: `is ${describeValue(gr)}, not a {group, resources} map` });
      return;
    }
    if (gr.group !== undefined && gr.group !== null && typeof gr.group !== 'string') {
      out.push({ path: `${at}.group`, kind: 'shape', message: `is ${describeValue(gr.group)}; it must be a string ("" for the core group)` });
    } else if (typeof gr.group === 'string' && gr.group !== '' && !isDns1123Subdomain(gr.group)) {
      const hint = gr.group.includes('/') ? `: name the group without its version ('${gr.group.split('/')[0]}')` : ': lower-case letters, digits, - and .';
      out.push({ path: `${at}.group`, kind: 'resources', message: `'${gr.group}' is not an API group name${hint}` });
    }
    for (const key of ['resources', 'resourceNames'] as const) {
      const v = gr[key];
      if (v !== undefined && v !== null && (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))) {
        out.push({ path: `${at}.${key}`, kind: 'shape', message: `${notStrings(v)}; it must be a list of strings` });
      }
    }
    const names = Array.isArray(gr.resourceNames) ? gr.resourceNames : [];
    const res = Array.isArray(gr.resources) ? gr.resources : [];
    if (names.length > 0 && res.length === 0) {
      out.push({ path: `${at}.resourceNames`, kind: 'resources', message: 'is given without resources; resourceNames need at least one resource (e.g. resources: ["configmaps"])' });
    }
  });
  return out;
}

function stageProblems(stages: unknown, path: string, out: PolicyValidityProblem[], listChecked = false): void {
  if (stages === undefined || stages === null) return;
  if (!Array.isArray(stages)) {
    if (!listChecked) out.push({ path, kind: 'shape', message: `is ${describeValue(stages)}; it must be a list of stages (e.g. omitStages: ["RequestReceived"])` });
    return;
  }
  stages.forEach((s, i) => {
    if (typeof s === 'string' && !AUDIT_STAGES.includes(s)) out.push({ path: `${path}[${i}]`, kind: 'stage', message: `'${s}' is not an audit stage (${AUDIT_STAGES.join(', ')})` });
  });
}

/** `is a map`, or `holds null` for a list with an item that is not a string. */
function notStrings(v: unknown): string {
  if (!Array.isArray(v)) return `is ${describeValue(v)}`;
  return `holds ${describeValue(v.find((x) => typeof x !== 'string'))}`;
}

function describeValue(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return `${typeof v === 'string' ? 'the string' : `the ${typeof v}`} ${JSON.stringify(v)}`;
}
