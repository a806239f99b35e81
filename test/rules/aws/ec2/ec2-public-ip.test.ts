import { findings, launchTemplate, res } from './fixtures';
import { ec2PublicIp } from '../../../../lib/rules/aws/ec2/ec2-public-ip';

describe('aws-ec2-public-ip', () => {
  test('flags a launch template network interface and an instance that associate a public IP', () => {
    expect(findings(ec2PublicIp, [
      launchTemplate({ networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: 'true', securityGroups: ['sg-1'] }] }),
      res('aws:ec2/instance:Instance', 'bastion', { associatePublicIpAddress: true, subnetId: 'subnet-1' }),
    ])).toEqual([
      "bastion associatePublicIpAddress: instance 'bastion' associates a public IP address",
      "nodes networkInterfaces[0].associatePublicIpAddress: launch template 'nodes' associates a public IP address with network interface 0",
    ]);
  });

  test('passes false, unset, and templates without network interfaces', () => {
    expect(findings(ec2PublicIp, [
      launchTemplate({ networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: 'false' }] }),
      launchTemplate({}, 'plain'),
      res('aws:ec2/instance:Instance', 'app', { associatePublicIpAddress: false }),
      res('aws:ec2/instance:Instance', 'lt', { launchTemplate: { id: 'lt-1', version: '1' } }),
    ])).toEqual([]);
  });
});
