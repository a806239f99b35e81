import { bindingToClusterRole, roleWith } from './helpers';
import { rbacPrivilegeEscalation } from '../../../../lib/rules/k8s/rbac/rbac-privilege-escalation';
import { readerBinding, readerRole } from '../../../helpers/rbac-fixtures';
import { violations } from '../../../helpers/rule-test';

const RBAC = 'rbac.authorization.k8s.io';

describe('k8s-rbac-privilege-escalation', () => {
  test('passes a role without escalation verbs, and one that only reads RBAC objects', () => {
    const auditor = roleWith({ apiGroups: [RBAC], resources: ['roles', 'rolebindings'], verbs: ['get', 'list', 'watch'] });
    expect(violations(rbacPrivilegeEscalation, [readerRole, readerBinding, auditor])).toEqual([]);
  });

  test('flags escalate on roles', () => {
    expect(violations(rbacPrivilegeEscalation, [roleWith({ apiGroups: [RBAC], resources: ['roles'], verbs: ['create', 'escalate'] })])).toEqual([
      "rules[2].verbs[1]: verb 'escalate' grants escalate on roles: the holder can write roles with permissions it does not hold itself",
    ]);
  });

  test('flags bind on clusterroles, naming the roles it is limited to', () => {
    const r = roleWith({ apiGroups: [RBAC], resources: ['clusterroles'], resourceNames: ['view'], verbs: ['bind'] }, 'ClusterRole');
    expect(violations(rbacPrivilegeEscalation, [r])).toEqual([
      "rules[2].verbs[0]: verb 'bind' grants bind on clusterroles (only names 'view'): the holder can bind roles with permissions it does not hold itself, to itself or anyone",
    ]);
  });

  test('flags impersonate on users, groups and ServiceAccounts, and on UIDs', () => {
    expect(violations(rbacPrivilegeEscalation, [roleWith({ apiGroups: [''], resources: ['serviceaccounts'], verbs: ['impersonate'] })])).toEqual([
      "rules[2].verbs[0]: verb 'impersonate' grants impersonate on serviceaccounts: the holder can act as other users, groups or ServiceAccounts, with their permissions",
    ]);
    expect(violations(rbacPrivilegeEscalation, [roleWith({ apiGroups: ['authentication.k8s.io'], resources: ['uids'], verbs: ['impersonate'] }, 'ClusterRole')])).toEqual([
      "rules[2].verbs[0]: verb 'impersonate' grants impersonate on uids: the holder can act as other users, groups or ServiceAccounts, with their permissions",
    ]);
  });

  test('flags create on serviceaccounts/token, not on serviceaccounts', () => {
    expect(violations(rbacPrivilegeEscalation, [roleWith({ apiGroups: [''], resources: ['serviceaccounts', 'serviceaccounts/token'], verbs: ['create'] })])).toEqual([
      "rules[2].verbs[0]: verb 'create' grants create on serviceaccounts/token: the holder can mint tokens for ServiceAccounts and act as them",
    ]);
    expect(violations(rbacPrivilegeEscalation, [roleWith({ apiGroups: [''], resources: ['serviceaccounts'], verbs: ['create'] })])).toEqual([]);
  });

  test('passes escalation verbs on resources or API groups they do not apply to', () => {
    expect(violations(rbacPrivilegeEscalation, [
      roleWith({ apiGroups: [''], resources: ['roles'], verbs: ['escalate', 'bind'] }),
      roleWith({ apiGroups: ['apps'], resources: ['deployments'], verbs: ['impersonate'] }),
    ])).toEqual([]);
  });

  test("flags every escalation a role of '*' grants", () => {
    expect(violations(rbacPrivilegeEscalation, [roleWith({ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, 'ClusterRole')])).toEqual([
      // One finding for the '*' entry, naming every escalation it grants (was four findings at the same path).
      "rules[2].verbs[0]: verb '*' grants escalate on roles (the holder can write roles with permissions it does not hold itself), " +
        'bind on roles (the holder can bind roles with permissions it does not hold itself, to itself or anyone), ' +
        'impersonate on users (the holder can act as other users, groups or ServiceAccounts, with their permissions) and ' +
        'create on serviceaccounts/token (the holder can mint tokens for ServiceAccounts and act as them)',
    ]);
  });

  test('flags bindings to the built-in admin and edit ClusterRoles, which impersonate ServiceAccounts', () => {
    expect(violations(rbacPrivilegeEscalation, [bindingToClusterRole('admin'), bindingToClusterRole('view')])).toEqual([
      "roleRef.name: grants built-in ClusterRole 'admin', which can impersonate every ServiceAccount, in namespace 'clinic' to Group 'clinic-phi-readers'",
    ]);
  });
});
