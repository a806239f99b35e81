import type { Rule } from '../../../check/rule';
import { parseCidr } from '../../k8s/support/cidr';
import { SECURITY_GROUP, SECURITY_GROUP_INGRESS_RULE, SECURITY_GROUP_RULE } from '../support/ec2';

/** `tcp 443`, `udp 5000-5010`, `all traffic` for a rule's protocol and ports. */
function portsOf(protocol: unknown, from: unknown, to: unknown): string {
  const p = String(protocol ?? '').toLowerCase();
  if (p === '-1' || p === 'all') return 'all traffic';
  const range = from === to || to === undefined ? `${String(from)}` : `${String(from)}-${String(to)}`;
  return `${p || 'tcp'} ${range}`;
}

/** The CIDR blocks among `blocks` that are the whole address space of their family (prefix 0). */
function wholeInternet(...blocks: unknown[]): string[] {
  return blocks.flatMap((b) => (Array.isArray(b) ? b : [b])).filter((c) => parseCidr(c)?.prefix === 0) as string[];
}

/** No security group admits the whole internet. */
export const ec2SecurityGroupOpenIngress: Rule = {
  id: 'aws-ec2-security-group-open-ingress',
  title: 'Security groups must not allow ingress from the whole internet (0.0.0.0/0 or ::/0)',
  description:
    'A security group rule from 0.0.0.0/0 or ::/0 lets any address on the internet (whenever the instance has a public ' +
    'path, today or after a routing change) try the port: scanners find an exposed database, Docker API or admin port ' +
    'within minutes. Hosts that store or process PHI take connections only from named networks or from the security ' +
    'group of what fronts them (a load balancer). Checked in the inline ingress of a security group, in ' +
    'SecurityGroupRule resources of type ingress and in vpc.SecurityGroupIngressRule. A public load balancer\'s own ' +
    'group that must accept the internet on 443 carries a waiver with the reason.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(e)(1)'],
  kinds: [SECURITY_GROUP, SECURITY_GROUP_RULE, SECURITY_GROUP_INGRESS_RULE],
  fix: 'Allow the port from the load balancer\'s security group (securityGroups / referencedSecurityGroupId) or from your ' +
    'networks\' CIDR blocks; reach hosts for administration through SSM Session Manager rather than an open port.',
  check(resource, _ctx, report) {
    const b = resource.body;
    if (resource.kind === SECURITY_GROUP) {
      if (!Array.isArray(b.ingress)) return;
      b.ingress.forEach((r: any, i: number) => {
        const open = wholeInternet(r?.cidrBlocks, r?.ipv6CidrBlocks);
        if (open.length > 0) {
          report({ path: `ingress[${i}]`, message: `security group '${resource.name}' ingress[${i}] admits ${open.join(' and ')} on ${portsOf(r.protocol, r.fromPort, r.toPort)}` });
        }
      });
    } else if (resource.kind === SECURITY_GROUP_RULE) {
      if (b.type !== 'ingress') return;
      const open = wholeInternet(b.cidrBlocks, b.ipv6CidrBlocks);
      if (open.length > 0) {
        report({ path: open.every((c) => c.includes(':')) ? 'ipv6CidrBlocks' : 'cidrBlocks', message: `security group rule '${resource.name}' admits ${open.join(' and ')} on ${portsOf(b.protocol, b.fromPort, b.toPort)}` });
      }
    } else {
      const open = wholeInternet(b.cidrIpv4, b.cidrIpv6);
      if (open.length > 0) {
        report({ path: open[0].includes(':') ? 'cidrIpv6' : 'cidrIpv4', message: `security group ingress rule '${resource.name}' admits ${open.join(' and ')} on ${portsOf(b.ipProtocol, b.fromPort, b.toPort)}` });
      }
    }
  },
};
