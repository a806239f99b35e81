import type { Resource } from '../../../check/resource';
import type { Rule } from '../../../check/rule';
import { parsePolicyDocument } from '../support/policy-document';

const ATTACHMENT = 'aws:iam/rolePolicyAttachment:RolePolicyAttachment';
const INLINE = 'aws:iam/rolePolicy:RolePolicy';
const BACKUP_SERVICE = 'backup.amazonaws.com';

/** The AWS managed policies made for AWS Backup's service role (by name, any partition). */
export const BACKUP_MANAGED_POLICIES: readonly string[] = [
  'service-role/AWSBackupServiceRolePolicyForBackup',
  'service-role/AWSBackupServiceRolePolicyForRestores',
  'AWSBackupServiceRolePolicyForS3Backup',
  'AWSBackupServiceRolePolicyForS3Restore',
];
const ALLOWED = new RegExp(`^arn:aws(?:-us-gov|-cn)?:iam::aws:policy/(?:${BACKUP_MANAGED_POLICIES.join('|')})$`);

/** Whether an attachment's or inline policy's `role` (a name, resolved) is `role`; Pulumi auto-names add `-` and 7 characters. */
function isRole(value: unknown, role: Resource): boolean {
  if (typeof value !== 'string') return false;
  if (value === role.body.name || value === role.name) return true;
  return role.body.name === undefined && value.length === role.name.length + 8 && value.startsWith(`${role.name}-`);
}

/** The role AWS Backup assumes holds only what AWS Backup needs. */
export const backupSelectionRole: Rule = {
  id: 'aws-backup-selection-role',
  title: 'The IAM role AWS Backup assumes must be trusted only by AWS Backup and hold only the AWS Backup policies',
  description:
    'A backup selection\'s role reads every resource it backs up and, with the restore policy, creates resources from ' +
    'recovery points. A role trusted by AWS Backup and also by other principals, or holding policies beyond the AWS ' +
    'managed AWSBackupServiceRolePolicyFor* ones (AdministratorAccess, wildcard inline policies), hands that reach to ' +
    'whoever else can assume it or turns a backup role into an administrator.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.308(a)(4)'],
  kinds: ['aws:iam/role:Role'],
  fix: 'Trust only backup.amazonaws.com in the role\'s assumeRolePolicy, attach only the AWSBackupServiceRolePolicyFor* managed policies and no inline policy with a wildcard action.',
  check(resource, ctx, report) {
    const trust = parsePolicyDocument(resource.body.assumeRolePolicy);
    if (trust.statements === undefined) return;
    const allows = trust.statements.filter((s) => s.effect === 'Allow');
    const servicesOf = (s: (typeof allows)[number]) => (s.principal !== undefined && s.principal !== '*' ? s.principal.Service ?? [] : []);
    if (!allows.some((s) => servicesOf(s).includes(BACKUP_SERVICE))) return;
    for (const s of allows) {
      const others = s.principal === '*' ? ['*'] : Object.entries(s.principal ?? {}).flatMap(([type, values]) => values.filter((v) => !(type === 'Service' && v === BACKUP_SERVICE)).map((v) => `${type} ${v}`));
      if (others.length > 0) {
        report({ path: `assumeRolePolicy.Statement[${s.index}].Principal`, message: `role '${resource.name}' is AWS Backup's role but also trusts ${others.join(', ')}` });
      }
    }
    const managed = [
      ...(Array.isArray(resource.body.managedPolicyArns) ? resource.body.managedPolicyArns : []),
      ...ctx.ofKind(ATTACHMENT).filter((a) => isRole(a.body.role, resource)).map((a) => a.body.policyArn),
    ];
    for (const arn of managed) {
      if (typeof arn !== 'string' || !ALLOWED.test(arn)) {
        report({ path: 'policies', message: `role '${resource.name}' is AWS Backup's role and has policy ${JSON.stringify(arn)} attached, which is not one of the AWS Backup managed policies` });
      }
    }
    const inline = [
      ...(Array.isArray(resource.body.inlinePolicies) ? resource.body.inlinePolicies.map((p: any) => p?.policy) : []),
      ...ctx.ofKind(INLINE).filter((p) => isRole(p.body.role, resource)).map((p) => p.body.policy),
    ];
    for (const doc of inline) {
      const parsed = parsePolicyDocument(doc);
      for (const s of parsed.statements ?? []) {
        if (s.effect !== 'Allow') continue;
        const wild = [...s.actions.filter((a) => a === '*' || a.endsWith(':*')), ...(s.notActions.length > 0 ? ['NotAction'] : [])];
        if (wild.length > 0) report({ path: 'policies', message: `role '${resource.name}' is AWS Backup's role and has an inline policy allowing ${wild.join(', ')}` });
      }
    }
  },
};
