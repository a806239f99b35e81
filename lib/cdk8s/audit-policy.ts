/**
 * The `audit.k8s.io/v1` Policy an AuditSink writes for self-managed API servers
 * (`--audit-policy-file`), and the checks of its options. Loaded by AuditSink on first use; uses
 * the same Policy semantics as the audit rules (lib/rules/k8s/support/audit-policy.ts), so a
 * Policy the construct accepts is one `hipaa-check` passes.
 */
import { describe, InputProblems } from './input-problems';
import { AUDIT_LEVELS, bodyLeaks, omittedEvents, resourceName, SENSITIVE_RESOURCES } from '../rules/k8s/support/audit-policy';
import { ruleValidityProblems } from '../rules/k8s/support/audit-policy-validity';
import { isObject } from '../rules/k8s/support/objects';

/** Resources of one API group, as an audit Policy rule names them. */
export interface AuditGroupResources {
  /** API group; `''` is the core group. @default '' */
  readonly group?: string;
  /** Resources of the group (`widgets`, `widgets/status`); empty for every resource of the group. @default - every resource of the group */
  readonly resources?: string[];
  /** Names of the objects; empty for every object. @default - every object */
  readonly resourceNames?: string[];
}

/** One rule of an audit Policy, as the API server reads it (first match wins). */
export interface AuditPolicyRule {
  /** `None`, `Metadata`, `Request` or `RequestResponse`. */
  readonly level: string;
  /** Users the rule applies to. @default - every user */
  readonly users?: string[];
  /** Groups the rule applies to. @default - every group */
  readonly userGroups?: string[];
  /** Verbs the rule applies to. @default - every verb */
  readonly verbs?: string[];
  /** Resources the rule applies to. @default - every resource */
  readonly resources?: AuditGroupResources[];
  /** Namespaces the rule applies to (`''` for cluster-scoped objects). @default - every namespace */
  readonly namespaces?: string[];
  /** Non-resource paths (`/healthz*`). @default - none */
  readonly nonResourceURLs?: string[];
  /** Stages not logged for requests this rule matches. @default - the Policy's omitStages */
  readonly omitStages?: string[];
}

/** Options of the audit Policy (AuditSinkProps.policy). */
export interface AuditPolicyOptions {
  /**
   * Users (e.g. `system:serviceaccount:monitoring:prometheus`) whose reads (get, list, watch)
   * are not logged. Their writes, RBAC changes and exec/attach/port-forward still are.
   * @default - none beyond the built-in system readers
   */
  readonly excludeReadsByUsers?: string[];
  /**
   * Namespaces whose reads (get, list, watch) are not logged, for anyone. Reads of Secrets,
   * ConfigMaps and TokenReviews, writes, RBAC changes and exec/attach/port-forward still are.
   * @default - none
   */
  readonly excludeReadsInNamespaces?: string[];
  /**
   * More resources logged at Metadata only (never their bodies), for every verb, e.g. custom
   * resources that hold credentials: `{ group: 'external-secrets.io', resources: ['externalsecrets'] }`.
   * @default - none beyond Secrets, ConfigMaps, TokenReviews and ServiceAccount tokens
   */
  readonly metadataResources?: AuditGroupResources[];
  /**
   * More resources whose writes are logged with request and response bodies (RBAC,
   * admission policies, pods and pod controllers always are). Secrets, ConfigMaps and
   * TokenReviews are refused.
   * @default - none
   */
  readonly requestResponseResources?: AuditGroupResources[];
  /**
   * Rules tried before the built-in ones (first match wins). Refused when one would log the
   * body of a Secret, ConfigMap or TokenReview or drop RBAC changes or exec/attach/port-forward.
   * @default - none
   */
  readonly extraRules?: AuditPolicyRule[];
}

/** Verbs that read. */
export const READ_VERBS = ['get', 'list', 'watch'];
/** Verbs that change an object. */
export const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'];

/** Health, readiness and version endpoints, not logged. */
export const HEALTH_URLS = ['/healthz', '/healthz/*', '/livez', '/livez/*', '/readyz', '/readyz/*', '/version', '/version/*', '/metrics'];

/** Workload objects whose writes admission (Pod Security, image policies) reviews. */
const POD_WRITES = [
  { group: '', resources: ['pods'] },
  { group: 'apps', resources: ['deployments', 'statefulsets', 'daemonsets', 'replicasets'] },
  { group: 'batch', resources: ['jobs', 'cronjobs'] },
];

