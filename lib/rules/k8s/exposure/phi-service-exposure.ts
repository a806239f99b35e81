import type { Rule } from '../../../check/rule';
import { PHI_LABEL } from '../../../labels';
import { servicePhiReason } from '../phi-classification';

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
    'labelled so. Classification fails closed: a workload or namespace without a label of "true" or "false" (or a ' +
    'namespace with no Namespace object in the checked set) counts as PHI, and so do the unknown pods behind a ' +
    `Service that selects no workload of the set, unless the Service is labelled ${PHI_LABEL}: "false"; the check ` +
    'option unclassifiedIsPhi turns this off.',
  severity: 'error',
  controls: ['164.312(e)(1)', '164.312(e)(2)(ii)', '164.312(a)(1)'],
  kinds: ['Service'],
  fix:
    'Make the Service type ClusterIP without externalIPs and expose it through an Ingress with TLS. If a load ' +
    'balancer is unavoidable, make it internal, terminate TLS on it, and waive k8s-phi-service-exposure with the reason. ' +
    `If the pods behind it do not handle PHI, classify them: label their workload ${PHI_LABEL}: "false" (or the ` +
    'Service, when its workload is not in the checked set).',
  check(resource, ctx, report) {
    const spec = resource.body.spec;
    if (spec === null || typeof spec !== 'object') return;
    const type = spec.type;
    const byType = type === 'NodePort' || type === 'LoadBalancer';
    const externalIPs = Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0;
    if (!byType && !externalIPs) return;
    const phi = servicePhiReason(ctx, resource);
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
