import { res } from '../../../helpers/aws-pack-test';

export const ISSUER = 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
export const PROVIDER = `arn:aws:iam::123456789012:oidc-provider/${ISSUER}`;
export const SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:clinic/db-AbCdEf';

/** A policy document with these statements. */
export function doc(...statements: Array<Record<string, unknown>>): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** An Allow statement. */
export function allow(action: string | string[], resource: string | string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { Effect: 'Allow', Action: action, Resource: resource, ...extra };
}

/** The trust statement createIrsaRole writes, with `condition` replacing its Condition when given. */
export function irsaTrust(condition?: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return doc({
    Effect: 'Allow',
    Principal: { Federated: PROVIDER },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: condition ?? { StringEquals: { [`${ISSUER}:sub`]: 'system:serviceaccount:clinic:api', [`${ISSUER}:aud`]: 'sts.amazonaws.com' } },
    ...extra,
  });
}

/** An IRSA role and its least-privilege inline policy. */
export function compliantIam() {
  return [
    res('aws:iam/role:Role', 'reader', { assumeRolePolicy: irsaTrust(), maxSessionDuration: 3600 }),
    res('aws:iam/rolePolicy:RolePolicy', 'reader', { role: 'reader-a1b2c3d', policy: doc(allow(['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], [SECRET])) }),
    res('aws:iam/rolePolicyAttachment:RolePolicyAttachment', 'nodes', { role: 'nodes', policyArn: 'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy' }),
  ];
}
