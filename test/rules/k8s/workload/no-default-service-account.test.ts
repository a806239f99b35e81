import { noDefaultServiceAccount } from '../../../../lib/rules/k8s/workload/no-default-service-account';
import { deployment } from '../../../helpers/fixtures';
import { clone, runRule, violations } from '../../../helpers/rule-test';
import { WORKLOAD_KINDS, POD_SPEC_PATH, specOf, workloadOfKind } from '../../../helpers/workloads';

describe('k8s-no-default-service-account', () => {
  test('passes a pod with its own ServiceAccount', () => {
    expect(violations(noDefaultServiceAccount, [deployment])).toEqual([]);
  });

  test('flags a pod that names none, and says what to create', () => {
    const d = clone(deployment) as any;
    delete d.spec.template.spec.serviceAccountName;
    const [f] = runRule(noDefaultServiceAccount, [d]).unwaived;
    expect(`${f.path}: ${f.message}`).toBe(
      "spec.template.spec.serviceAccountName: the pod names no serviceAccountName, so it runs as the namespace's 'default' ServiceAccount",
    );
    expect(f.fix).toBe("Create a ServiceAccount for 'api' (with automountServiceAccountToken: false) and set spec.template.spec.serviceAccountName to its name.");
  });

  test("flags a pod that names 'default', through either field", () => {
    const d = clone(deployment) as any;
    d.spec.template.spec.serviceAccountName = 'default';
    expect(violations(noDefaultServiceAccount, [d])).toEqual([
      "spec.template.spec.serviceAccountName: the pod runs as the namespace's 'default' ServiceAccount",
    ]);
    delete d.spec.template.spec.serviceAccountName;
    d.spec.template.spec.serviceAccount = 'default';
    expect(violations(noDefaultServiceAccount, [d])).toHaveLength(1);
    d.spec.template.spec.serviceAccount = 'api';
    expect(violations(noDefaultServiceAccount, [d])).toEqual([]);
  });

  test.each(WORKLOAD_KINDS)('checks the pod of a %s at its own path', (kind) => {
    const obj = workloadOfKind(kind);
    expect(violations(noDefaultServiceAccount, [obj])).toEqual([]);
    specOf(obj).serviceAccountName = '';
    expect(violations(noDefaultServiceAccount, [obj])).toEqual([
      `${POD_SPEC_PATH[kind]}.serviceAccountName: the pod names no serviceAccountName, so it runs as the namespace's 'default' ServiceAccount`,
    ]);
  });
});
