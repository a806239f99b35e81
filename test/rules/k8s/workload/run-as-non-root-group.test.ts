import { runAsNonRootGroup } from '../../../../lib/rules/k8s/workload/run-as-non-root-group';
import { compliantSet } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';
import { POD_SPEC_PATH, specOf, WORKLOAD_KINDS, workloadOfKind } from '../../../helpers/workloads';

describe('k8s-run-as-non-root-group', () => {
  test('passes the compliant objects and non-zero groups', () => {
    expect(violations(runAsNonRootGroup, compliantSet())).toEqual([]);
    const obj = workloadOfKind('Deployment');
    specOf(obj).securityContext.supplementalGroups = [10002];
    specOf(obj).containers[0].securityContext.runAsGroup = 10003;
    expect(violations(runAsNonRootGroup, [obj])).toEqual([]);
  });

  test.each(WORKLOAD_KINDS)('flags GID 0 and fsGroup 0 in a %s, pod and container level, with a fix', (kind) => {
    const obj = workloadOfKind(kind);
    const spec = specOf(obj);
    spec.securityContext.runAsGroup = 0;
    spec.securityContext.fsGroup = 0;
    spec.securityContext.supplementalGroups = [10002, 0];
    spec.containers[0].securityContext.runAsGroup = 0;
    const found = runRule(runAsNonRootGroup, [obj]).unwaived;
    const p = POD_SPEC_PATH[kind];
    expect(found.map((f) => `${f.path}: ${f.message}`)).toEqual([
      `${p}.containers[0].securityContext.runAsGroup: container 'api' sets securityContext.runAsGroup: 0, the root group`,
      `${p}.securityContext.fsGroup: the pod sets securityContext.fsGroup: 0, the root group`,
      `${p}.securityContext.runAsGroup: the pod sets securityContext.runAsGroup: 0, the root group`,
      `${p}.securityContext.supplementalGroups[1]: the pod adds supplemental group 0, the root group, to every container`,
    ]);
    expect(found[1].fix).toBe(`Set ${p}.securityContext.fsGroup to a non-zero GID (10000 or above, e.g. 10001).`);
  });
});
