import type { Rule } from '../../../check/rule';
import { parseCidr } from '../../k8s/network/peers';
import { EKS_CLUSTER } from '../support/eks';

/** Shortest prefix a public-endpoint CIDR may have, per family: wider blocks span more than one network (see lib/check/egress-prefix.ts). */
export const MIN_PUBLIC_ACCESS_PREFIX = { ipv4: 16, ipv6: 48 } as const;

/** What is wrong with one publicAccessCidrs entry, or undefined when it is a narrow block. */
export function publicAccessCidrProblem(value: unknown): string | undefined {
  const cidr = parseCidr(value);
  if (cidr === undefined) return `${JSON.stringify(value)} is not a CIDR block such as 203.0.113.0/24`;
  if (cidr.prefix === 0) return `'${cidr.text}' admits the whole internet`;
  const min = cidr.family === 4 ? MIN_PUBLIC_ACCESS_PREFIX.ipv4 : MIN_PUBLIC_ACCESS_PREFIX.ipv6;
  if (cidr.prefix < min) return `'${cidr.text}' is wider than /${min}, more than one network (give the office or VPN egress ranges)`;
  return undefined;
}

/** The API server endpoint is private, or public only to named narrow CIDR blocks. */
export const eksEndpointPrivate: Rule = {
  id: 'aws-eks-endpoint-private',
  title: 'An EKS cluster\'s API endpoint must be private, or public only to narrow CIDR blocks',
  description:
    'The Kubernetes API of a cluster that runs PHI workloads is its control plane: from it one reads Secrets and execs ' +
    'into pods. EKS turns the public endpoint on for 0.0.0.0/0 unless told otherwise (endpointPublicAccess defaults to ' +
    'true, publicAccessCidrs to 0.0.0.0/0) and the private endpoint off. The endpoint must be reachable from the VPC ' +
    `(endpointPrivateAccess true) and either not public, or public only to blocks no wider than /${MIN_PUBLIC_ACCESS_PREFIX.ipv4} (IPv6 /${MIN_PUBLIC_ACCESS_PREFIX.ipv6}).`,
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(e)(1)'],
  kinds: [EKS_CLUSTER],
  fix: 'Set vpcConfig.endpointPrivateAccess true and endpointPublicAccess false (HipaaEksCluster\'s default), or give publicAccessCidrs the office or VPN egress ranges.',
  check(resource, _ctx, report) {
    const vpc: any = resource.body.vpcConfig ?? {};
    if (vpc.endpointPrivateAccess !== true) {
      report({ path: 'vpcConfig.endpointPrivateAccess', message: `EKS cluster '${resource.name}' has no private endpoint: nodes and tools in the VPC reach the API over the public one` });
    }
    if (vpc.endpointPublicAccess === false) return;
    const cidrs: unknown = vpc.publicAccessCidrs;
    if (!Array.isArray(cidrs) || cidrs.length === 0) {
      report({
        path: 'vpcConfig.publicAccessCidrs',
        message: `EKS cluster '${resource.name}' has a public endpoint ${vpc.endpointPublicAccess === true ? '' : '(endpointPublicAccess is not false) '}open to 0.0.0.0/0: publicAccessCidrs is not set`,
      });
      return;
    }
    cidrs.forEach((c, i) => {
      const problem = publicAccessCidrProblem(c);
      if (problem) report({ path: `vpcConfig.publicAccessCidrs[${i}]`, message: `EKS cluster '${resource.name}' has a public endpoint: ${problem}` });
    });
  },
};
