import { findings, launchTemplate } from './fixtures';
import { ec2LaunchTemplateKeyPair } from '../../../../lib/rules/aws/ec2/ec2-launch-template-key-pair';

describe('aws-ec2-launch-template-key-pair', () => {
  test('flags an SSH key pair', () => {
    expect(findings(ec2LaunchTemplateKeyPair, [launchTemplate({ keyName: 'ops' })])).toEqual([
      "nodes keyName: launch template 'nodes' installs SSH key pair \"ops\" on its instances",
    ]);
  });

  test('passes a template without keyName', () => {
    expect(findings(ec2LaunchTemplateKeyPair, [launchTemplate()])).toEqual([]);
  });
});
