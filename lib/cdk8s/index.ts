// The cdk8s entry point: constructs that write Kubernetes objects, and the synth-time check.
// First: a clear error naming any missing peer dependency (cdk8s, cdk8s-plus-28, constructs).
import './peers';
export * from './audit-sink';
export * from './backup-restore-test';
export * from './backup-schedule';
export * from './encrypted-storage';
export * from './encrypted-volume';
export * from './encrypted-volume-provider';
export * from './hipaa-namespace';
export * from './image-policy';
export * from './kms-secret-store';
export { MESH_MTLS_RULE } from './namespace-mesh';
export type { NamespaceMesh, MeshProvider, IstioMtlsMode } from './namespace-mesh';
export * from './namespace-roles';
export * from './network-policy-probe';
export * from './secure-cron-job';
export * from './secure-deployment';
export * from './secure-ingress';
export * from './secure-job';
export * from './secure-stateful-set';
export * from './validation';
export * from './waivers';
