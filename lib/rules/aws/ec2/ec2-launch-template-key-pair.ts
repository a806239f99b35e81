import type { Rule } from '../../../check/rule';
import { EC2_LAUNCH_TEMPLATE } from '../support/ec2';

/** Instances carry no SSH key pair. */
export const ec2LaunchTemplateKeyPair: Rule = {
  id: 'aws-ec2-launch-template-key-pair',
  title: 'A launch template must not install an SSH key pair',
  description:
    'keyName puts a long-lived SSH key on every instance launched from the template. Whoever holds it logs in as the ' +
    'default user with sudo, reads every volume on the node and leaves no trace in CloudTrail. Node access goes through ' +
    'SSM Session Manager, which authenticates with IAM and logs each session.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(d)'],
  kinds: [EC2_LAUNCH_TEMPLATE],
  fix: 'Remove keyName; use SSM Session Manager (AmazonSSMManagedInstanceCore on the instance role) for node access.',
  check(resource, _ctx, report) {
    const key: unknown = resource.body.keyName;
    if (key !== undefined && key !== null && key !== '') {
      report({ path: 'keyName', message: `launch template '${resource.name}' installs SSH key pair ${JSON.stringify(key)} on its instances` });
    }
  },
};
