// The framework-agnostic core: controls, rules, the check engine and reports.
// It imports neither cdk8s nor Pulumi.
export * from './controls/catalogue';
export * from './labels';
export * from './check/resource';
export * from './check/rule';
export * from './check/finding';
export * from './check/waiver';
export * from './check/context';
export * from './check/engine';
export * from './check/kubernetes-version';
export * from './check/egress-prefix';
export * from './check/meta-rules';
export * from './rules/k8s';
export * from './rules/aws';
export * from './rules/docker';
export * from './check/docker/kinds';
export * from './check/docker/input-kind';
export * from './check/docker/dockerfile';
export * from './check/docker/compose';
export * from './check/docker/daemon-json';
export * from './check/pulumi-resource';
export * from './check/waiver-tags';
export * from './check/manifests';
export * from './report';
export * from './check/settings-error';
export * from './plugin';
