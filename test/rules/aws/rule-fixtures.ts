/** Pulumi resources for the tests of the S3, logs, Firehose and CloudTrail rules, and a runner for one rule. */
import type { PulumiResourceDescription } from '../../../lib/check/pulumi-resource';
import { TEST_KEY_ARN as KEY } from '../../helpers/aws-pack-test';
export { awsViolations, TEST_KEY_ARN as KEY } from '../../helpers/aws-pack-test';

/** A resource given as type, name and inputs. */
export type Res = PulumiResourceDescription;
export const NAME = 'acme-audit';
const ARN = `arn:aws:s3:::${NAME}`;

/** A bucket and its parts that pass every S3 rule (data class audit); `bucket` inputs are merged into the bucket's. */
export function compliantBucket(bucket: Record<string, any> = {}, dataClass: string | null = 'audit'): Res[] {
  // null: untagged (counts as phi).
  const tags = dataClass === null ? undefined : { 'hipaa-constructs.io/data-class': dataClass };
  return [
    { type: 'aws:s3/bucket:Bucket', name: 'audit', inputs: { bucket: NAME, objectLockEnabled: true, ...(tags ? { tags } : {}), ...bucket } },
    { type: 'aws:s3/bucketVersioning:BucketVersioning', name: 'audit', inputs: { bucket: NAME, versioningConfiguration: { status: 'Enabled' } } },
    {
      type: 'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration',
      name: 'audit',
      inputs: { bucket: NAME, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: KEY }, bucketKeyEnabled: true }] },
    },
    { type: 'aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration', name: 'audit', inputs: { bucket: NAME, objectLockEnabled: 'Enabled', rule: { defaultRetention: { mode: 'COMPLIANCE', years: 6 } } } },
    { type: 'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock', name: 'audit', inputs: { bucket: NAME, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true } },
    {
      type: 'aws:s3/bucketPolicy:BucketPolicy',
      name: 'audit',
      inputs: {
        bucket: NAME,
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [ARN, `${ARN}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
        }),
      },
    },
    { type: 'aws:s3/bucketLogging:BucketLogging', name: 'audit', inputs: { bucket: NAME, targetBucket: 'acme-access-logs', targetPrefix: `${NAME}/` } },
  ];
}

/** `resources` with the inputs of the resource of `type` replaced by `change(inputs)` (undefined drops the resource). */
export function changed(resources: Res[], type: string, change: (inputs: Record<string, any>) => Record<string, any> | undefined): Res[] {
  return resources.flatMap((r) => {
    if (r.type !== type) return [r];
    const inputs = change(JSON.parse(JSON.stringify(r.inputs)));
    return inputs === undefined ? [] : [{ ...r, inputs }];
  });
}
