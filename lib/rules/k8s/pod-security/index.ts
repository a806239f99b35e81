import type { RulePack } from '../../../check/rule';
import { runAsNonRoot } from './run-as-non-root';

/** Pod Security Standards, baseline and restricted profiles, for every pod-bearing kind. */
export const podSecurityPack: RulePack = {
  name: 'kubernetes-pod-security',
  description: 'Pod Security Standards baseline and restricted profiles (Kubernetes documentation), for pods and every workload template.',
  rules: [runAsNonRoot],
};
