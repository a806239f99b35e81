/** What the ServiceAccount rules share: which ServiceAccount a pod runs as. Not a rule. */
import type { RuleContext } from '../../../check/context';
import type { Resource } from '../../../check/resource';

/**
 * The ServiceAccount name a pod spec runs as: `serviceAccountName`, else the deprecated
 * `serviceAccount` alias Kubernetes still honours, else undefined (Kubernetes uses `default`).
 */
export function serviceAccountNameOf(spec: Record<string, any>): string | undefined {
  const name = spec.serviceAccountName;
  if (typeof name === 'string' && name !== '') return name;
  const alias = spec.serviceAccount;
  if (typeof alias === 'string' && alias !== '') return alias;
  return undefined;
}

/** The ServiceAccount object named `name` in `namespace`, when it is among the checked objects. */
export function findServiceAccount(ctx: RuleContext, namespace: string, name: string): Resource | undefined {
  const index = ctx.memo('k8s-workload/service-accounts', () => {
    const map = new Map<string, Resource>();
    for (const sa of ctx.ofKind('ServiceAccount')) {
      const key = `${ctx.namespaceOf(sa)}/${sa.name}`;
      if (!map.has(key)) map.set(key, sa);
    }
    return map;
  });
  if (index.size === 0) return undefined;
  return index.get(`${namespace}/${name}`);
}
