import { res, TEST_KEY_ARN as KEY } from '../../../helpers/aws-pack-test';
export { awsNamedViolations as findings, res, TEST_KEY_ARN as KEY } from '../../../helpers/aws-pack-test';
export const ADMIN = 'arn:aws:iam::123456789012:role/platform-admin';

/** A cluster as HipaaEksCluster writes it, with `override` merged in. */
export function cluster(override: Record<string, any> = {}, name = 'prod') {
  return res('aws:eks/cluster:Cluster', name, {
    name,
    roleArn: 'arn:aws:iam::123456789012:role/prod-cluster',
    vpcConfig: { subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'], endpointPrivateAccess: true, endpointPublicAccess: false },
    encryptionConfig: { resources: ['secrets'], provider: { keyArn: KEY } },
    enabledClusterLogTypes: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
    accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: false },
    ...override,
  });
}
