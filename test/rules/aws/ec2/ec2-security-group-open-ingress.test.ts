import { findings, res } from './fixtures';
import { ec2SecurityGroupOpenIngress } from '../../../../lib/rules/aws/ec2/ec2-security-group-open-ingress';
import { runAwsRule } from '../../../helpers/aws-pack-test';
import { SOON } from '../../../helpers/dates';

const group = (ingress: unknown[], tags?: Record<string, string>) =>
  res('aws:ec2/securityGroup:SecurityGroup', 'web', { vpcId: 'vpc-0123456789abcdef0', ingress, ...(tags ? { tags } : {}) });

describe('aws-ec2-security-group-open-ingress', () => {
  test('flags 0.0.0.0/0 and ::/0 in a security group\'s inline ingress', () => {
    expect(findings(ec2SecurityGroupOpenIngress, [group([
      { protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: ['10.0.0.0/16'] },
      { protocol: 'tcp', fromPort: 8000, toPort: 8080, cidrBlocks: ['0.0.0.0/0'], ipv6CidrBlocks: ['::/0'] },
      { protocol: '-1', fromPort: 0, toPort: 0, ipv6CidrBlocks: ['::/0'] },
    ])])).toEqual([
      "web ingress[1]: security group 'web' ingress[1] admits 0.0.0.0/0 and ::/0 on tcp 8000-8080",
      "web ingress[2]: security group 'web' ingress[2] admits ::/0 on all traffic",
    ]);
  });

  test('flags SecurityGroupRule of type ingress and vpc.SecurityGroupIngressRule', () => {
    expect(findings(ec2SecurityGroupOpenIngress, [
      res('aws:ec2/securityGroupRule:SecurityGroupRule', 'https', { type: 'ingress', protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: ['0.0.0.0/0'], securityGroupId: 'sg-1' }),
      res('aws:ec2/securityGroupRule:SecurityGroupRule', 'v6', { type: 'ingress', protocol: 'udp', fromPort: 53, toPort: 53, ipv6CidrBlocks: ['::/0'], securityGroupId: 'sg-1' }),
      res('aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule', 'api', { ipProtocol: 'tcp', fromPort: 2375, toPort: 2375, cidrIpv4: '0.0.0.0/0', securityGroupId: 'sg-1' }),
    ])).toEqual([
      "https cidrBlocks: security group rule 'https' admits 0.0.0.0/0 on tcp 443",
      "v6 ipv6CidrBlocks: security group rule 'v6' admits ::/0 on udp 53",
      "api cidrIpv4: security group ingress rule 'api' admits 0.0.0.0/0 on tcp 2375",
    ]);
  });

  test('passes named networks, security group sources and egress to anywhere', () => {
    expect(findings(ec2SecurityGroupOpenIngress, [
      group([{ protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: ['10.0.0.0/8', '192.168.0.0/16'], ipv6CidrBlocks: ['2001:db8::/56'] }, { protocol: 'tcp', fromPort: 80, toPort: 80, securityGroups: ['sg-0123456789abcdef0'] }]),
      res('aws:ec2/securityGroup:SecurityGroup', 'out', { egress: [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['0.0.0.0/0'] }] }),
      res('aws:ec2/securityGroupRule:SecurityGroupRule', 'egress', { type: 'egress', protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['0.0.0.0/0'], securityGroupId: 'sg-1' }),
      res('aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule', 'lb', { ipProtocol: 'tcp', fromPort: 443, toPort: 443, referencedSecurityGroupId: 'sg-2', securityGroupId: 'sg-1' }),
    ])).toEqual([]);
  });

  test('a public load balancer\'s group can carry a waiver tag', () => {
    const tags = { 'hipaa-constructs.io/waiver/aws-ec2-security-group-open-ingress': `expires=${SOON} reason=Public ALB terminates TLS for the patient portal` };
    const result = runAwsRule(ec2SecurityGroupOpenIngress, [group([{ protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: ['0.0.0.0/0'] }], tags)]);
    expect(result.unwaived).toEqual([]);
    expect(result.waived.map((f) => f.message)).toEqual(["security group 'web' ingress[0] admits 0.0.0.0/0 on tcp 443"]);
  });
});
