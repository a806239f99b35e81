import type { PulumiResourceDescription } from '../../../../lib/check/pulumi-resource';
import { backupSelectionRole } from '../../../../lib/rules/aws/backup/backup-selection-role';
import { awsViolations } from '../../../helpers/aws-pack-test';

const trust = (principal: unknown) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] });
const role = (principal: unknown = { Service: 'backup.amazonaws.com' }): PulumiResourceDescription => ({ type: 'aws:iam/role:Role', name: 'vault-backup', inputs: { assumeRolePolicy: trust(principal) } });
const attach = (policyArn: string, roleName = 'vault-backup-a1b2c3d'): PulumiResourceDescription => ({ type: 'aws:iam/rolePolicyAttachment:RolePolicyAttachment', name: `a-${policyArn.split('/').pop()}`, inputs: { role: roleName, policyArn } });
const BACKUP = 'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup';
const RESTORES = 'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores';
const found = (...resources: PulumiResourceDescription[]) =>
  awsViolations(backupSelectionRole, resources);

describe('aws-backup-selection-role', () => {
  test('flags a backup role trusted by others, with other managed policies or wildcard inline policies', () => {
    expect(found(role({ Service: ['backup.amazonaws.com', 'ec2.amazonaws.com'], AWS: 'arn:aws:iam::123456789012:root' }), attach(BACKUP))).toEqual([
      "assumeRolePolicy.Statement[0].Principal: role 'vault-backup' is AWS Backup's role but also trusts Service ec2.amazonaws.com, AWS arn:aws:iam::123456789012:root",
    ]);
    expect(found(role(), attach(BACKUP), attach('arn:aws:iam::aws:policy/AdministratorAccess'))).toEqual([
      "policies: role 'vault-backup' is AWS Backup's role and has policy \"arn:aws:iam::aws:policy/AdministratorAccess\" attached, which is not one of the AWS Backup managed policies",
    ]);
    const inline: PulumiResourceDescription = { type: 'aws:iam/rolePolicy:RolePolicy', name: 'x', inputs: { role: 'vault-backup-a1b2c3d', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }) } };
    expect(found(role(), attach(BACKUP), inline)).toEqual(["policies: role 'vault-backup' is AWS Backup's role and has an inline policy allowing s3:*"]);
  });

  test('passes a role trusted by AWS Backup alone with the AWS Backup policies, and ignores other roles', () => {
    expect(found(role(), attach(BACKUP), attach(RESTORES), attach('arn:aws:iam::aws:policy/AdministratorAccess', 'another-role'))).toEqual([]);
    expect(found({ ...role(), inputs: { name: 'backup', assumeRolePolicy: trust({ Service: 'backup.amazonaws.com' }) } }, attach('arn:aws-us-gov:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup', 'backup'))).toEqual([]);
    expect(found(role({ Service: 'ec2.amazonaws.com' }), attach('arn:aws:iam::aws:policy/AdministratorAccess'))).toEqual([]);
  });
});
