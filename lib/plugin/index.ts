// The cdk8s CLI validation plugin (cdk8s.yaml `validations:`). Part of the core entry: it loads
// neither cdk8s nor cdk8s-cli, whose contract it meets structurally.
export * from './cdk8s-validation-contract';
export * from './plugin-props';
export * from './hipaa-validation-plugin';
