import { s3TlsOnly } from '../../../../lib/rules/aws/s3/s3-tls-only';
import { awsViolations, changed, compliantBucket, NAME } from '../rule-fixtures';

const P = 'aws:s3/bucketPolicy:BucketPolicy';
const ARN = `arn:aws:s3:::${NAME}`;
const withStatement = (s: Record<string, any>) => changed(compliantBucket(), P, (i) => ({ ...i, policy: JSON.stringify({ Version: '2012-10-17', Statement: [s] }) }));
const DENY = { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [ARN, `${ARN}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
const FLAGGED = "policy: bucket 'audit' has a bucket policy without a Deny of s3:* to every principal on the bucket and its objects when aws:SecureTransport is false";

describe('aws-s3-tls-only', () => {
  test('flags no policy, and a Deny that misses principals, actions, objects or the condition', () => {
    expect(awsViolations(s3TlsOnly, changed(compliantBucket({}, null), P, () => undefined))).toEqual(["policy: bucket 'audit' has no bucket policy, so it answers requests over plain HTTP"]);
    expect(awsViolations(s3TlsOnly, withStatement({ ...DENY, Principal: { AWS: 'arn:aws:iam::123456789012:root' } }))).toEqual([FLAGGED]);
    expect(awsViolations(s3TlsOnly, withStatement({ ...DENY, Action: 's3:GetObject' }))).toEqual([FLAGGED]);
    expect(awsViolations(s3TlsOnly, withStatement({ ...DENY, Resource: ARN }))).toEqual([FLAGGED]);
    expect(awsViolations(s3TlsOnly, withStatement({ ...DENY, Resource: ['arn:aws:s3:::other', 'arn:aws:s3:::other/*'] }))).toEqual([FLAGGED]);
    expect(awsViolations(s3TlsOnly, withStatement({ ...DENY, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }))).toEqual([FLAGGED]);
    expect(awsViolations(s3TlsOnly, withStatement({ ...DENY, Effect: 'Allow' }))).toEqual([FLAGGED]);
  });

  test('passes the Deny on the bucket and its objects (also as an inline policy or with Principal { AWS: "*" })', () => {
    expect(awsViolations(s3TlsOnly, compliantBucket())).toEqual([]);
    expect(awsViolations(s3TlsOnly, withStatement({ ...DENY, Principal: { AWS: ['*'] }, Action: ['s3:*'] }))).toEqual([]);
    expect(awsViolations(s3TlsOnly, changed(compliantBucket({ policy: JSON.stringify({ Version: '2012-10-17', Statement: [DENY] }) }), P, () => undefined))).toEqual([]);
  });
});
