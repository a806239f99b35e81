/** How Compose rules name what they check in messages, and what of a service they judge. */
import type { Resource } from '../../../check/resource';

/** `service 'api'`. */
export function serviceLabel(service: Resource): string {
  return `service '${service.name}'`;
}

/** `network 'backend'`. */
export function networkLabel(network: Resource): string {
  return `network '${network.name}'`;
}

/** The image a service pulls: its `image:` when it names one and the service is not built here (`build:`). @returns undefined otherwise */
export function pulledImage(service: Resource): string | undefined {
  const body = service.body;
  if (body.build !== undefined && body.build !== null) return undefined;
  const image: unknown = body.image;
  return typeof image === 'string' && image.trim() !== '' ? image : undefined;
}