/** The Policy document (apiVersion, kind, omitStages, rules) for the options. Validate first. */
export function auditPolicyDocument(options: AuditPolicyOptions = {}): Record<string, any> {
  const rules: Record<string, any>[] = [
    ...(options.extraRules ?? []).map((r) => ({ ...r })),
    // Health and version probes: many per second, no user action.
    { level: 'None', nonResourceURLs: HEALTH_URLS },
    // High-volume reads by system components (their writes are still logged below).
    { level: 'None', users: ['system:kube-proxy'], verbs: ['watch'], resources: [{ group: '', resources: ['endpoints', 'services', 'services/status'] }, { group: 'discovery.k8s.io', resources: ['endpointslices'] }] },
    { level: 'None', userGroups: ['system:nodes'], verbs: ['get'], resources: [{ group: '', resources: ['nodes', 'nodes/status'] }] },
    {
      level: 'None',
      users: ['system:kube-controller-manager', 'system:kube-scheduler', 'system:serviceaccount:kube-system:endpoint-controller'],
      verbs: READ_VERBS,
      namespaces: ['kube-system'],
      resources: [{ group: '', resources: ['endpoints', 'events'] }, { group: 'coordination.k8s.io', resources: ['leases'] }, { group: 'events.k8s.io', resources: ['events'] }],
    },
    // Credentials and configuration: who touched them, never their content.
    {
      level: 'Metadata',
      resources: [
        { group: '', resources: ['secrets', 'configmaps', 'serviceaccounts/token'] },
        { group: 'authentication.k8s.io', resources: ['tokenreviews'] },
        ...(options.metadataResources ?? []).map(groupResources),
      ],
    },
    // Changes of access control and admission, and reaching inside pods: everything.
    { level: 'RequestResponse', verbs: WRITE_VERBS, resources: [{ group: 'rbac.authorization.k8s.io', resources: ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'] }] },
    { level: 'RequestResponse', resources: [{ group: '', resources: ['pods/exec', 'pods/attach', 'pods/portforward'] }] },
    // Writes admission reviews: a denial's reason is in the response (responseStatus and the response body).
    { level: 'RequestResponse', verbs: WRITE_VERBS, resources: [{ group: 'admissionregistration.k8s.io' }, ...POD_WRITES, ...(options.requestResponseResources ?? []).map(groupResources)] },
  ];
  if (options.excludeReadsByUsers?.length) rules.push({ level: 'None', users: [...options.excludeReadsByUsers], verbs: READ_VERBS });
  if (options.excludeReadsInNamespaces?.length) rules.push({ level: 'None', namespaces: [...options.excludeReadsInNamespaces], verbs: READ_VERBS });
  rules.push(
    // Every other write, with the request body.
    { level: 'Request', verbs: WRITE_VERBS },
    // Every other read: who read what, when.
    { level: 'Metadata' },
  );
  return { apiVersion: 'audit.k8s.io/v1', kind: 'Policy', omitStages: ['RequestReceived'], rules };
}

function groupResources(g: AuditGroupResources): Record<string, any> {
  const out: Record<string, any> = { group: g.group ?? '' };
  if (g.resources?.length) out.resources = [...g.resources];
  if (g.resourceNames?.length) out.resourceNames = [...g.resourceNames];
  return out;
}

const RULE_FIELDS = new Set(['level', 'users', 'userGroups', 'verbs', 'resources', 'namespaces', 'nonResourceURLs', 'omitStages']);
const STAGES = new Set(['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic']);

/** Records every problem of the Policy options in `p`; `field` is the options' prop path (`policy`). */
export function auditPolicyProblems(p: InputProblems, options: unknown, field: string): void {
  if (!p.object(options, field)) return;
  for (const key of ['excludeReadsByUsers', 'excludeReadsInNamespaces'] as const) {
    const f = `${field}.${key}`;
    if (!p.list(options[key], f)) continue;
    options[key].forEach((v: unknown, i: number) => {
      if (p.string(v, `${f}[${i}]`, false) && v.trim() === '') p.add(`${f}[${i}]`, 'must not be empty.');
    });
  }
  groupResourceListProblems(p, options.metadataResources, `${field}.metadataResources`);
  if (groupResourceListProblems(p, options.requestResponseResources, `${field}.requestResponseResources`)) {
    options.requestResponseResources.forEach((g: Record<string, any>, i: number) => {
      if (!isObject(g)) return;
      const rule = { level: 'RequestResponse', resources: [groupResources(g)] };
      const leaked = bodyLeaks({ rules: [rule] });
      if (leaked.length === 0) return;
      p.add(
        `${field}.requestResponseResources[${i}]`,
        `would log the bodies of ${leaked[0].resources.map(resourceName).join(', ')}, which hold credentials and PHI (k8s-audit-policy-secret-bodies). ` +
          'Name only other resources here; Secrets, ConfigMaps and TokenReviews are logged at Metadata.',
      );
    });
  }
  if (!p.list(options.extraRules, `${field}.extraRules`)) return;
  let shapeOk = true;
  options.extraRules.forEach((r: unknown, i: number) => {
    const f = `${field}.extraRules[${i}]`;
    if (!p.object(r, f, false)) {
      shapeOk = false;
      return;
    }
    for (const key of Object.keys(r)) if (!RULE_FIELDS.has(key)) p.add(`${f}.${key}`, `is not a field of an audit Policy rule (fields: ${[...RULE_FIELDS].join(', ')}).`);
    if (!(AUDIT_LEVELS as readonly unknown[]).includes(r.level)) {
      shapeOk = false;
      p.add(`${f}.level`, `must be one of ${AUDIT_LEVELS.join(', ')} (got ${describe(r.level)}).`);
    }
    for (const key of ['users', 'userGroups', 'verbs', 'namespaces', 'nonResourceURLs', 'omitStages'] as const) {
      if (!p.list(r[key], `${f}.${key}`)) continue;
      r[key].forEach((v: unknown, j: number) => p.string(v, `${f}.${key}[${j}]`, false));
      if (key === 'omitStages') {
        r[key].forEach((v: unknown, j: number) => {
          if (typeof v === 'string' && !STAGES.has(v)) p.add(`${f}.omitStages[${j}]`, `'${v}' is not an audit stage (${[...STAGES].join(', ')}).`);
        });
      }
    }
    if (!groupResourceListProblems(p, r.resources, `${f}.resources`) && r.resources !== undefined) shapeOk = false;
    // What else kube-apiserver refuses (level, stages and shapes are checked above, in these words).
    for (const v of ruleValidityProblems(r, f)) {
      if (v.kind === 'url' || v.kind === 'resources') p.add(v.path, `${v.message}; kube-apiserver would not start with this Policy (k8s-audit-policy-valid).`);
    }
  });
  if (!shapeOk) return;
  // Judged on the whole Policy: the extra rules come first, so their indexes are the Policy's.
  const doc = auditPolicyDocument({ extraRules: options.extraRules as AuditPolicyRule[] });
  for (const leak of bodyLeaks(doc)) {
    p.add(
      `${field}.extraRules[${leak.index}].level`,
      `${leak.level} would log the bodies of ${leak.resources.map(resourceName).join(', ')} (their data: credentials, PHI) (k8s-audit-policy-secret-bodies). ` +
        `Use level Metadata, or limit the rule's resources to others than ${SENSITIVE_RESOURCES.map(resourceName).join(', ')}.`,
    );
  }
  const dropped = omittedEvents(doc);
  const byRule = new Map<string, { index: number; why: string; what: string[] }>();
  for (const d of dropped) {
    const key = `${d.index}:${d.why}`;
    const entry = byRule.get(key) ?? { index: d.index, why: d.why, what: [] };
    entry.what.push(d.what);
    byRule.set(key, entry);
  }
  for (const { index, why, what } of byRule.values()) {
    p.add(
      why === 'level' ? `${field}.extraRules[${index}]` : `${field}.extraRules[${index}].omitStages`,
      `${why === 'level' ? 'level None' : 'omitStages'} would drop audit events that must be recorded: ${what.join(', ')} (k8s-audit-policy-rbac-exec). ` +
        (why === 'level'
          ? 'Limit the rule with verbs, resources or users so that it leaves RBAC changes and exec, attach and port-forward into pods to the built-in rules.'
          : 'Keep ResponseComplete (and ResponseStarted for exec, attach and port-forward), or limit the rule to other requests.'),
    );
  }
}

/** Problems of a list of AuditGroupResources; true when it is a list (possibly with problems recorded). */
function groupResourceListProblems(p: InputProblems, list: unknown, field: string): list is Record<string, any>[] {
  if (!p.list(list, field)) return false;
  list.forEach((g, i) => {
    const f = `${field}[${i}]`;
    if (!p.object(g, f, false)) return;
    p.string(g.group, `${f}.group`);
    for (const key of ['resources', 'resourceNames'] as const) {
      if (!p.list(g[key], `${f}.${key}`)) continue;
      g[key].forEach((v: unknown, j: number) => p.string(v, `${f}.${key}[${j}]`, false));
    }
  });
  return true;
}
