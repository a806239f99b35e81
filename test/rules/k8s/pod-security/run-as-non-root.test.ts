import { runAsNonRoot } from '../../../../lib/rules/k8s/pod-security/run-as-non-root';
import { deployment } from '../../../helpers/fixtures';
import { clone, violations } from '../../../helpers/rule-test';

describe('k8s-run-as-non-root', () => {
  test('passes a pod that requires non-root', () => {
    expect(violations(runAsNonRoot, [deployment])).toEqual([]);
  });

  test('flags a container when neither it nor the pod requires non-root', () => {
    const d = clone(deployment);
    delete (d.spec.template.spec.securityContext as any).runAsNonRoot;
    delete (d.spec.template.spec.containers[0].securityContext as any).runAsNonRoot;
    expect(violations(runAsNonRoot, [d])).toEqual([
      "spec.template.spec.containers[0].securityContext.runAsNonRoot: container 'api' may run as root: neither it nor the pod sets runAsNonRoot: true",
    ]);
  });

  test('flags an explicit false on the pod even when containers say true', () => {
    const d = clone(deployment);
    (d.spec.template.spec.securityContext as any).runAsNonRoot = false;
    expect(violations(runAsNonRoot, [d])).toEqual(['spec.template.spec.securityContext.runAsNonRoot: the pod sets runAsNonRoot: false']);
  });
});
