import { findings, launchTemplate } from './fixtures';
import { ec2LaunchTemplateImdsv2 } from '../../../../lib/rules/aws/ec2/ec2-launch-template-imdsv2';

describe('aws-ec2-launch-template-imdsv2', () => {
  test('flags IMDSv1 (the EC2 default) and a hop limit that reaches pods', () => {
    expect(findings(ec2LaunchTemplateImdsv2, [launchTemplate({ metadataOptions: undefined })])).toEqual([
      "nodes metadataOptions.httpTokens: launch template 'nodes' allows IMDSv1 (httpTokens is unset, \"optional\" by default)",
    ]);
    expect(findings(ec2LaunchTemplateImdsv2, [launchTemplate({ metadataOptions: { httpTokens: 'optional', httpPutResponseHopLimit: 2 } })])).toEqual([
      "nodes metadataOptions.httpPutResponseHopLimit: launch template 'nodes' lets metadata tokens travel 2 hops, so containers reach the instance role's credentials",
      "nodes metadataOptions.httpTokens: launch template 'nodes' allows IMDSv1 (httpTokens is \"optional\")",
    ]);
  });

  test('passes tokens required with hop limit 1, and a disabled metadata endpoint', () => {
    expect(findings(ec2LaunchTemplateImdsv2, [launchTemplate()])).toEqual([]);
    expect(findings(ec2LaunchTemplateImdsv2, [launchTemplate({ metadataOptions: { httpEndpoint: 'disabled' } })])).toEqual([]);
  });
});
