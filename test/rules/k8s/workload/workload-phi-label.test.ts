import { PHI_LABEL } from '../../../../lib/labels';
import { workloadPhiLabel } from '../../../../lib/rules/k8s/workload/workload-phi-label';
import { deployment } from '../../../helpers/fixtures';
import { clone, runRule, violations } from '../../../helpers/rule-test';
import { WORKLOAD_KINDS, workloadOfKind } from '../../../helpers/workloads';

const OBJ = `metadata.labels["${PHI_LABEL}"]`;
const TPL = `spec.template.metadata.labels["${PHI_LABEL}"]`;

describe('k8s-workload-phi-label', () => {
  test('passes a workload labelled on the object and the pod template', () => {
    expect(violations(workloadPhiLabel, [deployment])).toEqual([]);
  });

  test('passes "false" as well as "true"', () => {
    const d = clone(deployment) as any;
    d.metadata.labels[PHI_LABEL] = 'false';
    d.spec.template.metadata.labels[PHI_LABEL] = 'false';
    expect(violations(workloadPhiLabel, [d])).toEqual([]);
  });

  test('flags a missing label on the object, and says what to set', () => {
    const d = clone(deployment) as any;
    delete d.metadata.labels[PHI_LABEL];
    const [f] = runRule(workloadPhiLabel, [d]).unwaived;
    expect(`${f.path}: ${f.message}`).toBe(`${OBJ}: Deployment 'api' has no ${PHI_LABEL} label`);
    expect(f.fix).toBe(`Set ${OBJ} to "true" if the workload stores or processes PHI, else "false".`);
  });

  test('flags a missing label on the pod template, and a template without metadata', () => {
    const d = clone(deployment) as any;
    delete d.spec.template.metadata.labels[PHI_LABEL];
    expect(violations(workloadPhiLabel, [d])).toEqual([`${TPL}: the pod template has no ${PHI_LABEL} label`]);
    delete d.spec.template.metadata;
    expect(violations(workloadPhiLabel, [d])).toEqual([`${TPL}: the pod template has no ${PHI_LABEL} label`]);
  });

  test('flags values other than "true" and "false", and an unquoted boolean', () => {
    const d = clone(deployment) as any;
    d.metadata.labels[PHI_LABEL] = 'yes';
    d.spec.template.metadata.labels[PHI_LABEL] = true;
    const found = runRule(workloadPhiLabel, [d]).unwaived;
    expect(found.map((f) => `${f.path}: ${f.message}`)).toEqual([
      `${OBJ}: Deployment 'api' sets ${PHI_LABEL} to "yes"; it must be "true" or "false"`,
      `${TPL}: the pod template sets ${PHI_LABEL} to the boolean true; label values are strings`,
    ]);
    expect(found[1].fix).toBe(`Quote the value: ${TPL}: "true".`);
  });

  test('flags a pod template that disagrees with the object', () => {
    const d = clone(deployment) as any;
    d.spec.template.metadata.labels[PHI_LABEL] = 'false';
    expect(violations(workloadPhiLabel, [d])).toEqual([`${TPL}: the pod template sets ${PHI_LABEL}: "false" but the object sets "true"`]);
  });

  test('a Pod is checked once, on its own metadata', () => {
    const pod = workloadOfKind('Pod');
    expect(violations(workloadPhiLabel, [pod])).toEqual([]);
    delete pod.metadata.labels;
    expect(violations(workloadPhiLabel, [pod])).toEqual([`${OBJ}: Pod 'api' has no ${PHI_LABEL} label`]);
  });

  test('a CronJob needs it on the object, the job template and the pod template', () => {
    const cj = workloadOfKind('CronJob');
    expect(violations(workloadPhiLabel, [cj])).toEqual([]);
    delete cj.spec.jobTemplate.metadata;
    delete cj.spec.jobTemplate.spec.template.metadata.labels[PHI_LABEL];
    expect(violations(workloadPhiLabel, [cj])).toEqual([
      `spec.jobTemplate.metadata.labels["${PHI_LABEL}"]: the job template has no ${PHI_LABEL} label`,
      `spec.jobTemplate.spec.template.metadata.labels["${PHI_LABEL}"]: the pod template has no ${PHI_LABEL} label`,
    ]);
  });

  test.each(WORKLOAD_KINDS.filter((k) => k !== 'Pod'))('checks both places on a %s', (kind) => {
    const obj = workloadOfKind(kind);
    expect(violations(workloadPhiLabel, [obj])).toEqual([]);
    delete obj.metadata.labels;
    expect(violations(workloadPhiLabel, [obj])).toEqual([`${OBJ}: ${kind} 'api' has no ${PHI_LABEL} label`]);
  });
});
