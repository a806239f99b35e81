import { rbacNoAnonymous } from '../../../../lib/rules/k8s/rbac/rbac-no-anonymous';
import { readerBinding } from '../../../helpers/rbac-fixtures';
import { clone, violations } from '../../../helpers/rule-test';

/** The fixture RoleBinding with one more subject (subjects[1]). */
function bindingWith(kind: string, name: string, bindingKind = 'RoleBinding'): any {
  const b = clone(readerBinding) as any;
  b.kind = bindingKind;
  b.subjects.push({ apiGroup: 'rbac.authorization.k8s.io', kind, name });
  return b;
}

describe('k8s-rbac-no-anonymous', () => {
  test('passes a binding to a named group', () => {
    expect(violations(rbacNoAnonymous, [readerBinding])).toEqual([]);
  });

  test('flags user system:anonymous', () => {
    expect(violations(rbacNoAnonymous, [bindingWith('User', 'system:anonymous')])).toEqual([
      "subjects[1].name: grants Role 'phi-reader' to User 'system:anonymous', which is every request that carries no credentials",
    ]);
  });

  test('flags group system:unauthenticated on a ClusterRoleBinding', () => {
    const b = bindingWith('Group', 'system:unauthenticated', 'ClusterRoleBinding');
    b.roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' };
    expect(violations(rbacNoAnonymous, [b])).toEqual([
      "subjects[1].name: grants ClusterRole 'view' to Group 'system:unauthenticated', which is every request that carries no credentials",
    ]);
  });

  test('flags group system:authenticated: every identity, every ServiceAccount included', () => {
    expect(violations(rbacNoAnonymous, [bindingWith('Group', 'system:authenticated')])).toEqual([
      "subjects[1].name: grants Role 'phi-reader' to Group 'system:authenticated', which is every authenticated identity, including every ServiceAccount of every namespace",
    ]);
  });

  test('flags the groups that hold every ServiceAccount, cluster-wide or of one namespace', () => {
    expect(violations(rbacNoAnonymous, [bindingWith('Group', 'system:serviceaccounts')])).toEqual([
      "subjects[1].name: grants Role 'phi-reader' to Group 'system:serviceaccounts', which is every ServiceAccount of every namespace",
    ]);
    expect(violations(rbacNoAnonymous, [bindingWith('Group', 'system:serviceaccounts:clinic')])).toEqual([
      "subjects[1].name: grants Role 'phi-reader' to Group 'system:serviceaccounts:clinic', which is every ServiceAccount of namespace 'clinic', so any pod there inherits it",
    ]);
    expect(violations(rbacNoAnonymous, [bindingWith('User', 'system:serviceaccounts:clinic')])).toEqual([]);
  });

  test('flags each offending subject at its own path', () => {
    const b = bindingWith('User', 'system:anonymous');
    b.subjects.push({ kind: 'Group', name: 'system:authenticated', apiGroup: 'rbac.authorization.k8s.io' });
    expect(violations(rbacNoAnonymous, [b]).map((v) => v.split(':')[0])).toEqual(['subjects[1].name', 'subjects[2].name']);
  });

  test('matches the kind as well as the name (a Group named system:anonymous has no members)', () => {
    expect(violations(rbacNoAnonymous, [bindingWith('Group', 'system:anonymous'), bindingWith('User', 'system:authenticated')])).toEqual([]);
  });

  test('passes a binding without subjects and tolerates malformed ones', () => {
    const b = clone(readerBinding) as any;
    b.subjects = [null, 'system:anonymous'];
    const none = clone(readerBinding) as any;
    delete none.subjects;
    expect(violations(rbacNoAnonymous, [b, none])).toEqual([]);
  });
});
