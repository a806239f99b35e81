import type { RuleContext } from '../../../check/context';
import type { Resource } from '../../../check/resource';
import type { Rule } from '../../../check/rule';
import { PHI_LABEL } from '../../../labels';
import { matchLabelsMatch } from '../selector';
import { phiNamespaces, phiWorkloads } from './phi';

/** PHI workloads are not exposed outside the cluster network by NodePort, LoadBalancer or externalIPs. */
export const phiServiceExposure: Rule = {
  id: 'k8s-phi-service-exposure',
  title: 'Services that reach PHI workloads must not be of type NodePort or LoadBalancer, nor use externalIPs',
  description:
    'A NodePort Service opens a port on every node; a LoadBalancer Service puts a cloud load balancer in front of ' +
    'the pods; externalIPs accept traffic for addresses outside the cluster. Each makes PHI workloads reachable ' +
    'from outside the cluster network, beside the declared, TLS-terminated entry point, and usually without TLS. ' +
    'HIPAA transmission security asks that PHI travel only along declared, protected paths. A Service is about PHI ' +
    `when it selects pods of a workload labelled ${PHI_LABEL}: "true" in its namespace, or when its namespace is ` +
    'labelled so.',
  severity: 'error',
  controls: ['164.312(e)(1)', '164.312(e)(2)(ii)', '164.312(a)(1)'],
  kinds: ['Service'],
  fix:
    'Make the Service type ClusterIP without externalIPs and expose it through an Ingress with TLS. If a load ' +
    'balancer is unavoidable, make it internal, terminate TLS on it, and waive k8s-phi-service-exposure with the reason.',
  check(resource, ctx, report) {
    const spec = resource.body.spec;
    if (spec === null || typeof spec !== 'object') return;
    const type = spec.type;
    const byType = type === 'NodePort' || type === 'LoadBalancer';
    const externalIPs = Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0;
    if (!byType && !externalIPs) return;
    const phi = whyPhi(resource, spec.selector, ctx);
    if (phi === undefined) return;
    if (byType) {
      report({
        path: 'spec.type',
        message: `type ${type} exposes the Service outside the cluster network, and it ${phi}`,
      });
    }
    if (externalIPs) {
      report({
        path: 'spec.externalIPs',
        message: `externalIPs ${spec.externalIPs.map((ip: unknown) => `'${String(ip)}'`).join(', ')} expose the Service outside the cluster network, and it ${phi}`,
      });
    }
  },
};

/** `selects PHI workload Deployment 'api'` or `is in PHI namespace 'clinic'`; undefined when neither holds. */
function whyPhi(resource: Resource, selector: unknown, ctx: RuleContext): string | undefined {
  const ns = ctx.namespaceOf(resource);
  const selected: string[] = [];
  for (const w of phiWorkloads(ctx).get(ns) ?? []) {
    if (matchLabelsMatch(selector, w.podLabels)) selected.push(`${w.resource.kind} '${w.resource.name}'`);
  }
  if (selected.length > 0) return `selects PHI workload${selected.length > 1 ? 's' : ''} ${selected.join(', ')}`;
  if (phiNamespaces(ctx).has(ns)) return `is in PHI namespace '${ns}'`;
  return undefined;
}
