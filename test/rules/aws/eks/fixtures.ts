import { check, CheckOptions } from '../../../../lib/check/engine';
import { fromPulumiResource } from '../../../../lib/check/pulumi-resource';
import type { Rule } from '../../../../lib/check/rule';
import { TEST_NOW } from '../../../helpers/rule-test';

export const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
export const ADMIN = 'arn:aws:iam::123456789012:role/platform-admin';

/** A Pulumi resource description. */
export function res(type: string, name: string, inputs: Record<string, any>) {
  return { type, name, inputs };
}

/** `name path: message` of each unwaived finding of one rule over Pulumi resources. */
export function findings(rule: Rule, resources: Array<ReturnType<typeof res>>, options: CheckOptions = {}): string[] {
  return check(resources.map(fromPulumiResource), { name: 'aws', description: 'test', rules: [rule] }, { now: TEST_NOW, ...options })
    .unwaived.map((f) => `${f.resource.name} ${f.path}: ${f.message}`);
}

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
