import { backupPack } from './backup';
import { cloudtrailPack } from './cloudtrail';
import { ec2Pack } from './ec2';
import { eksPack } from './eks';
import { firehosePack } from './firehose';
import { iamPack } from './iam';
import { kmsPack } from './kms';
import { logsPack } from './logs';
import { s3Pack } from './s3';
import { secretsPack } from './secrets';
import { combinePacks, RulePack } from '../../check/rule';

export { kmsPack, iamPack, eksPack, ec2Pack, s3Pack, logsPack, firehosePack, cloudtrailPack, secretsPack, backupPack };

/**
 * The full AWS pack: every AWS rule. It reads Pulumi resources (type token + inputs, see
 * fromPulumiResource), e.g. those a Pulumi program registers, under mocks or in CrossGuard.
 */
export const awsPack: RulePack = combinePacks(
  'aws',
  'Every AWS rule: KMS keys, IAM and IRSA trust, EKS clusters and node groups, launch templates and EBS, S3 audit and backup buckets, log groups, Firehose, CloudTrail, Secrets Manager and AWS Backup.',
  kmsPack, iamPack, eksPack, ec2Pack, s3Pack, logsPack, firehosePack, cloudtrailPack, secretsPack, backupPack,
);
