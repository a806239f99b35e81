/**
 * Image registries: every container image's registry is a destination the cluster's nodes pull
 * from on behalf of the workload (`workload -> registry`, HTTPS). ECR hosts name the provider,
 * the region and the account (`123456789012.dkr.ecr.us-east-1.amazonaws.com`).
 */
import type { ClusterIndex } from './cluster-index';
import { externalNode } from './external-nodes';
import type { Destination } from './flow-graph';
import type { FlowGraphBuilder } from './graph-builder';
import { podTemplate } from '../rules/k8s/pod';
import { parseImageReference } from '../rules/k8s/workload/image-reference';

const ECR = /^([0-9]{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/;

/** Adds a registry node per registry host and an edge from each workload pulling from it. */
export function addRegistries(index: ClusterIndex, graph: FlowGraphBuilder): void {
  const parsed = new Map<string, ReturnType<typeof parseImageReference>>();
  for (const list of index.workloads.values()) {
    for (const w of list) {
      for (const c of podTemplate(w.resource)?.containers ?? []) {
        const image = c.container.image;
        if (typeof image !== 'string' || image === '') continue;
        let ref = parsed.get(image);
        if (ref === undefined) parsed.set(image, (ref = parseImageReference(image)));
        const node = graph.node(externalNode('registry', `registry:${ref.registry}`, ref.registry, registryDestination(ref.registry),
          { resource: w.resource, namespace: w.namespace, path: `${c.path}.image` }));
        graph.edge({
          from: w.id,
          to: node.id,
          ports: ['TCP/443'],
          transport: ref.registry.startsWith('localhost') ? 'unknown' : 'tls',
          via: `image ${ref.repository}`,
          source: w.resource.source,
        });
      }
    }
  }
}

/** What a registry host is, for the BAA register. */
export function registryDestination(registry: string): Destination {
  const ecr = ECR.exec(registry);
  if (ecr) return { type: 'registry', value: registry, provider: 'aws', service: 'ecr', account: ecr[1] };
  if (registry === 'public.ecr.aws') return { type: 'registry', value: registry, provider: 'aws', service: 'ecr' };
  if (registry === 'gcr.io' || registry.endsWith('.gcr.io') || registry.endsWith('-docker.pkg.dev')) return { type: 'registry', value: registry, provider: 'gcp', service: 'artifactregistry' };
  if (registry.endsWith('.azurecr.io')) return { type: 'registry', value: registry, provider: 'azure', service: 'acr' };
  return { type: 'registry', value: registry };
}
