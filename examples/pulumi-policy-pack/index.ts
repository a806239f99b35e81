import { PolicyPack } from '@pulumi/policy';
import { policies } from './policies';

// `pulumi preview --policy-pack <this folder>` runs this file; the policies check the whole stack
// once per preview or update (see policies.ts).
new PolicyPack('hipaa', {
  description: 'HIPAA Security Rule safeguards for Kubernetes objects and AWS resources (hipaa-constructs)',
  policies,
});
