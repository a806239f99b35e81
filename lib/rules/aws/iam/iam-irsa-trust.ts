import type { Rule } from '../../../check/rule';
import { actionMatches, conditionValues, parsePolicyDocument, PolicyStatement } from '../support/policy-document';

const WEB_IDENTITY = 'sts:AssumeRoleWithWebIdentity';
/** An EKS cluster's OIDC issuer (IRSA): `oidc.eks.<region>.amazonaws.com[.cn]/id/<id>`. */
const EKS_ISSUER = /^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\/id\/[A-Za-z0-9]+$/;
/** What an EKS service account token's `sub` is. */
const SERVICE_ACCOUNT_SUB = /^system:serviceaccount:[a-z0-9]([-a-z0-9]*[a-z0-9])?:[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

function allowsWebIdentity(s: PolicyStatement): boolean {
  return s.actions.some((a) => actionMatches(a, WEB_IDENTITY));
}

/** Roles assumed with web identity (IRSA) trust exactly one service account, for STS tokens only. */
export const iamIrsaTrust: Rule = {
  id: 'aws-iam-irsa-trust',
  title: 'Roles assumed through an OIDC provider (IRSA) must trust one exact subject and the STS audience',
  description:
    'A role whose trust policy allows sts:AssumeRoleWithWebIdentity from a cluster\'s OIDC provider can be assumed by ' +
    'any pod of that cluster whose token the condition admits. Without StringEquals on <issuer>:sub, every service ' +
    'account (or every one matching a StringLike wildcard) of every namespace gets the role; without <issuer>:aud = ' +
    'sts.amazonaws.com, tokens minted for other audiences are accepted. EKS issuers must name ' +
    'system:serviceaccount:<namespace>:<name>; other OIDC issuers must name an exact subject and audience.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(d)', '164.312(a)(2)(i)'],
  kinds: ['aws:iam/role:Role'],
  fix: 'Condition the trust statement with StringEquals { "<issuer>:sub": "system:serviceaccount:<namespace>:<service account>", ' +
    '"<issuer>:aud": "sts.amazonaws.com" } (createIrsaRole writes exactly that).',
  check(resource, _ctx, report) {
    const doc = parsePolicyDocument(resource.body.assumeRolePolicy);
    if (doc.problem !== undefined) return;
    for (const s of doc.statements) {
      if (s.effect !== 'Allow' || !allowsWebIdentity(s)) continue;
      const where = `Role '${resource.name}' trust Statement[${s.index}]${s.sid ? ` (${s.sid})` : ''}`;
      const federated = s.principal === '*' ? ['*'] : s.principal?.Federated ?? [];
      if (federated.includes('*')) report({ path: 'assumeRolePolicy', message: `${where} lets any identity provider (Federated "*") assume the role with web identity` });
      for (const provider of federated) {
        const issuer = /:oidc-provider\/(.+)$/.exec(provider)?.[1];
        if (issuer === undefined) continue;
        const eks = EKS_ISSUER.test(issuer);
        const sub = conditionValues(s, `${issuer}:sub`, ['StringEquals']);
        const loose = conditionValues(s, `${issuer}:sub`).length > sub.length;
        if (sub.length === 0) {
          report({ path: 'assumeRolePolicy', message: `${where} does not condition ${issuer}:sub with StringEquals${loose ? ' (only a pattern, e.g. StringLike)' : ''}: any subject of the provider can assume the role` });
        }
        for (const v of sub) {
          if (/[*?]/.test(v)) report({ path: 'assumeRolePolicy', message: `${where} conditions ${issuer}:sub on '${v}', which holds a wildcard; name one subject` });
          else if (eks && !SERVICE_ACCOUNT_SUB.test(v)) report({ path: 'assumeRolePolicy', message: `${where} conditions ${issuer}:sub on '${v}', which is not system:serviceaccount:<namespace>:<name>` });
        }
        const aud = conditionValues(s, `${issuer}:aud`, ['StringEquals']);
        if (aud.length === 0) {
          report({ path: 'assumeRolePolicy', message: `${where} does not condition ${issuer}:aud with StringEquals${eks ? ' on sts.amazonaws.com' : ''}: tokens for any audience are accepted` });
        } else if (eks ? aud.some((v) => v !== 'sts.amazonaws.com') : aud.some((v) => /[*?]/.test(v))) {
          report({ path: 'assumeRolePolicy', message: `${where} conditions ${issuer}:aud on ${aud.map((v) => `'${v}'`).join(', ')}; ${eks ? 'IRSA tokens have the audience sts.amazonaws.com only' : 'name one audience without wildcards'}` });
        }
      }
    }
  },
};
