import { parseKmsKey } from '../../../../lib/rules/k8s/support/kms-key';

const UUID = '1234abcd-12ab-34cd-56ef-1234567890ab';

describe('parseKmsKey (KMS key references as EBS CSI and the Velero AWS plugin accept them)', () => {
  test.each([
    [`arn:aws:kms:us-east-1:123456789012:key/${UUID}`, { form: 'key-arn', partition: 'aws', region: 'us-east-1', account: '123456789012', id: UUID, awsManaged: false }],
    [`arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/${UUID}`, { form: 'key-arn', partition: 'aws-us-gov', region: 'us-gov-west-1', account: '123456789012', id: UUID, awsManaged: false }],
    ['arn:aws-cn:kms:cn-north-1:123456789012:key/mrk-' + 'a'.repeat(32), { form: 'key-arn', partition: 'aws-cn', region: 'cn-north-1', account: '123456789012', id: 'mrk-' + 'a'.repeat(32), awsManaged: false }],
    ['arn:aws:kms:eu-central-1:123456789012:alias/clinic/ebs', { form: 'alias-arn', partition: 'aws', region: 'eu-central-1', account: '123456789012', id: 'clinic/ebs', awsManaged: false }],
    [UUID, { form: 'key-id', id: UUID, awsManaged: false }],
    ['alias/clinic-ebs', { form: 'alias-name', id: 'clinic-ebs', awsManaged: false }],
    ['alias/aws/ebs', { form: 'alias-name', id: 'aws/ebs', awsManaged: true }],
  ])('accepts %s', (value, key) => {
    expect(parseKmsKey(value)).toEqual({ key });
  });

  test.each([
    [undefined, 'is missing'],
    [42, 'is not a string (42)'],
    ['', 'is empty'],
    [' alias/x', "' alias/x' has leading or trailing whitespace"],
    ['my-key', "'my-key' is not a KMS key ARN, alias ARN, key id or alias name (expected e.g. arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab, a key id such as 1234abcd-12ab-34cd-56ef-1234567890ab, or alias/<name>)"],
    [UUID.toUpperCase(), `'${UUID.toUpperCase()}' is not a KMS key ARN, alias ARN, key id or alias name (expected e.g. arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab, a key id such as 1234abcd-12ab-34cd-56ef-1234567890ab, or alias/<name>)`],
    ['arn:aws:kms:us-east-1:123456789012', "'arn:aws:kms:us-east-1:123456789012' is not an ARN of the form arn:<partition>:kms:<region>:<account>:key/<key id> (it has 5 ':'-separated parts, not 6)"],
    [`arn:aws-iso:kms:us-east-1:123456789012:key/${UUID}`, `'arn:aws-iso:kms:us-east-1:123456789012:key/${UUID}' has partition 'aws-iso'; expected aws, aws-us-gov or aws-cn`],
    [`arn:aws:s3:us-east-1:123456789012:key/${UUID}`, `'arn:aws:s3:us-east-1:123456789012:key/${UUID}' is an ARN of service 's3', not kms`],
    [`arn:aws:kms:useast1:123456789012:key/${UUID}`, `'arn:aws:kms:useast1:123456789012:key/${UUID}' has region 'useast1', which is not an AWS region (e.g. us-east-1)`],
    // Typos in the region (issue 9 trial): a direction or area no AWS region has, with the nearest region.
    [`arn:aws:kms:us-eats-1:123456789012:key/${UUID}`, `'arn:aws:kms:us-eats-1:123456789012:key/${UUID}' has region 'us-eats-1', which is not an AWS region: 'eats' is not a direction of an AWS region name (central, east, north, northeast, northwest, south, southeast, southwest, west); the nearest region is us-east-1`],
    [`arn:aws:kms:eu-cental-1:123456789012:key/${UUID}`, `'arn:aws:kms:eu-cental-1:123456789012:key/${UUID}' has region 'eu-cental-1', which is not an AWS region: 'cental' is not a direction of an AWS region name (central, east, north, northeast, northwest, south, southeast, southwest, west); the nearest region is eu-central-1`],
    [`arn:aws:kms:ux-west-2:123456789012:key/${UUID}`, `'arn:aws:kms:ux-west-2:123456789012:key/${UUID}' has region 'ux-west-2', which is not an AWS region: 'ux' starts no AWS region name (af, ap, ca, cn, eu, il, me, mx, sa, us); the nearest region is us-west-2`],
    [`arn:aws-us-gov:kms:us-east-1:123456789012:key/${UUID}`, `'arn:aws-us-gov:kms:us-east-1:123456789012:key/${UUID}' has region 'us-east-1', which is not in partition aws-us-gov (its regions start with us-gov-)`],
    [`arn:aws:kms:cn-north-1:123456789012:key/${UUID}`, `'arn:aws:kms:cn-north-1:123456789012:key/${UUID}' has region 'cn-north-1' in partition aws; that region is in partition aws-cn`],
    [`arn:aws:kms:us-east-1:12345678901:key/${UUID}`, `'arn:aws:kms:us-east-1:12345678901:key/${UUID}' has account '12345678901'; expected 12 digits`],
    ['arn:aws:kms:us-east-1:123456789012:key/not-a-uuid', "'arn:aws:kms:us-east-1:123456789012:key/not-a-uuid' has key id 'not-a-uuid'; expected a lower-case UUID or mrk- and 32 hex digits"],
    ['arn:aws:kms:us-east-1:123456789012:grant/x', "'arn:aws:kms:us-east-1:123456789012:grant/x' names 'grant/x'; expected key/<key id> or alias/<name>"],
    ['alias/', "'alias/' has alias name ''; expected 1 to 250 letters, digits, '/', '_' or '-'"],
    ['alias/bad name', "'alias/bad name' has alias name 'bad name'; expected 1 to 250 letters, digits, '/', '_' or '-'"],
  ])('refuses %p with an exact problem', (value, problem) => {
    expect(parseKmsKey(value)).toEqual({ problem });
  });
});
