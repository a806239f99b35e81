import { PHI_LABEL } from '../../../../lib/labels';
import { namespacePhiLabel } from '../../../../lib/rules/k8s/namespace/namespace-phi-label';
import { deployment, namespace } from '../../../helpers/fixtures';
import { clone, violations } from '../../../helpers/rule-test';
import { WORKLOAD_KINDS, workloadOfKind } from '../../../helpers/workloads';

const rule = namespacePhiLabel;
const PATH = `metadata.labels["${PHI_LABEL}"]`;

function namespaceWithPhi(value: unknown): any {
  const ns = clone(namespace) as any;
  if (value === undefined) delete ns.metadata.labels[PHI_LABEL];
  else ns.metadata.labels[PHI_LABEL] = value;
  return ns;
}

/** The fixture deployment with the PHI label set to 'false' on itself and its pods. */
function nonPhiDeployment(): any {
  const d = clone(deployment) as any;
  d.metadata.labels[PHI_LABEL] = 'false';
  d.spec.template.metadata.labels[PHI_LABEL] = 'false';
  return d;
}

describe('k8s-namespace-phi-label', () => {
  test('passes a namespace classified as holding PHI, with its PHI workload', () => {
    expect(violations(rule, [namespace, deployment])).toEqual([]);
  });

  test("passes a namespace classified 'false' whose workloads do not handle PHI", () => {
    expect(violations(rule, [namespaceWithPhi('false'), nonPhiDeployment()])).toEqual([]);
  });

  test('flags a namespace without the label', () => {
    expect(violations(rule, [namespaceWithPhi(undefined)])).toEqual([
      `${PATH}: label ${PHI_LABEL} is not set, so the namespace is not classified as holding PHI or not`,
    ]);
  });

  test('flags a namespace without any labels', () => {
    const ns = clone(namespace) as any;
    delete ns.metadata.labels;
    expect(violations(rule, [ns])).toEqual([
      `${PATH}: label ${PHI_LABEL} is not set, so the namespace is not classified as holding PHI or not`,
    ]);
  });

  test('flags an unquoted YAML boolean', () => {
    expect(violations(rule, [namespaceWithPhi(true)])).toEqual([
      `${PATH}: label ${PHI_LABEL} is the YAML boolean true, but label values must be strings: quote it as "true"`,
    ]);
  });

  test.each([
    ['yes', "'yes'"],
    ['True', "'True'"],
    ['', "''"],
    [1, '1'],
  ])('flags the value %p', (value, shown) => {
    expect(violations(rule, [namespaceWithPhi(value)])).toEqual([`${PATH}: label ${PHI_LABEL} is ${shown}; it must be "true" or "false"`]);
  });

  test("flags a namespace classified 'false' that runs a workload labeled as handling PHI", () => {
    expect(violations(rule, [namespaceWithPhi('false'), deployment])).toEqual([
      `${PATH}: namespace is classified '${PHI_LABEL}: false' but Deployment 'api' in it is labeled '${PHI_LABEL}: true'`,
    ]);
  });

  test('sees a PHI label on the pod template only, for every pod-bearing kind', () => {
    for (const kind of WORKLOAD_KINDS) {
      const w = workloadOfKind(kind);
      if (kind !== 'Pod') w.metadata.labels = { 'app.kubernetes.io/name': 'api' };
      expect(violations(rule, [namespaceWithPhi('false'), w])).toEqual([
        `${PATH}: namespace is classified '${PHI_LABEL}: false' but ${kind} 'api' in it is labeled '${PHI_LABEL}: true'`,
      ]);
    }
  });

  test('names the first PHI workload of the namespace, and ignores PHI workloads of other namespaces', () => {
    const other = clone(deployment) as any;
    other.metadata.name = 'elsewhere';
    other.metadata.namespace = 'billing';
    const second = clone(deployment) as any;
    second.metadata.name = 'worker';
    expect(violations(rule, [other, nonPhiDeployment(), namespaceWithPhi('false'), second])).toEqual([
      `${PATH}: namespace is classified '${PHI_LABEL}: false' but Deployment 'worker' in it is labeled '${PHI_LABEL}: true'`,
    ]);
    expect(violations(rule, [other, namespaceWithPhi('false')])).toEqual([]);
  });
});
