// In your own pack: import { hipaaPolicies } from 'hipaa-constructs/pulumi';
import { hipaaPolicies } from '../../lib/pulumi';

/**
 * The HIPAA policies: every Kubernetes and AWS rule as a stack policy, the engine's waiver rules,
 * and the pack's settings. Settings given here hold for every stack; per-stack settings and
 * waivers go in the `hipaa-settings` entry of a policy pack config file
 * (`pulumi preview --policy-pack . --policy-pack-config hipaa.json`).
 */
export const policies = hipaaPolicies({
  // Images only from the organisation's ECR registries (the default allows any ECR private registry).
  allowedRegistries: ['*.dkr.ecr.*.amazonaws.com'],
  kubernetesVersion: '1.28',
});
