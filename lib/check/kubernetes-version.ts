/**
 * The Kubernetes version the library targets when none is given: the one home of that default
 * (the engine, `hipaa-check`, synth validation and HipaaNamespace's Pod Security labels read it).
 */

/** Minor version, e.g. `1.28`: the default `kubernetesVersion` of checks. */
export const DEFAULT_KUBERNETES_VERSION = '1.28';

/** The minor number of {@link DEFAULT_KUBERNETES_VERSION}. */
export const DEFAULT_KUBERNETES_MINOR = Number(DEFAULT_KUBERNETES_VERSION.split('.')[1]);
