import type { Rule } from '../../../check/rule';
import { EC2_LAUNCH_TEMPLATE } from '../support/ec2';

/** Instance metadata needs a session token and is not reachable from containers. */
export const ec2LaunchTemplateImdsv2: Rule = {
  id: 'aws-ec2-launch-template-imdsv2',
  title: 'A launch template must require IMDSv2 tokens with a PUT response hop limit of 1',
  description:
    'The instance metadata service hands out the instance role\'s credentials. With httpTokens "optional" (the EC2 ' +
    'default) a server-side request forgery in any process reads them with one GET (IMDSv1). With a hop limit above 1 ' +
    'the token response also reaches containers behind the node\'s network namespace, so every pod on an EKS node can ' +
    'act as the node role. Require tokens and keep the hop limit at 1; give pods AWS access through IRSA.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(d)'],
  kinds: [EC2_LAUNCH_TEMPLATE],
  fix: 'Set metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 } and give pods roles through IRSA.',
  check(resource, _ctx, report) {
    const md: any = resource.body.metadataOptions ?? {};
    if (md.httpEndpoint === 'disabled') return;
    if (md.httpTokens !== 'required') {
      report({
        path: 'metadataOptions.httpTokens',
        message: `launch template '${resource.name}' allows IMDSv1 (httpTokens ${md.httpTokens === undefined ? 'is unset, "optional" by default' : `is ${JSON.stringify(md.httpTokens)}`})`,
      });
    }
    const hops: unknown = md.httpPutResponseHopLimit;
    if (hops !== undefined && hops !== 1) {
      report({ path: 'metadataOptions.httpPutResponseHopLimit', message: `launch template '${resource.name}' lets metadata tokens travel ${JSON.stringify(hops)} hops, so containers reach the instance role's credentials` });
    }
  },
};
