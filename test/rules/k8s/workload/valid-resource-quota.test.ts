import { validResourceQuota } from '../../../../lib/rules/k8s/workload/valid-resource-quota';
import { compliantSet } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';

function quota(hard: Record<string, unknown>): object {
  return { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'quota', namespace: 'clinic' }, spec: { hard } };
}

describe('k8s-valid-resource-quota', () => {
  test('passes the compliant objects and a valid quota', () => {
    expect(violations(validResourceQuota, compliantSet())).toEqual([]);
    expect(violations(validResourceQuota, [quota({ 'requests.cpu': '8', 'limits.memory': '32Gi', 'pods': '50', 'services.nodeports': 0 })])).toEqual([]);
  });

  test('flags amounts that are not quantities or are negative, with a fix', () => {
    const found = runRule(validResourceQuota, [quota({ 'requests.memory': '16GB', 'pods': '-1' })]).unwaived;
    expect(found.map((f) => `${f.path}: ${f.message}`)).toEqual([
      'spec.hard["pods"]: ResourceQuota amount pods: "-1" is negative; it must be 0 or more',
      'spec.hard["requests.memory"]: ResourceQuota amount requests.memory: "16GB" is not a Kubernetes quantity (a number with an optional suffix, e.g. 500m, 0.5, 128Mi, 1Gi)',
    ]);
    expect(found[1].fix).toBe('Set spec.hard["requests.memory"] to a Kubernetes quantity of 0 or more.');
  });
});
