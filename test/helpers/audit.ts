import { REGISTRY } from './cdk8s';
import { SOON } from './dates';
import type { AuditSinkForwarderProps } from '../../lib/cdk8s';

/** A digest-pinned Fluent Bit image in the test registry. */
export const FLUENT_BIT_IMAGE = `${REGISTRY}/fluent/fluent-bit:3.2.2@sha256:${'c'.repeat(64)}`;

/** Forwarder props that pass every check: CloudWatch Logs and S3 in us-east-1. */
export const FORWARDER: AuditSinkForwarderProps = {
  image: FLUENT_BIT_IMAGE,
  roleArn: 'arn:aws:iam::123456789012:role/fluent-bit',
  region: 'us-east-1',
  logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/clinic/k8s',
  bucketArn: 'arn:aws:s3:::clinic-k8s-logs',
  waiversExpire: SOON,
};
