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

/**
 * The PHI data-flow graph of a set of objects (linear in the objects). Built once per objects array
 * and settings: the BAA rules build it inside the check and `evidenceCheck` asks for it again for the
 * reports, with the same array; the second call returns the same graph (graphs are never modified).
 */
export function buildFlowGraph(resources: readonly Resource[], options: FlowGraphOptions = {}): FlowGraph {
  const now = options.now ?? new Date();
  const defaultNamespace = options.defaultNamespace ?? 'default';
  const unclassifiedIsPhi = options.unclassifiedIsPhi ?? true;
  const memo = built.get(resources);
  if (memo && memo.defaultNamespace === defaultNamespace && memo.unclassifiedIsPhi === unclassifiedIsPhi &&
    memo.baaRegister === options.baaRegister && memo.now === now.getTime()) {
    return memo.graph;
  }
  const graph = buildGraph(resources, defaultNamespace, unclassifiedIsPhi, options.baaRegister, now);
  built.set(resources, { defaultNamespace, unclassifiedIsPhi, baaRegister: options.baaRegister, now: now.getTime(), graph });
  return graph;
}

/** The last graph built from each objects array, with the settings it was built with. */
const built = new WeakMap<readonly Resource[], {
  readonly defaultNamespace: string;
  readonly unclassifiedIsPhi: boolean;
  readonly baaRegister: BaaRegister | undefined;
  readonly now: number;
  readonly graph: FlowGraph;
}>();

function buildGraph(
  resources: readonly Resource[], defaultNamespace: string, unclassifiedIsPhi: boolean, register: BaaRegister | undefined, now: Date,
): FlowGraph {
  const index = new ClusterIndex(resources, { defaultNamespace, unclassifiedIsPhi, now }, podAcceptsOnlyMtls);
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
  if (register !== undefined) graph.resolveVendors((d) => resolveDestination(register, d, now));
  return graph.build();
}
