/**
 * The semantics of a Kubernetes API server audit Policy (`audit.k8s.io/v1`, kind Policy), as
 * the API server's policy checker applies it (k8s.io/apiserver/pkg/audit/policy/checker.go):
 * rules are tried in order and the first rule that matches a request sets its level; a request
 * no rule matches is not logged (level None). Shared by the audit rules and the AuditSink
 * construct, so both agree on what a Policy logs. Not a rule itself.
 */
import { isObject } from './objects';

/** Audit levels, from least to most recorded. */
export const AUDIT_LEVELS = ['None', 'Metadata', 'Request', 'RequestResponse'] as const;
/** An audit level. */
export type AuditLevel = (typeof AUDIT_LEVELS)[number];
/** Levels that record the request body (and, for RequestResponse, the response body). */
export const BODY_LEVELS: ReadonlySet<string> = new Set(['Request', 'RequestResponse']);

/** A resource in an API group (`''` is the core group). */
export interface GroupResource {
  /** API group, `''` for the core group. */
  readonly group: string;
  /** Resource, e.g. `secrets` or `pods/exec` (a subresource). */
  readonly resource: string;
}

/** The resources whose bodies hold credentials or PHI, and may be logged at Metadata at most. */
export const SENSITIVE_RESOURCES: readonly GroupResource[] = [
  { group: '', resource: 'secrets' },
  { group: '', resource: 'configmaps' },
  { group: 'authentication.k8s.io', resource: 'tokenreviews' },
];

/** A request the API server could receive, to find which rule of a Policy it meets first. */
export interface AuditRequest {
  /** The user name. */
  readonly user: string;
  /** The user's groups. */
  readonly groups: readonly string[];
  /** The verb (`create`, `get`, `watch`...). */
  readonly verb: string;
  /** The resource requested; undefined for a non-resource request (`/healthz`). @default - a non-resource request */
  readonly resource?: GroupResource;
  /** Namespace of the request, `''` for cluster-scoped resources. @default '' */
  readonly namespace?: string;
  /** Path of a non-resource request. @default - a resource request */
  readonly path?: string;
}

/** A person (or pipeline) making changes: an ordinary authenticated user and a cluster administrator. */
export const PROBE_USERS: readonly { readonly user: string; readonly groups: readonly string[] }[] = [
  { user: 'alice@example.org', groups: ['system:authenticated'] },
  { user: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] },
];

/** RBAC resources whose changes must be logged with request and response. */
export const RBAC_RESOURCES: readonly GroupResource[] = ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'].map((resource) => ({
  group: 'rbac.authorization.k8s.io',
  resource,
}));
/** Verbs that change an object. */
export const WRITE_VERBS: readonly string[] = ['create', 'update', 'patch', 'delete', 'deletecollection'];
/** Subresources that reach inside a running pod (opened with create, or get over WebSocket). */
export const POD_ACCESS_RESOURCES: readonly GroupResource[] = ['pods/exec', 'pods/attach', 'pods/portforward'].map((resource) => ({ group: '', resource }));

/** The events every audit Policy must record: RBAC changes and exec/attach/port-forward into pods, by the probe users. */
export function requiredEvents(): { readonly what: string; readonly request: AuditRequest }[] {
  const out: { what: string; request: AuditRequest }[] = [];
  for (const u of PROBE_USERS) {
    for (const r of RBAC_RESOURCES) {
      for (const verb of WRITE_VERBS) {
        const namespace = r.resource.startsWith('cluster') ? '' : 'clinic';
        out.push({ what: `${verb} ${r.resource}`, request: { ...u, verb, resource: r, namespace } });
      }
    }
    for (const r of POD_ACCESS_RESOURCES) {
      for (const verb of ['create', 'get']) out.push({ what: `${verb} ${r.resource}`, request: { ...u, verb, resource: r, namespace: 'clinic' } });
    }
  }
  return out;
}

/** The rules of a Policy body (an empty list when there are none or they are not a list). */
export function policyRules(policy: Record<string, any>): readonly unknown[] {
  return Array.isArray(policy.rules) ? policy.rules : [];
}

