import { findings, KEY, res } from './fixtures';
import { ec2EbsVolumeEncryption } from '../../../../lib/rules/aws/ec2/ec2-ebs-volume-encryption';

const volume = (inputs: Record<string, any>) => res('aws:ebs/volume:Volume', 'data', { availabilityZone: 'us-east-1a', size: 100, type: 'gp3', ...inputs });

describe('aws-ec2-ebs-volume-encryption', () => {
  test('flags an unencrypted volume and one under the AWS-managed key', () => {
    expect(findings(ec2EbsVolumeEncryption, [volume({})])).toEqual(["data encrypted: EBS volume 'data' is not encrypted"]);
    expect(findings(ec2EbsVolumeEncryption, [volume({ encrypted: true })])).toEqual([
      "data kmsKeyId: EBS volume 'data' is encrypted, but kmsKeyId: no key is given, so AWS uses an AWS-managed key (or none)",
    ]);
  });

  test('passes a volume under a customer-managed key', () => {
    expect(findings(ec2EbsVolumeEncryption, [volume({ encrypted: true, kmsKeyId: KEY })])).toEqual([]);
  });
});
