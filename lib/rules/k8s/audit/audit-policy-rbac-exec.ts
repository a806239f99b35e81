import { policyDocuments } from './policy-documents';
import type { Rule } from '../../../check/rule';
import { omittedEvents, PROBE_USERS } from '../support/audit-policy';

/** RBAC changes and exec/attach/port-forward into pods must be logged. */
export const auditPolicyRbacExec: Rule = {
  id: 'k8s-audit-policy-rbac-exec',
  title: 'An audit Policy must log RBAC changes and exec, attach and port-forward into pods',
  description:
    'Changes to Roles, ClusterRoles and their bindings grant access to PHI; exec, attach and port-forward reach inside ' +
    'running pods past the application\'s own access control. An audit trail that drops them cannot show who gave ' +
    'or used such access. The Policy is evaluated as the API server does (first matching rule wins) for writes (create, ' +
    'update, patch, delete, deletecollection) of the four RBAC resources and for create and get (WebSocket) of ' +
    `pods/exec, pods/attach and pods/portforward, made by an ordinary user (${PROBE_USERS[0].user}, group system:authenticated) ` +
    'and by a cluster administrator (group system:masters); an event whose first matching rule has level None, that no ' +
    'rule matches, or whose stages (RequestReceived and ResponseComplete; ResponseStarted too for exec, attach and ' +
    'port-forward) are all in the omitStages of the Policy and of that rule, is omitted. Rules limited to other named ' +
    'users (e.g. system components) are not judged.',
  severity: 'error',
  controls: ['164.312(b)', '164.308(a)(1)(ii)(D)', '164.308(a)(4)'],
  kinds: ['Policy', 'ConfigMap'],
  fix:
    'Put rules `- level: RequestResponse` for writes of rbac.authorization.k8s.io roles, rolebindings, clusterroles and ' +
    'clusterrolebindings and for pods/exec, pods/attach and pods/portforward before any None rule that matches them. AuditSink writes such a Policy.',
  check(resource, _ctx, report) {
    for (const { policy, prefix } of policyDocuments(resource)) {
      if (!Array.isArray(policy.rules) || policy.rules.length === 0) continue; // k8s-audit-policy-no-rules
      const byRule = new Map<string, { index: number; why: string; what: string[] }>();
      for (const d of omittedEvents(policy)) {
        const key = `${d.index}:${d.why}`;
        const entry = byRule.get(key) ?? { index: d.index, why: d.why, what: [] };
        entry.what.push(d.what);
        byRule.set(key, entry);
      }
      for (const { index, why, what } of byRule.values()) {
        let message: string;
        if (index < 0) message = `no rule matches ${what.join(', ')}, so these events are not logged`;
        else if (why === 'level') message = `level None drops ${what.join(', ')}: the first rule that matches them logs nothing`;
        else message = `omitStages (of the Policy and this rule) leaves no stage of ${what.join(', ')} to log: the first rule that matches them writes no event`;
        report({ path: index < 0 ? `${prefix}rules` : `${prefix}rules[${index}]`, message });
      }
    }
  },
};

