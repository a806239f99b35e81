import { rbacNoAnonymous } from './rbac-no-anonymous';
import { rbacNoClusterAdmin } from './rbac-no-cluster-admin';
import { rbacNoWildcards } from './rbac-no-wildcards';
import { rbacPodExec } from './rbac-pod-exec';
import { rbacPrivilegeEscalation } from './rbac-privilege-escalation';
import { rbacSecretAccess } from './rbac-secret-access';
import type { RulePack } from '../../../check/rule';

/** RBAC: least-privilege roles and bindings. */
export const rbacPack: RulePack = {
  name: 'kubernetes-rbac',
  description:
    'RBAC: least-privilege roles and bindings: no wildcards, no cluster-admin, nothing granted to anonymous or all ' +
    'authenticated users, Secrets readable only by roles meant to, no exec into pods, no privilege escalation verbs.',
  rules: [rbacNoWildcards, rbacNoClusterAdmin, rbacNoAnonymous, rbacSecretAccess, rbacPodExec, rbacPrivilegeEscalation],
};
