import type { Rule } from '../../../check/rule';
import { CLOUDWATCH_LOG_GROUP } from '../support/eks';
import { SIX_YEARS_IN_DAYS } from '../support/six-years';

const CONTROL_PLANE_LOG_GROUP = /^\/aws\/eks\/[^/]+\/cluster$/;

/** The control-plane log group keeps its events six years. */
export const eksControlPlaneLogRetention: Rule = {
  id: 'aws-eks-control-plane-log-retention',
  title: 'An EKS control-plane log group must keep its events for at least six years',
  description:
    'The log group EKS writes control-plane logs to (/aws/eks/<cluster>/cluster) holds the Kubernetes audit trail. ' +
    'CloudWatch Logs keeps events forever only when retentionInDays is unset or 0; a shorter retention deletes the ' +
    `evidence of who accessed PHI before the six years HIPAA documentation retention asks for (${SIX_YEARS_IN_DAYS} days, ` +
    'the CloudWatch value for six years). Applies to log groups named /aws/eks/<cluster>/cluster.',
  severity: 'error',
  controls: ['164.316(b)(2)(i)', '164.312(b)'],
  kinds: [CLOUDWATCH_LOG_GROUP],
  fix: `Set retentionInDays to ${SIX_YEARS_IN_DAYS} or more (2557, 2922, 3288, 3653) (HipaaEksCluster's logRetentionInDays defaults to ${SIX_YEARS_IN_DAYS}).`,
  check(resource, _ctx, report) {
    const name: unknown = resource.body.name;
    if (typeof name !== 'string' || !CONTROL_PLANE_LOG_GROUP.test(name)) return;
    const days: unknown = resource.body.retentionInDays;
    if (days === undefined || days === null || days === 0) return;
    if (typeof days !== 'number' || days < SIX_YEARS_IN_DAYS) {
      report({ path: 'retentionInDays', message: `log group '${name}' keeps the EKS audit trail ${JSON.stringify(days)} days, less than six years (${SIX_YEARS_IN_DAYS})` });
    }
  },
};
