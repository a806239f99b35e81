/**
 * Whether a namespace's pods accept only mutually authenticated, encrypted connections (mesh
 * mTLS), judged from the same objects k8s-phi-namespace-mtls reads: Istio (the namespace's pods in
 * the mesh, and a namespace-wide PeerAuthentication in mode STRICT, or a mesh-wide one in
 * `istio-system` the namespace does not override) or Linkerd (injection enabled and a default
 * inbound policy that admits only authenticated clients). A pod that opts out of its namespace's
 * mesh has no sidecar, so its connections are not mTLS.
 *
 * A receiver that accepts only mTLS makes every connection that reaches it mTLS, so an edge into
 * such a pod is tagged `mtls` whoever sends.
 */
import type { RuleContext } from '../check/context';
import type { Resource } from '../check/resource';
import { namespaceMeshing, podMeshOptOut } from '../rules/k8s/support/mesh-membership';
import { isObject } from '../rules/k8s/support/objects';

/** Istio's root namespace, where a PeerAuthentication without a selector applies mesh-wide. */
export const ISTIO_ROOT_NAMESPACE = 'istio-system';

/** Linkerd default inbound policies that accept only mutually authenticated (mTLS) clients. */
const LINKERD_MTLS_POLICIES: readonly string[] = ['deny', 'all-authenticated', 'cluster-authenticated'];

/** Whether pods with these labels and annotations in namespace `ns` accept only mTLS connections. */
export function podAcceptsOnlyMtls(ctx: RuleContext, ns: string, podLabels: unknown, podAnnotations: unknown): boolean {
  const strict = ctx.memo(`flows/strict-mtls/${ns}`, () => namespaceStrictMtls(ctx, ns));
  if (strict === undefined) return false;
  return podMeshOptOut(strict, podLabels, podAnnotations) === undefined;
}

/** The mesh that gives namespace `ns` STRICT mTLS, or undefined when none does. */
function namespaceStrictMtls(ctx: RuleContext, ns: string): ReturnType<typeof namespaceMeshing> {
  const byName = ctx.memo('flows/namespaces-by-name', () => {
    const map = new Map<string, Resource>();
    for (const n of ctx.ofKind('Namespace')) if (!map.has(n.name)) map.set(n.name, n);
    return map;
  });
  const namespace = byName.get(ns);
  if (namespace === undefined) return undefined;
  const meshing = namespaceMeshing(namespace.body.metadata?.labels, namespace.body.metadata?.annotations);
  if (meshing === undefined) return undefined;
  if (meshing === 'linkerd') {
    const policy = namespace.body.metadata?.annotations?.['config.linkerd.io/default-inbound-policy'];
    return LINKERD_MTLS_POLICIES.includes(policy) ? meshing : undefined;
  }
  const own = namespaceWide(ctx, ns);
  const ownMode = own !== undefined ? modeOf(own) : 'UNSET';
  const meshWide = ns === ISTIO_ROOT_NAMESPACE ? undefined : namespaceWide(ctx, ISTIO_ROOT_NAMESPACE);
  const mode = ownMode !== 'UNSET' ? ownMode : meshWide !== undefined ? modeOf(meshWide) : 'UNSET';
  if (mode !== 'STRICT') return undefined;
  // A port left PERMISSIVE or DISABLE accepts plain text: the namespace is not all-mTLS.
  if (own !== undefined && hasPlainPort(own)) return undefined;
  return meshing;
}

/** The namespace-wide PeerAuthentication of `ns` (no selector), if any. */
function namespaceWide(ctx: RuleContext, ns: string): Resource | undefined {
  return ctx.inNamespace('PeerAuthentication', ns).find((pa) => {
    const selector = pa.body.spec?.selector;
    return !isObject(selector) || !isObject(selector.matchLabels) || Object.keys(selector.matchLabels).length === 0;
  });
}

function modeOf(pa: Resource): string {
  const mode = pa.body.spec?.mtls?.mode;
  return typeof mode === 'string' ? mode : 'UNSET';
}

function hasPlainPort(pa: Resource): boolean {
  const ports = pa.body.spec?.portLevelMtls;
  if (!isObject(ports)) return false;
  return Object.values(ports).some((s) => isObject(s) && (s.mode === 'PERMISSIVE' || s.mode === 'DISABLE'));
}
