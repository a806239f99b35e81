/** How Compose rules name what they check in messages. */
import type { Resource } from '../../../check/resource';

/** `service 'api'`. */
export function serviceLabel(service: Resource): string {
  return `service '${service.name}'`;
}

/** `network 'backend'`. */
export function networkLabel(network: Resource): string {
  return `network '${network.name}'`;
}
