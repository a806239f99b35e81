/**
 * Whether a Compose service handles PHI: its `hipaa-constructs.io/phi` label is "true" (or YAML true), or
 * it has no such label of "true"/"false" and unclassified objects count as PHI (the default: fail closed).
 */
import { labelValue } from './compose-key-values';
import type { RuleContext } from '../../../check/context';
import type { Resource } from '../../../check/resource';
import { PHI_LABEL } from '../../../labels';

/** Whether the service is a PHI service. */
export function isPhiService(service: Resource, ctx: RuleContext): boolean {
  const value = labelValue(service.body.labels, PHI_LABEL);
  if (value === 'true') return true;
  if (value === 'false') return false;
  return ctx.settings.unclassifiedIsPhi;
}
