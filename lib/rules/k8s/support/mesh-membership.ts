/**
 * Which mesh a namespace puts its pods in, and whether a pod opts out of it: read from labels and
 * annotations the way the meshes' injectors read them. Shared by k8s-phi-namespace-mtls and the
 * cdk8s side (a pod outside the mesh has no mesh identity, so no mesh authorization names it).
 * Not a rule itself.
 */
import { isObject } from './objects';

/** Istio's per-pod injection switch: a label (an annotation of the same key is deprecated but still read). */
export const ISTIO_INJECT_KEY = 'sidecar.istio.io/inject';
/** Istio ambient's per-pod switch (label); `none` keeps the pod out of ambient capture. */
export const ISTIO_DATAPLANE_MODE_LABEL = 'istio.io/dataplane-mode';
/** Linkerd's injection annotation (namespace or pod); `disabled` on a pod keeps its proxy out. */
export const LINKERD_INJECT_ANNOTATION = 'linkerd.io/inject';

/** How a namespace's pods join a mesh. */
export type NamespaceMeshing = 'istio-sidecar' | 'istio-ambient' | 'linkerd';

/** A mesh the pod stays out of, and the label or annotation that says so. */
export interface MeshOptOut {
  /** Path under the pod's metadata, e.g. `labels["sidecar.istio.io/inject"]`. */
  readonly path: string;
  /** What the pod says, for messages: `label sidecar.istio.io/inject: "false"`. */
  readonly says: string;
}

/** The mesh a Namespace's labels and annotations put its pods in (undefined: none they show). */
export function namespaceMeshing(labels: unknown, annotations: unknown): NamespaceMeshing | undefined {
  const l = isObject(labels) ? labels : {};
  const a = isObject(annotations) ? annotations : {};
  if (a[LINKERD_INJECT_ANNOTATION] === 'enabled') return 'linkerd';
  if (l['istio-injection'] === 'enabled' || typeof l['istio.io/rev'] === 'string') return 'istio-sidecar';
  if (l[ISTIO_DATAPLANE_MODE_LABEL] === 'ambient') return 'istio-ambient';
  return undefined;
}

/**
 * Whether a pod (its labels and annotations) stays out of the mesh its namespace puts pods in.
 * Istio injects a sidecar only when the pod's `sidecar.istio.io/inject` (label first, then the
 * deprecated annotation) is unset or one of y, yes, true, on (any case): any other value keeps it
 * out. Linkerd injects a pod whose own `linkerd.io/inject` is unset, `enabled` or `ingress`.
 */
export function podMeshOptOut(meshing: NamespaceMeshing, labels: unknown, annotations: unknown): MeshOptOut | undefined {
  const l = isObject(labels) ? labels : {};
  const a = isObject(annotations) ? annotations : {};
  switch (meshing) {
    case 'linkerd': {
      const v = a[LINKERD_INJECT_ANNOTATION];
      if (v === undefined || v === 'enabled' || v === 'ingress') return undefined;
      return { path: `annotations["${LINKERD_INJECT_ANNOTATION}"]`, says: `annotation ${LINKERD_INJECT_ANNOTATION}: ${JSON.stringify(v)}` };
    }
    case 'istio-ambient': {
      const v = l[ISTIO_DATAPLANE_MODE_LABEL];
      if (v === undefined || v === 'ambient') return undefined;
      return { path: `labels["${ISTIO_DATAPLANE_MODE_LABEL}"]`, says: `label ${ISTIO_DATAPLANE_MODE_LABEL}: ${JSON.stringify(v)}` };
    }
    default: {
      const [where, v] = l[ISTIO_INJECT_KEY] !== undefined ? ['label', l[ISTIO_INJECT_KEY]] : ['annotation', a[ISTIO_INJECT_KEY]];
      if (v === undefined || v === '' || (typeof v === 'string' && ['y', 'yes', 'true', 'on'].includes(v.toLowerCase()))) return undefined;
      return { path: `${where}s["${ISTIO_INJECT_KEY}"]`, says: `${where} ${ISTIO_INJECT_KEY}: ${JSON.stringify(v)}` };
    }
  }
}

/** Whether a pod stays out of `provider`'s sidecar injection whatever its namespace says (so it has no identity in that mesh). */
export function podOutsideMesh(provider: 'istio' | 'linkerd', labels: unknown, annotations: unknown): boolean {
  return podMeshOptOut(provider === 'linkerd' ? 'linkerd' : 'istio-sidecar', labels, annotations) !== undefined;
}
