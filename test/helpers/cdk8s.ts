import { App, Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { ImagePolicy } from '../../lib/cdk8s';
import type { SecureContainerProps, SecureJobContainerProps } from '../../lib/cdk8s';

export const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
export const IMAGE = `${REGISTRY}/clinic/api@sha256:${'b'.repeat(64)}`;

/**
 * A fresh chart in namespace `clinic`, in an app whose chart `image-policy` holds the image policy that
 * covers PHI namespaces (as a platform team's would), so k8s-phi-namespace-image-policy-unverified
 * has nothing to warn about; the chart under test does not contain it (snapshots stay its own).
 */
export function newChart(namespace = 'clinic'): Chart {
  const app = Testing.app();
  addPlatformImagePolicy(app);
  return new Chart(app, 'test', { namespace });
}

/** Adds a chart `image-policy` holding the ImagePolicy that covers every PHI namespace of `app`. */
export function addPlatformImagePolicy(app: App): Chart {
  const chart = new Chart(app, 'image-policy');
  new ImagePolicy(chart, 'images', { allowedRegistries: [REGISTRY], name: 'platform' });
  return chart;
}

/** The platform image policy's manifests: context for checks of YAML that hold PHI namespaces. */
export function imagePolicyManifests(): any[] {
  return Testing.synth(addPlatformImagePolicy(Testing.app()));
}

/** Container props that satisfy every rule; override one field to break it. */
export function container(overrides: Partial<SecureContainerProps> = {}): SecureContainerProps {
  return {
    name: 'api',
    image: IMAGE,
    portNumber: 8080,
    resources: {
      cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) },
      memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
      ephemeralStorage: { request: Size.gibibytes(1), limit: Size.gibibytes(1) },
    },
    liveness: kplus.Probe.fromHttpGet('/livez'),
    readiness: kplus.Probe.fromHttpGet('/readyz'),
    ...overrides,
  };
}

/** A run-to-completion container (SecureJob, SecureCronJob) that satisfies every rule: no probes, no port. */
export function jobContainer(overrides: Partial<SecureJobContainerProps> = {}): SecureJobContainerProps {
  const { liveness: _l, readiness: _r, portNumber: _p, ...rest } = container({ name: 'migrate' });
  return { ...rest, command: ['/app/migrate'], ...overrides };
}

/** Objects of a kind in a synthesized chart. */
export function ofKind(manifests: any[], kind: string): any[] {
  return manifests.filter((m) => m.kind === kind);
}

/** Asserts that `build` throws our Error (never a TypeError) with exactly `message`. */
export function expectRefusal(build: () => unknown, message: string): void {
  let error: unknown;
  try {
    build();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(Error);
  expect(error).not.toBeInstanceOf(TypeError);
  expect((error as Error).message).toBe(message);
}
