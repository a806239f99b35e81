import { ApiObject, JsonPatch } from 'cdk8s';

/** Removes the chart's namespace, which cdk8s stamps on every object, from a cluster-scoped one. */
export function clusterScoped(obj: ApiObject): void {
  if (obj.metadata.namespace !== undefined) obj.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
}
