import { findings, KEY, res } from './fixtures';
import { eksControlPlaneLogRetention } from '../../../../lib/rules/aws/eks/eks-control-plane-log-retention';

const logGroup = (name: string, retentionInDays?: number) => res('aws:cloudwatch/logGroup:LogGroup', 'logs', { name, retentionInDays, kmsKeyId: KEY });

describe('aws-eks-control-plane-log-retention', () => {
  test('flags an EKS control-plane log group kept less than six years', () => {
    expect(findings(eksControlPlaneLogRetention, [logGroup('/aws/eks/prod/cluster', 365)])).toEqual([
      "logs retentionInDays: log group '/aws/eks/prod/cluster' keeps the EKS audit trail 365 days, less than six years (2192)",
    ]);
  });

  test('passes six years, longer, never-expire, and other log groups', () => {
    expect(findings(eksControlPlaneLogRetention, [logGroup('/aws/eks/prod/cluster', 2192), logGroup('/aws/eks/b/cluster', 3653), logGroup('/aws/eks/c/cluster', 0), logGroup('/aws/eks/d/cluster')])).toEqual([]);
    expect(findings(eksControlPlaneLogRetention, [logGroup('/app/web', 30)])).toEqual([]);
  });
});
