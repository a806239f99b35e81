import type { RuleContext } from '../../../check/context';
import type { Rule } from '../../../check/rule';
import { customerManagedKeyProblem } from '../support/customer-managed-key';
import { EBS_DEFAULT_KMS_KEY, EBS_ENCRYPTION_BY_DEFAULT, EC2_LAUNCH_TEMPLATE, isEncrypted } from '../support/ec2';

/** Whether the checked set turns on account-level EBS encryption by default under a customer-managed key. */
function encryptionByDefaultWithCmk(ctx: RuleContext): boolean {
  return ctx.memo('aws-ec2:encryption-by-default-cmk', () =>
    ctx.ofKind(EBS_ENCRYPTION_BY_DEFAULT).some((r) => r.body.enabled !== false) &&
    ctx.ofKind(EBS_DEFAULT_KMS_KEY).some((r) => customerManagedKeyProblem(r.body.keyArn) === undefined));
}

/** Volumes launched from the template are encrypted under a customer-managed key. */
export const ec2LaunchTemplateEbsEncryption: Rule = {
  id: 'aws-ec2-launch-template-ebs-encryption',
  title: 'A launch template\'s EBS volumes must be encrypted with a customer-managed KMS key',
  description:
    'Node root volumes hold container images, emptyDir volumes, logs and swapped memory of PHI workloads. Each EBS block ' +
    'device mapping needs encrypted "true" and a kmsKeyId naming a customer-managed key (the AWS-managed alias/aws/ebs ' +
    'cannot be restricted or audited by the account). A template without block device mappings takes the AMI\'s ' +
    'unencrypted default, unless the checked set turns on EBS encryption by default with a customer-managed default key.',
  severity: 'error',
  controls: ['164.312(a)(2)(iv)'],
  kinds: [EC2_LAUNCH_TEMPLATE],
  fix: 'Map the root device (e.g. /dev/xvda) with ebs: { encrypted: "true", kmsKeyId: <customer-managed key ARN>, volumeType: "gp3" } (HipaaEksCluster does).',
  check(resource, ctx, report) {
    const mappings: unknown = resource.body.blockDeviceMappings;
    if (!Array.isArray(mappings) || mappings.length === 0) {
      if (!encryptionByDefaultWithCmk(ctx)) {
        report({ path: 'blockDeviceMappings', message: `launch template '${resource.name}' maps no block device, so the root volume takes the AMI's default encryption (none unless the account encrypts by default)` });
      }
      return;
    }
    mappings.forEach((m: any, i: number) => {
      if (m?.ebs === undefined || m?.ebs === null) return; // instance store or noDevice
      if (!isEncrypted(m.ebs.encrypted)) {
        report({ path: `blockDeviceMappings[${i}].ebs.encrypted`, message: `launch template '${resource.name}' maps ${m.deviceName ?? 'a device'} unencrypted` });
        return;
      }
      const problem = customerManagedKeyProblem(m.ebs.kmsKeyId);
      if (problem && !(m.ebs.kmsKeyId === undefined && encryptionByDefaultWithCmk(ctx))) {
        report({ path: `blockDeviceMappings[${i}].ebs.kmsKeyId`, message: `launch template '${resource.name}' encrypts ${m.deviceName ?? 'a device'}, but kmsKeyId: ${problem}` });
      }
    });
  },
};
