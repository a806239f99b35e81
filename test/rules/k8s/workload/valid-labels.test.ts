import { validLabels } from '../../../../lib/rules/k8s/workload/valid-labels';
import { compliantSet, deployment } from '../../../helpers/fixtures';
import { clone, runRule, violations } from '../../../helpers/rule-test';

describe('k8s-valid-labels', () => {
  test('passes the compliant objects, empty values and prefixed keys', () => {
    expect(violations(validLabels, compliantSet())).toEqual([]);
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { 'example.com/team': '', 'a_b.c-d': 'X.y_z-1' }, annotations: { 'example.com/note': 'any text at all, of any length' } } };
    expect(violations(validLabels, [cm])).toEqual([]);
  });

  test('flags a label value over 63 characters, suggesting a shorter one', () => {
    const d = clone(deployment) as any;
    d.metadata.labels['app.kubernetes.io/name'] = 'a'.repeat(70);
    const [f] = runRule(validLabels, [d]).unwaived;
    expect(`${f.path}: ${f.message}`).toBe(`metadata.labels["app.kubernetes.io/name"]: label value '${'a'.repeat(70)}' is 70 characters long; a label value must be at most 63`);
    expect(f.fix).toBe(`Set metadata.labels["app.kubernetes.io/name"] to a valid label value, e.g. '${'a'.repeat(63)}'.`);
  });

  test('flags bad values, keys and annotation keys, in the pod template too', () => {
    const d = clone(deployment) as any;
    d.metadata.labels = { 'owner': 'alice@example.com', 'Bad_Prefix/x': 'y', 'flag': true };
    d.spec.template.metadata.annotations = { '/empty-prefix': 'v' };
    expect(violations(validLabels, [d])).toEqual([
      "metadata.labels[\"Bad_Prefix/x\"]: label key 'Bad_Prefix/x' has an invalid prefix 'Bad_Prefix': it must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.') of at most 253 characters",
      'metadata.labels["flag"]: label value true is not a string',
      "metadata.labels[\"owner\"]: label value 'alice@example.com' is not a valid label value: use at most 63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
      "spec.template.metadata.annotations[\"/empty-prefix\"]: annotation key '/empty-prefix' has an invalid prefix '': it must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.') of at most 253 characters",
    ]);
  });
});
