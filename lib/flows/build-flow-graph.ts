/**
 * The PHI data-flow graph of a set of objects: workloads (PHI as the rules judge it), Services,
 * Ingress hosts and the ingress controller, NetworkPolicy flows in both directions (with the pods
 * no policy selects marked exposed), and every destination outside the cluster the objects name:
 * IP blocks, host names, secret stores, backup targets, log sinks and image registries, each
 * resolved against the BAA register when one is given.
 *
 * Linear in the objects: everything is indexed by namespace and label once; a selector is matched
 * against the pods carrying one of its labels, never against every pod of the cluster.
 */
import { ClusterIndex, objectRef } from './cluster-index';
import { addCiliumEgress, addServiceEntries } from './external-hosts';
import type { FlowGraph } from './flow-graph';
import { FlowGraphBuilder } from './graph-builder';
import { addIngresses } from './ingress';
import { addLogSinks } from './log-sinks';
import { podAcceptsOnlyMtls } from './mesh-transport';
import { addNetworkPolicyFlows, isolationOf } from './network-policies';
import { addRegistries } from './registries';
import { addServices } from './services';
import { addBackupTargets, addSecretStores } from './stores';
import type { BaaRegister } from '../baa/baa-register';
import { resolveDestination } from '../baa/resolve-destination';
import type { Resource } from '../check/resource';

/** Options of {@link buildFlowGraph}. */
export interface FlowGraphOptions {
  /** Namespace of namespaced objects that name none. @default 'default' */
  readonly defaultNamespace?: string;
  /** Whether objects nobody classified count as PHI, as in the check. @default true */
  readonly unclassifiedIsPhi?: boolean;
  /** The BAA register external nodes and edges are resolved against. @default - none: no vendor on any node */
  readonly baaRegister?: BaaRegister;
  /** The time BAA dates are judged against. @default - now */
  readonly now?: Date;
}

/** The PHI data-flow graph of a set of objects (linear in the objects). */
export function buildFlowGraph(resources: readonly Resource[], options: FlowGraphOptions = {}): FlowGraph {
  const now = options.now ?? new Date();
  const index = new ClusterIndex(resources, {
    defaultNamespace: options.defaultNamespace ?? 'default',
    unclassifiedIsPhi: options.unclassifiedIsPhi ?? true,
    now,
  }, podAcceptsOnlyMtls);
  const graph = new FlowGraphBuilder();
  for (const list of index.workloads.values()) {
    for (const w of list) {
      graph.node({ id: w.id, kind: 'workload', label: w.resource.name, namespace: w.namespace, phi: w.phi, source: w.resource.source, object: objectRef(w.resource, w.namespace) });
    }
  }
  const isolation = isolationOf(index);
  addServices(index, isolation, graph);
  addIngresses(index, graph);
  addNetworkPolicyFlows(index, isolation, graph);
  addCiliumEgress(index, graph);
  addServiceEntries(index, isolation, graph);
  addSecretStores(index, graph);
  addBackupTargets(index, graph);
  addLogSinks(index, graph);
  addRegistries(index, graph);
  const register = options.baaRegister;
  if (register !== undefined) graph.resolveVendors((d) => resolveDestination(register, d, now));
  return graph.build();
}
