/**
 * Runs the CrossGuard policies (hipaaPolicies) over what a mocked Pulumi program registered, as a
 * stack analysis after `pulumi up` would see it: each yaml/v2 ConfigGroup with the objects it
 * applies (`kubernetes:<group>/<version>:<Kind>`, as the Kubernetes provider registers them).
 * Shared by the example test and the Pulumi benchmark.
 */
import type { Registered } from './pulumi';
import { hipaaPolicies, HipaaPoliciesOptions, PolicyStackResource } from '../../lib/pulumi';

/** A registered resource as CrossGuard sees it after deployment: a ConfigGroup with the objects it applies. */
export function asDeployed(r: Registered): PolicyStackResource[] {
  const self = { type: r.type, name: r.name, urn: r.urn ?? r.name, props: r.inputs };
  if (r.type !== 'kubernetes:yaml/v2:ConfigGroup') return [self];
  const objects: any[] = Array.isArray(r.inputs.objs) ? r.inputs.objs : [];
  return [self, ...objects.map((m) => {
    const type = `kubernetes:${String(m.apiVersion).includes('/') ? m.apiVersion : `core/${m.apiVersion}`}:${m.kind}`;
    const name = `${m.metadata?.namespace ? `${m.metadata.namespace}/` : ''}${m.metadata?.name}`;
    return { type, name, urn: `${self.urn}$${type}::${name}`, props: m };
  })];
}

/** What each policy reported, by enforcement level, as `policy: message`. */
export interface StackAnalysis {
  readonly policies: number;
  readonly mandatory: string[];
  readonly advisory: string[];
}

const NOT_APPLICABLE = new Error('not applicable');

/** Runs every policy of `hipaaPolicies(options)` over the deployed view of `registered`. */
export function analyzeStack(registered: readonly Registered[], options?: HipaaPoliciesOptions): StackAnalysis {
  const resources = registered.flatMap(asDeployed);
  const policies = hipaaPolicies(options);
  const mandatory: string[] = [];
  const advisory: string[] = [];
  for (const p of policies) {
    const args = {
      resources: resources.map((r) => ({ ...r })),
      getConfig: <T extends object>() => ({}) as T,
      notApplicable: (): never => {
        throw NOT_APPLICABLE;
      },
    };
    try {
      p.validateStack(args, (message) => (p.enforcementLevel === 'mandatory' ? mandatory : advisory).push(`${p.name}: ${message}`));
    } catch (e) {
      if (e !== NOT_APPLICABLE) throw e;
    }
  }
  return { policies: policies.length, mandatory, advisory };
}
