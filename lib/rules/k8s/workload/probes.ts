/**
 * What the probe rules share: which containers Kubernetes lets carry liveness and readiness
 * probes, and whether a probe is well formed. Not a rule.
 */
import type { ContainerRef } from '../pod';

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;

/**
 * Whether Kubernetes accepts liveness/readiness probes on this container: regular containers
 * and restartable init containers (sidecars, `restartPolicy: Always`) do; ordinary init
 * containers and ephemeral containers do not (the API server rejects them).
 */
export function takesProbes(ref: ContainerRef): boolean {
  return ref.list === 'containers' || (ref.list === 'initContainers' && ref.container.restartPolicy === 'Always');
}

/** Why a probe is not usable (undefined when it is): it must name exactly one handler. */
export function probeProblem(probe: unknown): string | undefined {
  if (probe === null || typeof probe !== 'object' || Array.isArray(probe)) return 'is not a mapping';
  let count = 0;
  for (const h of HANDLERS) if ((probe as Record<string, unknown>)[h] !== undefined && (probe as Record<string, unknown>)[h] !== null) count++;
  if (count === 1) return undefined;
  return count === 0 ? 'names no handler (exec, httpGet, tcpSocket or grpc)' : 'names more than one handler; Kubernetes accepts exactly one';
}

/** A probe to suggest for a container: HTTP on its first declared port, else an exec command. */
export function exampleProbe(ref: ContainerRef, httpPath: string): string {
  const ports = ref.container.ports;
  const port = Array.isArray(ports) && ports.length > 0 ? ports[0]?.containerPort : undefined;
  return typeof port === 'number'
    ? `{httpGet: {path: ${httpPath}, port: ${port}}, periodSeconds: 10}`
    : '{exec: {command: [<health-check command>]}, periodSeconds: 10}';
}
