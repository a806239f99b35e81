/**
 * Small builders for the Pod Security Standards tests: a minimal pod that meets the restricted
 * profile (the same shape the pod-security-admission library starts its fixtures from: one
 * container and one init container), and the compliant Deployment at hand. To put a pod into any
 * pod-bearing kind, use workloadOfKind(kind, { pod }) of test/helpers/workloads.ts.
 */
import { deployment } from '../../../helpers/fixtures';
import { clone } from '../../../helpers/rule-test';

/** A Pod with one container and one init container that meets the restricted profile. */
export function restrictedPod(): any {
  const hardened = () => ({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'base', namespace: 'clinic' },
    spec: {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      initContainers: [{ name: 'init', image: 'registry.example/init', securityContext: hardened() }],
      containers: [{ name: 'app', image: 'registry.example/app', securityContext: hardened() }],
    },
  };
}

/** The compliant Deployment of test/helpers/fixtures.ts, copied, with its pod spec and metadata at hand. */
export function compliantDeployment(): { d: any; spec: any; meta: any; container: any } {
  const d: any = clone(deployment);
  return { d, spec: d.spec.template.spec, meta: d.spec.template.metadata, container: d.spec.template.spec.containers[0] };
}