/** Whether a document is an audit Policy (`audit.k8s.io/v1`, or the removed v1beta1/v1alpha1, kind Policy). */
export function isAuditPolicy(doc: unknown): doc is Record<string, any> {
  return isObject(doc) && doc.kind === 'Policy' && typeof doc.apiVersion === 'string' && doc.apiVersion.startsWith('audit.k8s.io/');
}

function strings(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
}

/** Whether a list restriction of a rule (users, verbs...) lets `value` through: absent or empty lists match everything. */
function listMatches(list: unknown, values: readonly string[]): boolean {
  const l = strings(list);
  if (l === undefined || l.length === 0) return true;
  return values.some((v) => l.includes(v));
}

/**
 * Whether a rule's `resources` entry names `r`, as checker.go's ruleMatchesResource: the group
 * compared exactly (a missing group is the core group, `*` is no wildcard), an empty list is
 * every resource of the group, `*` every resource, `*\/exec` that subresource of every
 * resource, and `pods/*` pods and every subresource of pods.
 */
function groupResourcesMatch(gr: unknown, r: GroupResource): boolean {
  if (!isObject(gr)) return false;
  const group = typeof gr.group === 'string' ? gr.group : '';
  if (group !== r.group) return false;
  const resources = strings(gr.resources);
  if (resources === undefined || resources.length === 0) return true;
  const [main, sub] = r.resource.split('/');
  return resources.some((x) => x === '*' || x === r.resource || (sub !== undefined && x === `*/${sub}`) || x === `${main}/*`);
}

/** Whether the resource restriction of a rule can match `r` (resourceNames ignored: some name can match). */
export function ruleCanMatchResource(rule: unknown, r: GroupResource): boolean {
  if (!isObject(rule)) return false;
  const resources = Array.isArray(rule.resources) ? rule.resources : undefined;
  const namespaces = strings(rule.namespaces);
  const urls = strings(rule.nonResourceURLs);
  const resourceRule = (resources !== undefined && resources.length > 0) || (namespaces !== undefined && namespaces.length > 0);
  // A rule with only nonResourceURLs never matches a resource request.
  if (!resourceRule && urls !== undefined && urls.length > 0) return false;
  if (resources === undefined || resources.length === 0) return true;
  return resources.some((gr) => groupResourcesMatch(gr, r));
}

/**
 * Whether a rule matches every request on `r`, whoever makes it and in whichever namespace: no
 * users, userGroups, verbs, namespaces or resourceNames restriction, and its resources name `r`.
 */
export function ruleMatchesAllOf(rule: unknown, r: GroupResource): boolean {
  if (!isObject(rule)) return false;
  for (const f of ['users', 'userGroups', 'verbs', 'namespaces']) {
    const l = strings(rule[f]);
    if (l !== undefined && l.length > 0) return false;
  }
  const resources = Array.isArray(rule.resources) ? rule.resources : [];
  if (resources.length === 0) return !(strings(rule.nonResourceURLs)?.length);
  return resources.some((gr) => groupResourcesMatch(gr, r) && !(strings(gr.resourceNames)?.length));
}

function urlMatches(patterns: readonly string[], path: string): boolean {
  return patterns.some((p) => p === '*' || p === path || (p.endsWith('*') && path.startsWith(p.slice(0, -1))));
}

/** Whether a rule matches a request (checker.go's ruleMatches). */
export function ruleMatches(rule: unknown, req: AuditRequest): boolean {
  if (!isObject(rule)) return false;
  if (!listMatches(rule.users, [req.user])) return false;
  if (!listMatches(rule.userGroups, req.groups)) return false;
  if (!listMatches(rule.verbs, [req.verb])) return false;
  const resources = Array.isArray(rule.resources) ? rule.resources : [];
  const namespaces = strings(rule.namespaces) ?? [];
  const urls = strings(rule.nonResourceURLs) ?? [];
  if (req.resource === undefined) {
    if (resources.length > 0 || namespaces.length > 0) return false;
    return urls.length === 0 || urlMatches(urls, req.path ?? '/');
  }
  if (urls.length > 0 && resources.length === 0 && namespaces.length === 0) return false;
  if (namespaces.length > 0 && !namespaces.includes(req.namespace ?? '')) return false;
  if (resources.length === 0) return true;
  // A probe request names no object: an entry limited by resourceNames does not match it (but
  // an entry without resources matches before its resourceNames are read, as in checker.go).
  return resources.some((gr) => groupResourcesMatch(gr, req.resource!) && (!(strings(gr.resources)?.length) || !(strings(gr.resourceNames)?.length)));
}

