import { compliantIam, doc, irsaTrust, ISSUER, PROVIDER } from './fixtures';
import { iamIrsaTrust } from '../../../../lib/rules/aws/iam/iam-irsa-trust';
import { awsViolations, res, runAwsRule } from '../../../helpers/aws-pack-test';

const role = (name: string, assumeRolePolicy: unknown) => res('aws:iam/role:Role', name, { assumeRolePolicy });

describe('aws-iam-irsa-trust', () => {
  test('flags a trust without conditions, with the fix', () => {
    const result = runAwsRule(iamIrsaTrust, [role('open', doc({ Effect: 'Allow', Principal: { Federated: PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity' }))]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      // The engine joins findings of one rule at one path into one message.
      `assumeRolePolicy: Role 'open' trust Statement[0] does not condition ${ISSUER}:sub with StringEquals: any subject of the provider can assume the role; ` +
        `Role 'open' trust Statement[0] does not condition ${ISSUER}:aud with StringEquals on sts.amazonaws.com: tokens for any audience are accepted`,
    ]);
    expect(result.unwaived[0].fix).toBe(iamIrsaTrust.fix);
  });

  test('flags StringLike and wildcard subjects, a subject that is no service account, a wrong audience, Federated *', () => {
    expect(awsViolations(iamIrsaTrust, [
      role('a-like', irsaTrust({ StringLike: { [`${ISSUER}:sub`]: 'system:serviceaccount:clinic:*' }, StringEquals: { [`${ISSUER}:aud`]: 'sts.amazonaws.com' } })),
      role('b-star', irsaTrust({ StringEquals: { [`${ISSUER}:sub`]: 'system:serviceaccount:*:api', [`${ISSUER}:aud`]: 'sts.amazonaws.com' } })),
      role('c-user', irsaTrust({ StringEquals: { [`${ISSUER}:sub`]: 'alice', [`${ISSUER}:aud`]: ['sts.amazonaws.com', 'other'] } })),
      role('d-any', doc({ Effect: 'Allow', Principal: { Federated: '*' }, Action: 'sts:AssumeRoleWith*', Sid: 'Any' })),
    ])).toEqual([
      `assumeRolePolicy: Role 'a-like' trust Statement[0] does not condition ${ISSUER}:sub with StringEquals (only a pattern, e.g. StringLike): any subject of the provider can assume the role`,
      `assumeRolePolicy: Role 'b-star' trust Statement[0] conditions ${ISSUER}:sub on 'system:serviceaccount:*:api', which holds a wildcard; name one subject`,
      `assumeRolePolicy: Role 'c-user' trust Statement[0] conditions ${ISSUER}:sub on 'alice', which is not system:serviceaccount:<namespace>:<name>; ` +
        `Role 'c-user' trust Statement[0] conditions ${ISSUER}:aud on 'sts.amazonaws.com', 'other'; IRSA tokens have the audience sts.amazonaws.com only`,
      "assumeRolePolicy: Role 'd-any' trust Statement[0] (Any) lets any identity provider (Federated \"*\") assume the role with web identity",
    ]);
  });

  test('passes the createIrsaRole trust, other OIDC providers with exact conditions, service trusts, and Deny statements', () => {
    const github = 'token.actions.githubusercontent.com';
    expect(awsViolations(iamIrsaTrust, [
      ...compliantIam(),
      role('object', JSON.parse(irsaTrust())),
      role('github', doc({
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${github}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${github}:sub`]: 'repo:acme/infra:ref:refs/heads/main', [`${github}:aud`]: 'sts.amazonaws.com' } },
      })),
      role('service', doc({ Effect: 'Allow', Principal: { Service: 'eks.amazonaws.com' }, Action: 'sts:AssumeRole' })),
      role('deny', doc({ Effect: 'Deny', Principal: { Federated: PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity' })),
    ])).toEqual([]);
  });
});
