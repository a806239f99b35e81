import type { Rule } from '../../../check/rule';
import { attachedPolicyArns, IAM_PERMISSION_POLICY_KINDS, IAM_POLICY_ATTACHMENT_KINDS, permissionDocuments } from '../support/iam-policies';
import { parsePolicyDocument } from '../support/policy-document';

/**
 * AWS-managed policies that allow every action (`*`), every action but a few (NotAction) or
 * every action of a service (`iam:*`, `s3:*`, ...), by name.
 */
const WILDCARD_MANAGED_POLICIES: Readonly<Record<string, string>> = {
  AdministratorAccess: 'Action "*"',
  PowerUserAccess: 'NotAction (everything but IAM and Organizations)',
  IAMFullAccess: 'iam:*',
  AmazonS3FullAccess: 's3:*',
  SecretsManagerReadWrite: 'secretsmanager:*',
  CloudWatchLogsFullAccess: 'logs:*',
  AmazonDynamoDBFullAccess: 'dynamodb:*',
  AWSCloudTrail_FullAccess: 'cloudtrail:*',
};

/** A whole service (`s3:*`) or everything (`*`). */
const WILDCARD_ACTION = /^(?:\*|[a-z0-9-]+:\*+)$/i;

/** Permission policies name the actions they allow, never `*`, `<service>:*` or NotAction. */
export const iamWildcardAction: Rule = {
  id: 'aws-iam-wildcard-action',
  title: 'IAM permission policies must not allow every action (*), every action of a service (s3:*) or NotAction',
  description:
    'Least privilege (45 CFR 164.308(a)(4)): a role, user or group that may call every action, or every action of a ' +
    'service, can also delete the audit trail, change key policies, read every secret and grant itself more. A ' +
    'wildcard also grows with AWS: actions added later are allowed without review. Checked in managed policies, ' +
    'inline role/user/group policies, the inlinePolicies of a role, and AWS-managed policies attached by ARN ' +
    '(AdministratorAccess, PowerUserAccess, IAMFullAccess, AmazonS3FullAccess, SecretsManagerReadWrite, ' +
    'CloudWatchLogsFullAccess, AmazonDynamoDBFullAccess, AWSCloudTrail_FullAccess). Deny statements are not judged.',
  severity: 'error',
  controls: ['164.308(a)(4)', '164.312(a)(1)'],
  kinds: [...IAM_PERMISSION_POLICY_KINDS, ...IAM_POLICY_ATTACHMENT_KINDS],
  fix: 'List the actions the principal needs (e.g. secretsmanager:GetSecretValue, s3:PutObject) instead of a wildcard, and ' +
    'attach a narrower policy instead of a full-access AWS-managed one; or waive aws-iam-wildcard-action on the resource with the reason.',
  check(resource, _ctx, report) {
    for (const { path, document } of permissionDocuments(resource)) {
      const doc = parsePolicyDocument(document);
      if (doc.problem !== undefined) {
        report({ path, message: `${resource.kind.split(':').pop()} '${resource.name}' has a policy that ${doc.problem}` });
        continue;
      }
      for (const s of doc.statements) {
        if (s.effect !== 'Allow') continue;
        const wild = s.actions.filter((a) => WILDCARD_ACTION.test(a));
        const where = `${resource.kind.split(':').pop()} '${resource.name}' ${path} Statement[${s.index}]${s.sid ? ` (${s.sid})` : ''}`;
        if (wild.length > 0) report({ path, message: `${where} allows ${wild.map((a) => `'${a}'`).join(', ')}: every action${wild.some((a) => a === '*') ? '' : ' of the service'}` });
        if (s.notActions.length > 0) report({ path, message: `${where} allows every action except ${s.notActions.map((a) => `'${a}'`).join(', ')} (NotAction)` });
      }
    }
    for (const { path, arn } of attachedPolicyArns(resource)) {
      const name = /^arn:[a-z-]+:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];
      if (name !== undefined && name in WILDCARD_MANAGED_POLICIES) {
        report({ path, message: `${resource.kind.split(':').pop()} '${resource.name}' attaches the AWS-managed policy ${name}, which allows ${WILDCARD_MANAGED_POLICIES[name]}` });
      }
    }
  },
};
