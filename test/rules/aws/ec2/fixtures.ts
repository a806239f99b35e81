import { res, TEST_KEY_ARN as KEY } from '../../../helpers/aws-pack-test';
export { awsNamedViolations as findings, res, TEST_KEY_ARN as KEY } from '../../../helpers/aws-pack-test';

/** A launch template as HipaaEksCluster writes it, with `override` merged in. */
export function launchTemplate(override: Record<string, any> = {}, name = 'nodes') {
  return res('aws:ec2/launchTemplate:LaunchTemplate', name, {
    metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1 },
    blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { encrypted: 'true', kmsKeyId: KEY, volumeType: 'gp3', volumeSize: 50 } }],
    ...override,
  });
}
