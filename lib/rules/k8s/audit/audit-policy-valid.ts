import { policyDocuments, unreadablePolicies } from './policy-documents';
import type { Rule } from '../../../check/rule';
import { policyValidityProblems } from '../support/audit-policy-validity';

/** An audit Policy must be one the API server loads. */
export const auditPolicyValid: Rule = {
  id: 'k8s-audit-policy-valid',
  title: 'An audit Policy must be one the API server loads',
  description:
    'kube-apiserver validates the file named by its audit policy file flag when it starts and does not start when the Policy is ' +
    'invalid, so a mistake there takes the control plane down or, on the next upgrade, leaves the cluster without the ' +
    'audit trail. Refused by the API server and flagged here: a level other than None, Metadata, Request or ' +
    'RequestResponse (case matters), an unknown stage in omitStages, a non-resource URL that does not start with \'/\' or ' +
    'has \'*\' before its end, a rule with both nonResourceURLs and resources or namespaces, a group that is not an API ' +
    'group name (`rbac.authorization.k8s.io/v1`), resourceNames without resources, and fields of the wrong shape (a map ' +
    'or a string where a list goes), and a ConfigMap value that declares a Policy but is not valid YAML. Checked on Policy ' +
    'documents (audit.k8s.io) given as files and in the data of ConfigMaps.',
  severity: 'error',
  controls: ['164.312(b)'],
  kinds: ['Policy', 'ConfigMap'],
  fix: 'Correct the field as the message says, or write the Policy with AuditSink (hipaa-constructs/cdk8s), which refuses such rules.',
  check(resource, _ctx, report) {
    for (const u of unreadablePolicies(resource)) {
      report({ path: u.path, message: `declares an audit Policy but is not valid YAML (${u.reason}): kube-apiserver refuses to load this audit Policy` });
    }
    for (const { policy, prefix } of policyDocuments(resource)) {
      for (const p of policyValidityProblems(policy)) {
        // The field's own name starts the message (the path says where it is): `level is ...`, `nonResourceURLs[0] '/x' ...`.
        report({ path: `${prefix}${p.path}`, message: `${p.path.split('.').pop()} ${p.message}: kube-apiserver refuses to load this audit Policy` });
      }
    }
  },
};
