import type { Rule } from '../../../check/rule';
import { EC2_INSTANCE, EC2_LAUNCH_TEMPLATE } from '../support/ec2';

/** Whether an `associatePublicIpAddress` input is on (launch templates take the string "true", instances a boolean). */
function isOn(value: unknown): boolean {
  return value === true || value === 'true';
}

/** Instances get no public IP address. */
export const ec2PublicIp: Rule = {
  id: 'aws-ec2-public-ip',
  title: 'EC2 instances and launch templates must not associate a public IP address',
  description:
    'An instance with a public IP address in a subnet routed to an internet gateway is reachable from the internet ' +
    'as soon as one security group rule allows it, and can send data out without passing the egress controls of a ' +
    'NAT gateway or proxy. Hosts that store or process PHI run in private subnets and are reached through load ' +
    'balancers and SSM Session Manager. Checked on a launch template\'s network interfaces and an instance\'s ' +
    'associatePublicIpAddress. (A subnet that maps public IPs on launch assigns one when neither says false: set it false explicitly.)',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(e)(1)'],
  kinds: [EC2_LAUNCH_TEMPLATE, EC2_INSTANCE],
  fix: 'Set associatePublicIpAddress: "false" on the launch template\'s network interface (false on an instance) and use private subnets; ' +
    'put a load balancer in front for clients and SSM Session Manager for administrators.',
  check(resource, _ctx, report) {
    const b = resource.body;
    if (resource.kind === EC2_INSTANCE) {
      if (isOn(b.associatePublicIpAddress)) report({ path: 'associatePublicIpAddress', message: `instance '${resource.name}' associates a public IP address` });
      return;
    }
    if (!Array.isArray(b.networkInterfaces)) return;
    b.networkInterfaces.forEach((n: any, i: number) => {
      if (isOn(n?.associatePublicIpAddress)) {
        report({ path: `networkInterfaces[${i}].associatePublicIpAddress`, message: `launch template '${resource.name}' associates a public IP address with network interface ${n.deviceIndex ?? i}` });
      }
    });
  },
};
