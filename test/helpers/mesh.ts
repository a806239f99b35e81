import type { Finding } from '../../lib/check/finding';

/** The rule that warns about a PHI namespace without mesh mTLS. */
export const MTLS_RULE = 'k8s-phi-namespace-mtls';

/**
 * Findings apart from the k8s-phi-namespace-mtls warning, which every PHI namespace without a
 * mesh gets: tests of other constructs set it aside (test/cdk8s/namespace-mesh.test.ts asserts
 * it, and that a namespace with a mesh has none).
 */
export function apartFromMtls<T extends Pick<Finding, 'ruleId'>>(findings: readonly T[]): T[] {
  return findings.filter((f) => f.ruleId !== MTLS_RULE);
}
