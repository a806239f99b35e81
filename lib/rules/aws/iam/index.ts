import type { RulePack } from '../../../check/rule';

/** IAM: no wildcard actions or resources on sensitive services, IRSA trust policies bound to one service account. */
export const iamPack: RulePack = {
  name: 'aws-iam',
  description: 'IAM: no wildcard actions or resources on sensitive services, IRSA trust policies bound to one service account.',
  rules: [],
};
