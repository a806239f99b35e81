import { findings, KEY, launchTemplate, res } from './fixtures';
import { ec2LaunchTemplateEbsEncryption } from '../../../../lib/rules/aws/ec2/ec2-launch-template-ebs-encryption';

describe('aws-ec2-launch-template-ebs-encryption', () => {
  test('flags unencrypted devices, AWS-managed keys and no mapping at all', () => {
    expect(findings(ec2LaunchTemplateEbsEncryption, [launchTemplate({
      blockDeviceMappings: [
        { deviceName: '/dev/xvda', ebs: { volumeSize: 50 } },
        { deviceName: '/dev/xvdb', ebs: { encrypted: 'true', kmsKeyId: 'alias/aws/ebs' } },
        { deviceName: '/dev/xvdc', ebs: { encrypted: 'true' } },
      ],
    })])).toEqual([
      "nodes blockDeviceMappings[0].ebs.encrypted: launch template 'nodes' maps /dev/xvda unencrypted",
      "nodes blockDeviceMappings[1].ebs.kmsKeyId: launch template 'nodes' encrypts /dev/xvdb, but kmsKeyId: 'alias/aws/ebs' is an AWS-managed key, whose key policy the account cannot restrict or audit",
      "nodes blockDeviceMappings[2].ebs.kmsKeyId: launch template 'nodes' encrypts /dev/xvdc, but kmsKeyId: no key is given, so AWS uses an AWS-managed key (or none)",
    ]);
    expect(findings(ec2LaunchTemplateEbsEncryption, [launchTemplate({ blockDeviceMappings: undefined })])).toEqual([
      "nodes blockDeviceMappings: launch template 'nodes' maps no block device, so the root volume takes the AMI's default encryption (none unless the account encrypts by default)",
    ]);
  });

  test('passes CMK-encrypted devices, and no mapping when the set turns on EBS encryption by default with a CMK', () => {
    expect(findings(ec2LaunchTemplateEbsEncryption, [launchTemplate()])).toEqual([]);
    expect(findings(ec2LaunchTemplateEbsEncryption, [
      launchTemplate({ blockDeviceMappings: undefined }),
      res('aws:ebs/encryptionByDefault:EncryptionByDefault', 'on', { enabled: true }),
      res('aws:ebs/defaultKmsKey:DefaultKmsKey', 'key', { keyArn: KEY }),
    ])).toEqual([]);
  });
});
