/**
 * Which namespaces and workloads of the object set hold PHI. The classification itself lives in
 * ../phi-classification.ts, the one place every rule asks; this module keeps the names the
 * exposure and network rules import.
 */
export { phiNamespaces, phiWorkloads } from '../phi-classification';
export type { PhiWorkload } from '../phi-classification';