/** The index of the first rule matching `req` and its level; `{ index: -1, level: 'None' }` when none does. */
export function firstMatch(policy: Record<string, any>, req: AuditRequest): { readonly index: number; readonly level: string } {
  const rules = policyRules(policy);
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (ruleMatches(rule, req)) return { index: i, level: isObject(rule) && typeof rule.level === 'string' ? rule.level : '' };
  }
  return { index: -1, level: 'None' };
}

/** A rule that would write the body of a sensitive resource, with the resource. */
export interface BodyLeak {
  /** Index of the rule in `rules`. */
  readonly index: number;
  /** Its level (Request or RequestResponse). */
  readonly level: string;
  /** The sensitive resources it can match that no earlier rule took at Metadata or None. */
  readonly resources: readonly GroupResource[];
}

/**
 * The rules at level Request or RequestResponse that can match a request on Secrets, ConfigMaps
 * or TokenReviews which no earlier rule already takes in full (for every user, verb and
 * namespace) at None or Metadata. Fails closed: a rule limited to some users or verbs counts.
 */
export function bodyLeaks(policy: Record<string, any>): BodyLeak[] {
  const rules = policyRules(policy);
  const out: BodyLeak[] = [];
  rules.forEach((rule, i) => {
    if (!isObject(rule) || !BODY_LEVELS.has(rule.level)) return;
    const leaked = SENSITIVE_RESOURCES.filter((r) => ruleCanMatchResource(rule, r) && !rules.slice(0, i).some((e) => ruleMatchesAllOf(e, r)));
    if (leaked.length > 0) out.push({ index: i, level: rule.level, resources: leaked });
  });
  return out;
}

/** `secrets`, `tokenreviews.authentication.k8s.io`: a resource as kubectl names it. */
export function resourceName(r: GroupResource): string {
  return r.group === '' ? r.resource : `${r.resource}.${r.group}`;
}

/** The stages the API server writes for a request: long-running ones (exec, attach, port-forward) also ResponseStarted. */
function stagesOf(request: AuditRequest): string[] {
  const res = request.resource;
  const longRunning = res !== undefined && POD_ACCESS_RESOURCES.some((r) => r.resource === res.resource && r.group === res.group);
  return longRunning ? ['RequestReceived', 'ResponseStarted', 'ResponseComplete'] : ['RequestReceived', 'ResponseComplete'];
}

/** A required event the Policy does not log: what it is, who made it, and the rule that drops it. */
export interface OmittedEvent {
  /** `create roles`, `get pods/exec`. */
  readonly what: string;
  /** The probe user. */
  readonly user: string;
  /** Index of the first matching rule; -1 when none matches. */
  readonly index: number;
  /** `level` (level None, or no rule) or `stages` (omitStages of the Policy and the rule leave no stage). */
  readonly why: 'level' | 'stages';
}

/**
 * The required events (RBAC changes, exec/attach/port-forward) the Policy does not log, one entry
 * per event kind: the first matching rule has level None (or no rule matches), or the Policy's
 * and that rule's omitStages together leave none of the stages the API server writes for it.
 */
export function omittedEvents(policy: Record<string, any>): OmittedEvent[] {
  const seen = new Set<string>();
  const out: OmittedEvent[] = [];
  const policyOmits = strings(policy.omitStages) ?? [];
  for (const { what, request } of requiredEvents()) {
    if (seen.has(what)) continue;
    const m = firstMatch(policy, request);
    let why: OmittedEvent['why'] | undefined;
    if (m.level === 'None') {
      why = 'level';
    } else {
      const rule = policyRules(policy)[m.index];
      const omitted = new Set([...policyOmits, ...(isObject(rule) ? strings(rule.omitStages) ?? [] : [])]);
      if (stagesOf(request).every((stage) => omitted.has(stage))) why = 'stages';
    }
    if (why === undefined) continue;
    seen.add(what);
    out.push({ what, user: request.user, index: m.index, why });
  }
  return out;
}
