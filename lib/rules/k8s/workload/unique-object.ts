import type { RuleContext } from '../../../check/context';
import type { Resource } from '../../../check/resource';
import type { Rule } from '../../../check/rule';

/**
 * Kinds the API server keeps outside namespaces: their identity ignores metadata.namespace
 * (which cdk8s stamps on every object of a chart with a namespace).
 */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass', 'CSIDriver', 'CSINode',
  'VolumeAttachment', 'CustomResourceDefinition', 'APIService', 'PriorityClass', 'RuntimeClass', 'IngressClass',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding', 'CertificateSigningRequest', 'FlowSchema', 'PriorityLevelConfiguration',
  'PodSecurityPolicy', 'ClusterIssuer', 'ClusterSecretStore', 'ClusterPolicy', 'VolumeSnapshotClass', 'VolumeSnapshotContent',
]);

/** One object per identity: the same kind, namespace and name written twice. */
export const uniqueObject: Rule = {
  id: 'k8s-unique-object',
  title: 'Each object (API group, kind, namespace, name) must be defined once',
  description:
    'Two definitions of one object, from two constructs of a chart, two charts of an app or two files, are applied one ' +
    'over the other: the last one silently wins (kubectl apply) or the apply fails (server-side apply conflicts, Helm and ' +
    'Argo CD refuse duplicates). Either way the object that runs is not the one that was reviewed, and a hardened ' +
    'NetworkPolicy, Role or Deployment can be replaced by a weaker one. Checked over the whole object set, including ' +
    "objects given only as context (the app's other charts).",
  severity: 'error',
  controls: ['164.312(c)(1)'],
  kinds: ['*'],
  fix: 'Give one of the objects another metadata.name (or namespace), or remove the duplicate definition.',
  check(resource, ctx, report) {
    const same = duplicates(ctx).get(resource);
    if (!same) return;
    const others = same.filter((r) => r !== resource && r.body !== resource.body);
    if (others.length === 0) return;
    report({
      path: 'metadata.name',
      message:
        `${resource.kind} '${resource.name}'${scoped(resource) ? ` in namespace '${ctx.namespaceOf(resource)}'` : ''} is defined ` +
        `${others.length + 1} times (also at ${others.map(where).join(', ')}); only one definition can be applied`,
      fix: `Rename one of them (metadata.name), or remove the duplicate definition at ${others.map(where).join(', ')}.`,
    });
  },
};

function scoped(r: Resource): boolean {
  return !CLUSTER_SCOPED.has(r.kind);
}

function identity(r: Resource, ctx: RuleContext): string | undefined {
  if (r.name === '') return undefined;
  const group = typeof r.apiVersion === 'string' && r.apiVersion.includes('/') ? r.apiVersion.slice(0, r.apiVersion.indexOf('/')) : '';
  return `${group}\u0000${r.kind}\u0000${scoped(r) ? ctx.namespaceOf(r) : ''}\u0000${r.name}`;
}

/** Each object of the set (context included) that shares its identity with another, with all of them; built once per check. */
function duplicates(ctx: RuleContext): Map<Resource, Resource[]> {
  return ctx.memo('k8s-unique-object/duplicates', () => {
    const first = new Map<string, Resource | Resource[]>();
    const out = new Map<Resource, Resource[]>();
    for (const r of ctx.resources) {
      const key = identity(r, ctx);
      if (key === undefined) continue;
      const seen = first.get(key);
      if (seen === undefined) {
        first.set(key, r);
      } else if (Array.isArray(seen)) {
        seen.push(r);
        out.set(r, seen);
      } else {
        const group = [seen, r];
        first.set(key, group);
        out.set(seen, group);
        out.set(r, group);
      }
    }
    return out;
  });
}

function where(r: Resource): string {
  const s = r.source;
  if (s?.constructPath) return s.constructPath;
  if (s?.file) return `${s.file}${s.line ? `:${s.line}` : ''}`;
  return 'another chart of the app or a context file';
}
