import { cluster, findings } from './fixtures';
import { eksControlPlaneLogs } from '../../../../lib/rules/aws/eks/eks-control-plane-logs';

describe('aws-eks-control-plane-logs', () => {
  test('flags a cluster without logs, and one without the audit and authenticator logs', () => {
    expect(findings(eksControlPlaneLogs, [cluster({ enabledClusterLogTypes: undefined })])).toEqual([
      "prod enabledClusterLogTypes: EKS cluster 'prod' does not log api, audit, authenticator, controllerManager, scheduler (enabledClusterLogTypes is not set)",
    ]);
    expect(findings(eksControlPlaneLogs, [cluster({ enabledClusterLogTypes: ['api', 'controllerManager', 'scheduler'] })])).toEqual([
      "prod enabledClusterLogTypes: EKS cluster 'prod' does not log audit, authenticator (enabledClusterLogTypes is [\"api\",\"controllerManager\",\"scheduler\"])",
    ]);
  });

  test('passes all five log types in any order', () => {
    expect(findings(eksControlPlaneLogs, [cluster({ enabledClusterLogTypes: ['scheduler', 'audit', 'api', 'authenticator', 'controllerManager'] })])).toEqual([]);
  });
});
