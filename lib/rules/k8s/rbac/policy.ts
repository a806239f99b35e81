/**
 * Reading RBAC objects the way the API server's authorizer does
 * (k8s.io/kubernetes pkg/apis/rbac/v1 evaluation helpers): an entry `*` matches every verb,
 * API group or resource, and a resource entry `*\/sub` matches subresource `sub` of every
 * resource. Shared by the RBAC rules; not a rule itself.
 */
import type { RuleContext } from '../../../check/context';
import type { Resource } from '../../../check/resource';
import type { Report } from '../../../check/rule';

/** Kinds that hold PolicyRules. */
export const ROLE_KINDS: readonly string[] = ['Role', 'ClusterRole'];
/** Kinds that grant a role to subjects. */
export const BINDING_KINDS: readonly string[] = ['RoleBinding', 'ClusterRoleBinding'];

/** The core API group, written `""` in apiGroups. */
export const CORE = '';
/** The RBAC API group. */
export const RBAC_GROUP = 'rbac.authorization.k8s.io';
/** The wildcard entry. */
export const ALL = '*';

const NONE: readonly unknown[] = Object.freeze([]);

/** The PolicyRules of a Role or ClusterRole, as written (entries may be malformed). */
export function policyRules(resource: Resource): readonly any[] {
  const rules = resource.body.rules;
  return Array.isArray(rules) ? rules : NONE;
}

/** Whether a PolicyRule's apiGroups include `group` (or `*`). A rule without apiGroups grants no resource. */
export function coversGroup(rule: any, group: string): boolean {
  const groups = rule?.apiGroups;
  if (!Array.isArray(groups)) return false;
  for (const g of groups) if (g === group || g === ALL) return true;
  return false;
}

/**
 * Index of the first resources entry that matches `resource` (`secrets`, `pods/exec`):
 * the name itself, `*`, or `*\/<subresource>` for a subresource; -1 when none does.
 */
export function resourceIndex(rule: any, resource: string): number {
  const resources = rule?.resources;
  if (!Array.isArray(resources)) return -1;
  const slash = resource.indexOf('/');
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i];
    if (r === resource || r === ALL) return i;
    if (slash > 0 && typeof r === 'string' && r.length === resource.length - slash + 1 &&
        r.startsWith('*/') && resource.endsWith(r.slice(1))) {
      return i;
    }
  }
  return -1;
}

/** Index of the first verbs entry that is `verb` or `*`; -1 when none is. */
export function verbIndex(rule: any, verb: string): number {
  const verbs = rule?.verbs;
  if (!Array.isArray(verbs)) return -1;
  for (let i = 0; i < verbs.length; i++) if (verbs[i] === verb || verbs[i] === ALL) return i;
  return -1;
}

/** ` through '*'` when the matching entry is a wildcard, for messages. */
export function via(entry: unknown): string {
  return typeof entry === 'string' && entry.startsWith('*') ? ` through '${entry}'` : '';
}

/** ` (only names 'a', 'b')` when the PolicyRule is limited by resourceNames, for messages. */
export function onlyNames(rule: any): string {
  const names = rule?.resourceNames;
  if (!Array.isArray(names) || names.length === 0) return '';
  return ` (only names ${names.map((n: unknown) => `'${String(n)}'`).join(', ')})`;
}

/** The role a binding grants, when written well enough to read. */
export function roleRefOf(resource: Resource): { kind: string; name: string } | undefined {
  const ref = resource.body.roleRef;
  if (ref === null || typeof ref !== 'object' || typeof ref.kind !== 'string' || typeof ref.name !== 'string') return undefined;
  return { kind: ref.kind, name: ref.name };
}

/** The subjects of a binding, as written. */
export function subjectsOf(resource: Resource): readonly any[] {
  const subjects = resource.body.subjects;
  return Array.isArray(subjects) ? subjects : NONE;
}

/** `User 'alice'`, `ServiceAccount 'ns/name'`, for messages. */
export function describeSubject(subject: any): string {
  const kind = typeof subject?.kind === 'string' ? subject.kind : 'subject';
  const name = String(subject?.name ?? '?');
  return kind === 'ServiceAccount' && typeof subject.namespace === 'string'
    ? `${kind} '${subject.namespace}/${name}'`
    : `${kind} '${name}'`;
}

/** Every subject of a binding for messages, or `no subjects`. */
export function describeSubjects(resource: Resource): string {
  const subjects = subjectsOf(resource);
  return subjects.length === 0 ? 'no subjects' : subjects.map(describeSubject).join(', ');
}

/** Where a binding grants: `in namespace 'x'` for a RoleBinding, `in every namespace` for a ClusterRoleBinding. */
export function bindingScope(resource: Resource, namespace: string): string {
  return resource.kind === 'ClusterRoleBinding' ? 'in every namespace' : `in namespace '${namespace}'`;
}

/**
 * Built-in user-facing ClusterRoles that the API server creates (and keeps reconciled) and
 * that reach further than their names suggest: `admin` and `edit` both read Secrets, exec,
 * attach and port-forward into pods, and impersonate ServiceAccounts (Kubernetes
 * documentation, "Using RBAC Authorization", user-facing roles).
 */
export const BUILTIN_EDIT_ROLES: ReadonlySet<string> = new Set(['admin', 'edit']);

/** The built-in role a binding grants when it is `admin` or `edit`, else undefined. */
export function builtinEditRole(resource: Resource): string | undefined {
  const ref = roleRefOf(resource);
  return ref && ref.kind === 'ClusterRole' && BUILTIN_EDIT_ROLES.has(ref.name) ? ref.name : undefined;
}

/** What a rule says about a binding to the built-in `admin` or `edit` ClusterRole. */
export interface BuiltinEditBinding {
  /** What the role lets its subjects do, for the message: `reads every Secret`. */
  readonly grants: string;
  /** The fix for such a binding. */
  readonly fix: string;
}

/**
 * The part of a role rule that looks at bindings: a RoleBinding or ClusterRoleBinding that
 * grants the built-in ClusterRole `admin` or `edit` is reported at `roleRef.name` ("grants
 * built-in ClusterRole 'edit', which <grants>, <where> to <subjects>") with `finding.fix`; a
 * binding to any other role is not. Returns whether the resource is a binding, so the rule is
 * done with it.
 */
export function checkBuiltinEditBinding(resource: Resource, ctx: RuleContext, report: Report, finding: BuiltinEditBinding): boolean {
  if (resource.kind !== 'RoleBinding' && resource.kind !== 'ClusterRoleBinding') return false;
  const builtin = builtinEditRole(resource);
  if (builtin === undefined) return true;
  report({
    path: 'roleRef.name',
    message: `grants built-in ClusterRole '${builtin}', which ${finding.grants}, ${bindingScope(resource, ctx.namespaceOf(resource))} to ${describeSubjects(resource)}`,
    fix: finding.fix,
  });
  return true;
}
