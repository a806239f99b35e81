import { bindingToClusterRole, roleWith } from './helpers';
import { rbacPodExec } from '../../../../lib/rules/k8s/rbac/rbac-pod-exec';
import { readerBinding, readerRole } from '../../../helpers/rbac-fixtures';
import { violations } from '../../../helpers/rule-test';

describe('k8s-rbac-pod-exec', () => {
  test('passes a role that reads pods and their logs', () => {
    const r = roleWith({ apiGroups: [''], resources: ['pods/log'], verbs: ['get'] });
    expect(violations(rbacPodExec, [readerRole, readerBinding, r])).toEqual([]);
  });

  test('flags create on pods/exec (kubectl exec)', () => {
    expect(violations(rbacPodExec, [roleWith({ apiGroups: [''], resources: ['pods', 'pods/exec'], verbs: ['create'] })])).toEqual([
      "rules[2].resources[1]: grants 'create' on pods/exec: the holder can run any command inside the pods and read the PHI they hold",
    ]);
  });

  test('flags get on pods/exec, which opens it over WebSocket', () => {
    expect(violations(rbacPodExec, [roleWith({ apiGroups: [''], resources: ['pods/exec'], verbs: ['get', 'list'] }, 'ClusterRole')])).toEqual([
      "rules[2].resources[0]: grants 'get' on pods/exec: the holder can run any command inside the pods and read the PHI they hold",
    ]);
  });

  test('flags pods/attach and pods/portforward', () => {
    expect(violations(rbacPodExec, [roleWith({ apiGroups: [''], resources: ['pods/attach', 'pods/portforward'], verbs: ['create', 'get'] })])).toEqual([
      "rules[2].resources[0]: grants 'create', 'get' on pods/attach: the holder can attach to the pods' running processes and read their input and output",
      "rules[2].resources[1]: grants 'create', 'get' on pods/portforward: the holder can open connections to any port of the pods, past Services and NetworkPolicies",
    ]);
  });

  test('flags the subresources reached through wildcards', () => {
    expect(violations(rbacPodExec, [roleWith({ apiGroups: ['*'], resources: ['*/exec'], verbs: ['*'] })])).toEqual([
      "rules[2].resources[0]: grants '*' on pods/exec through '*/exec': the holder can run any command inside the pods and read the PHI they hold",
    ]);
    expect(violations(rbacPodExec, [roleWith({ apiGroups: [''], resources: ['*'], verbs: ['create'] })])).toEqual([
      "rules[2].resources[0]: grants 'create' on pods/exec, pods/attach and pods/portforward through '*': the holder can run commands in, attach to and open connections to every pod",
    ]);
  });

  test('names the pods a role is limited to with resourceNames', () => {
    expect(violations(rbacPodExec, [roleWith({ apiGroups: [''], resources: ['pods/exec'], resourceNames: ['debug'], verbs: ['create'] })])).toEqual([
      "rules[2].resources[0]: grants 'create' on pods/exec (only names 'debug'): the holder can run any command inside the pods and read the PHI they hold",
    ]);
  });

  test('passes verbs that do not open the subresources, and other API groups', () => {
    expect(violations(rbacPodExec, [
      roleWith({ apiGroups: [''], resources: ['pods/exec', 'pods/attach'], verbs: ['list', 'watch', 'delete'] }),
      roleWith({ apiGroups: ['metrics.k8s.io'], resources: ['pods/exec'], verbs: ['create'] }),
    ])).toEqual([]);
  });

  test('flags bindings to the built-in admin and edit ClusterRoles, not view', () => {
    expect(violations(rbacPodExec, [bindingToClusterRole('edit'), bindingToClusterRole('view')])).toEqual([
      "roleRef.name: grants built-in ClusterRole 'edit', which can exec, attach and port-forward into every pod, in namespace 'clinic' to Group 'clinic-phi-readers'",
    ]);
  });
});
