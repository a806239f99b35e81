import { bindingToClusterRole, roleWith } from './helpers';
import { WAIVERS_ANNOTATION } from '../../../../lib/check/waiver';
import { rbacSecretAccess } from '../../../../lib/rules/k8s/rbac/rbac-secret-access';
import { readerBinding, readerRole } from '../../../helpers/rbac-fixtures';
import { runRule, violations, TEST_SOON } from '../../../helpers/rule-test';

describe('k8s-rbac-secret-access', () => {
  test('passes a role that cannot read Secrets, and its binding', () => {
    expect(violations(rbacSecretAccess, [readerRole, readerBinding])).toEqual([]);
  });

  test('flags get on secrets', () => {
    expect(violations(rbacSecretAccess, [roleWith({ apiGroups: [''], resources: ['configmaps', 'secrets'], verbs: ['get'] })])).toEqual([
      "rules[2].resources[1]: grants 'get' on secrets: the holder can read Secret values",
    ]);
  });

  test('flags list and watch, which return every Secret with its values, on a ClusterRole', () => {
    expect(violations(rbacSecretAccess, [roleWith({ apiGroups: [''], resources: ['secrets'], verbs: ['list', 'watch'] }, 'ClusterRole')])).toEqual([
      "rules[2].resources[0]: grants 'list', 'watch' on secrets: the holder can read Secret values",
    ]);
  });

  test('flags patch, whose response is the whole Secret', () => {
    expect(violations(rbacSecretAccess, [roleWith({ apiGroups: [''], resources: ['secrets'], verbs: ['create', 'patch'] })])).toEqual([
      "rules[2].resources[0]: grants 'patch' on secrets: the holder can read Secret values",
    ]);
  });

  test('passes verbs that write or delete Secrets without reading them', () => {
    expect(violations(rbacSecretAccess, [roleWith({ apiGroups: [''], resources: ['secrets'], verbs: ['create', 'update', 'delete'] })])).toEqual([]);
  });

  test('flags reading through wildcards in verbs, resources and API groups', () => {
    expect(violations(rbacSecretAccess, [roleWith({ apiGroups: [''], resources: ['*'], verbs: ['list'] })])).toEqual([
      "rules[2].resources[0]: grants 'list' on secrets through '*': the holder can read Secret values",
    ]);
    expect(violations(rbacSecretAccess, [roleWith({ apiGroups: ['*'], resources: ['secrets'], verbs: ['*'] })])).toEqual([
      "rules[2].resources[0]: grants '*' on secrets: the holder can read Secret values",
    ]);
  });

  test('passes secrets named under another API group, and rules without apiGroups', () => {
    expect(violations(rbacSecretAccess, [
      roleWith({ apiGroups: ['external-secrets.io'], resources: ['secrets'], verbs: ['get'] }),
      roleWith({ resources: ['secrets'], verbs: ['get'] }),
    ])).toEqual([]);
  });

  test('names the Secrets a role is limited to with resourceNames', () => {
    expect(violations(rbacSecretAccess, [roleWith({ apiGroups: [''], resources: ['secrets'], resourceNames: ['db-creds'], verbs: ['get'] })])).toEqual([
      "rules[2].resources[0]: grants 'get' on secrets (only names 'db-creds'): the holder can read Secret values",
    ]);
  });

  test('a role meant to read Secrets carries a waiver with its reason; the finding is kept as waived', () => {
    const r = roleWith({ apiGroups: [''], resources: ['secrets'], resourceNames: ['db-creds'], verbs: ['get'] });
    r.metadata.annotations = {
      [WAIVERS_ANNOTATION]: JSON.stringify([{ ruleId: 'k8s-rbac-secret-access', reason: 'migration job reads the database credentials once at start', expires: TEST_SOON }]),
    };
    const result = runRule(rbacSecretAccess, [r]);
    expect(result.unwaived).toEqual([]);
    expect(result.waived.map((f) => `${f.path}: ${f.waiver?.reason}`)).toEqual([
      'rules[2].resources[0]: migration job reads the database credentials once at start',
    ]);
  });

  test('flags bindings to the built-in admin and edit ClusterRoles, which read every Secret', () => {
    expect(violations(rbacSecretAccess, [bindingToClusterRole('edit')])).toEqual([
      "roleRef.name: grants built-in ClusterRole 'edit', which reads every Secret, in namespace 'clinic' to Group 'clinic-phi-readers'",
    ]);
    expect(violations(rbacSecretAccess, [bindingToClusterRole('admin', 'ClusterRoleBinding')])).toEqual([
      "roleRef.name: grants built-in ClusterRole 'admin', which reads every Secret, in every namespace to Group 'clinic-phi-readers'",
    ]);
  });

  test('passes a binding to the built-in view ClusterRole, and to a Role named edit', () => {
    const toRoleNamedEdit = bindingToClusterRole('edit');
    toRoleNamedEdit.roleRef.kind = 'Role';
    expect(violations(rbacSecretAccess, [bindingToClusterRole('view'), toRoleNamedEdit])).toEqual([]);
  });
});
