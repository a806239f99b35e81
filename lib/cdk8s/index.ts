// The cdk8s entry point: constructs that write Kubernetes objects, and the synth-time check.
export * from './hipaa-namespace';
export * from './namespace-roles';
export * from './secure-deployment';
export * from './validation';
export * from './waivers';
