import { validSecurityContext } from '../../../../lib/rules/k8s/workload/valid-security-context';
import { compliantSet, deployment } from '../../../helpers/fixtures';
import { clone, runRule, violations } from '../../../helpers/rule-test';

function withContext(sc: object, podSc?: object): any {
  const d = clone(deployment) as any;
  Object.assign(d.spec.template.spec.containers[0].securityContext, sc);
  if (podSc) Object.assign(d.spec.template.spec.securityContext, podSc);
  return d;
}

describe('k8s-valid-security-context', () => {
  test('passes the compliant objects, and privileged with escalation allowed (judged by k8s-privileged, not here)', () => {
    expect(violations(validSecurityContext, compliantSet())).toEqual([]);
    expect(violations(validSecurityContext, [withContext({ privileged: true, allowPrivilegeEscalation: true })])).toEqual([]);
  });

  test('flags privileged: true with allowPrivilegeEscalation: false, with a fix naming both ways out', () => {
    const [f] = runRule(validSecurityContext, [withContext({ privileged: true })]).unwaived;
    expect(`${f.path}: ${f.message}`).toBe(
      "spec.template.spec.containers[0].securityContext.privileged: container 'api' sets privileged: true together with allowPrivilegeEscalation: false, which the API server refuses (a privileged container can always escalate)",
    );
    expect(f.fix).toBe(
      'Either drop spec.template.spec.containers[0].securityContext.privileged, or set spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation: true and waive k8s-allow-privilege-escalation with the reason the container needs its privileges.',
    );
  });

  test('flags SYS_ADMIN with allowPrivilegeEscalation: false', () => {
    expect(violations(validSecurityContext, [withContext({ capabilities: { drop: ['ALL'], add: ['SYS_ADMIN'] } })])).toEqual([
      "spec.template.spec.containers[0].securityContext.capabilities.add: container 'api' adds SYS_ADMIN together with allowPrivilegeEscalation: false, which the API server refuses (SYS_ADMIN allows escalation)",
    ]);
  });

  test('flags UIDs and GIDs outside 0..2147483647', () => {
    expect(violations(validSecurityContext, [withContext({ runAsUser: -1 }, { fsGroup: 2 ** 31, supplementalGroups: [1.5] })])).toEqual([
      "spec.template.spec.containers[0].securityContext.runAsUser: container 'api' sets runAsUser: -1 is not a whole number between 0 and 2147483647",
      'spec.template.spec.securityContext.fsGroup: the pod sets fsGroup: 2147483648 is not a whole number between 0 and 2147483647',
      'spec.template.spec.securityContext.supplementalGroups[0]: the pod sets supplementalGroups[0]: 1.5 is not a whole number between 0 and 2147483647',
    ]);
  });
});
