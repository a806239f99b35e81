import type { Rule } from '../../../check/rule';
import { CLOUDWATCH_RETENTION_DAYS } from '../support/cloudwatch-retention';
import { SIX_YEARS_IN_DAYS } from '../support/six-years';

// One rule per fact: the EKS pack's aws-eks-control-plane-log-retention judges these (and HipaaEksCluster's waivers name it).
const EKS_CONTROL_PLANE_LOG_GROUP = /^\/aws\/eks\/[^/]+\/cluster$/;

/** Log groups keep their logs at least six years. */
export const logGroupRetention: Rule = {
  id: 'aws-log-group-retention',
  title: `CloudWatch log groups must keep logs at least 6 years (retentionInDays >= ${SIX_YEARS_IN_DAYS}, or never expire)`,
  description:
    'Audit logs are documentation HIPAA requires to be kept six years (164.316(b)(2)(i)). A log group with a shorter ' +
    'retention deletes them before that. Unset (or 0) means never expire, which keeps them; a value CloudWatch Logs does ' +
    `not accept (it takes only ${CLOUDWATCH_RETENTION_DAYS.join(', ')}) is reported too, as the deployment would fail. ` +
    'The EKS control-plane log groups (/aws/eks/<cluster>/cluster) are judged by aws-eks-control-plane-log-retention instead.',
  severity: 'error',
  controls: ['164.316(b)(2)(i)', '164.312(b)'],
  kinds: ['aws:cloudwatch/logGroup:LogGroup'],
  fix: `Set retentionInDays to ${SIX_YEARS_IN_DAYS} (or one of ${CLOUDWATCH_RETENTION_DAYS.filter((d) => d > SIX_YEARS_IN_DAYS).join(', ')}), or leave it unset to never expire; ` +
    'to keep logs shorter here, deliver them to a write-once bucket (HipaaAuditStore logGroups) and waive this rule on the log group.',
  check(resource, _ctx, report) {
    if (typeof resource.body.name === 'string' && EKS_CONTROL_PLANE_LOG_GROUP.test(resource.body.name)) return;
    const days: unknown = resource.body.retentionInDays;
    if (days === undefined || days === 0) return;
    if (typeof days !== 'number' || !CLOUDWATCH_RETENTION_DAYS.includes(days)) {
      report({ path: 'retentionInDays', message: `log group '${resource.name}' has retentionInDays ${JSON.stringify(days)}, which CloudWatch Logs does not accept` });
    } else if (days < SIX_YEARS_IN_DAYS) {
      report({ path: 'retentionInDays', message: `log group '${resource.name}' keeps logs ${days} days, less than the 6 years (${SIX_YEARS_IN_DAYS} days) audit records must be kept` });
    }
  },
};
