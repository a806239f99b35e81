import { iamIrsaTrust } from './iam-irsa-trust';
import { iamWildcardAction } from './iam-wildcard-action';
import { iamWildcardResource } from './iam-wildcard-resource';
import type { RulePack } from '../../../check/rule';

/** IAM: no wildcard actions or resources on sensitive services, IRSA trust policies bound to one service account. */
export const iamPack: RulePack = {
  name: 'aws-iam',
  description: 'IAM: no wildcard actions or resources on sensitive services, IRSA trust policies bound to one service account.',
  rules: [iamWildcardAction, iamWildcardResource, iamIrsaTrust],
};
