import { publicNamespace, service } from './fixtures';
import { WAIVERS_ANNOTATION } from '../../../../lib/check/waiver';
import { PHI_LABEL } from '../../../../lib/labels';
import { phiServiceExposure } from '../../../../lib/rules/k8s/exposure/phi-service-exposure';
import { POD_KINDS } from '../../../../lib/rules/k8s/pod';
import { compliantSet, NS } from '../../../helpers/fixtures';
import { clone, runRule, violations, TEST_SOON } from '../../../helpers/rule-test';
import { workloadOfKind } from '../../../helpers/workloads';

/** The fixture Service with another type (and namespace, when given). */
function serviceOfType(type: string, ns = NS): any {
  const s = clone(service) as any;
  s.spec.type = type;
  s.metadata.namespace = ns;
  return s;
}

describe('k8s-phi-service-exposure', () => {
  test('passes a ClusterIP Service in front of the PHI workload', () => {
    expect(violations(phiServiceExposure, [...compliantSet(), service])).toEqual([]);
  });

  test('passes a Service that names no type (ClusterIP by default)', () => {
    const s = clone(service) as any;
    delete s.spec.type;
    expect(violations(phiServiceExposure, [...compliantSet(), s])).toEqual([]);
  });

  test('flags a NodePort Service that selects a PHI workload', () => {
    expect(violations(phiServiceExposure, [...compliantSet(), serviceOfType('NodePort')])).toEqual([
      "spec.type: type NodePort exposes the Service outside the cluster network, and it selects PHI workload Deployment 'api'",
    ]);
  });

  test('flags a LoadBalancer Service in a PHI namespace even when it selects no PHI workload', () => {
    const s = serviceOfType('LoadBalancer');
    s.spec.selector = { 'app.kubernetes.io/name': 'docs' };
    expect(violations(phiServiceExposure, [...compliantSet(), s])).toEqual([
      "spec.type: type LoadBalancer exposes the Service outside the cluster network, and it is in PHI namespace 'clinic'",
    ]);
  });

  test('flags externalIPs on a ClusterIP Service of a PHI workload', () => {
    const s = clone(service) as any;
    s.spec.externalIPs = ['203.0.113.10', '203.0.113.11'];
    expect(violations(phiServiceExposure, [...compliantSet(), s])).toEqual([
      "spec.externalIPs: externalIPs '203.0.113.10', '203.0.113.11' expose the Service outside the cluster network, and it selects PHI workload Deployment 'api'",
    ]);
  });

  test('flags both the type and externalIPs when a LoadBalancer also has externalIPs', () => {
    const s = serviceOfType('LoadBalancer');
    s.spec.externalIPs = ['203.0.113.10'];
    expect(violations(phiServiceExposure, [...compliantSet(), s])).toEqual([
      "spec.externalIPs: externalIPs '203.0.113.10' expose the Service outside the cluster network, and it selects PHI workload Deployment 'api'",
      "spec.type: type LoadBalancer exposes the Service outside the cluster network, and it selects PHI workload Deployment 'api'",
    ]);
  });

  test('passes a LoadBalancer for a non-PHI workload in a non-PHI namespace', () => {
    expect(violations(phiServiceExposure, [
      publicNamespace(),
      workloadOfKind('Deployment', { namespace: 'public', phi: 'false' }),
      serviceOfType('LoadBalancer', 'public'),
    ])).toEqual([]);
  });

  test('fails closed: a LoadBalancer in a namespace that is not in the set counts as PHI, unless unclassifiedIsPhi is off', () => {
    const set = [workloadOfKind('Deployment', { namespace: 'elsewhere', phi: 'false' }), serviceOfType('LoadBalancer', 'elsewhere')];
    expect(violations(phiServiceExposure, set)).toEqual([
      `spec.type: type LoadBalancer exposes the Service outside the cluster network, and it is in namespace 'elsewhere', which is not classified by a ${PHI_LABEL} label (no Namespace object for it was checked) and so counts as PHI`,
    ]);
    expect(violations(phiServiceExposure, set, { unclassifiedIsPhi: false })).toEqual([]);
  });

  test('fails closed: a NodePort in front of a workload without the PHI label is flagged, unless unclassifiedIsPhi is off', () => {
    const w = workloadOfKind('Deployment', { namespace: 'public' });
    delete w.metadata.labels[PHI_LABEL];
    delete w.spec.template.metadata.labels[PHI_LABEL];
    const set = [publicNamespace(), w, serviceOfType('NodePort', 'public')];
    expect(violations(phiServiceExposure, set)).toEqual([
      `spec.type: type NodePort exposes the Service outside the cluster network, and it selects workload Deployment 'api', which is not classified by a ${PHI_LABEL} label and so counts as PHI`,
    ]);
    expect(violations(phiServiceExposure, set, { unclassifiedIsPhi: false })).toEqual([]);
    // A mislabelled workload ("yes" is neither "true" nor "false") is unclassified too.
    w.metadata.labels[PHI_LABEL] = 'yes';
    expect(violations(phiServiceExposure, set)).toHaveLength(1);
  });

  test('a workload labelled "false" in a PHI namespace is PHI: the namespace decides', () => {
    const w = workloadOfKind('Deployment', { phi: 'false' });
    expect(violations(phiServiceExposure, [...compliantSet().filter((o: any) => o.kind !== 'Deployment'), w, serviceOfType('NodePort')], { unclassifiedIsPhi: false })).toEqual([
      "spec.type: type NodePort exposes the Service outside the cluster network, and it is in PHI namespace 'clinic'",
    ]);
  });

  test.each(POD_KINDS.map((k) => [k]))('flags a NodePort selecting the pods of a PHI %s in a non-PHI namespace', (kind) => {
    expect(violations(phiServiceExposure, [
      publicNamespace(),
      workloadOfKind(kind, { namespace: 'public', phi: 'true' }),
      serviceOfType('NodePort', 'public'),
    ])).toEqual([`spec.type: type NodePort exposes the Service outside the cluster network, and it selects PHI workload ${kind} 'api'`]);
  });

  test('flags a workload labelled PHI on itself though its pod template is not', () => {
    const w = workloadOfKind('StatefulSet', { namespace: 'public', phi: 'false' });
    w.metadata.labels[PHI_LABEL] = 'true';
    expect(violations(phiServiceExposure, [publicNamespace(), w, serviceOfType('NodePort', 'public')])).toEqual([
      "spec.type: type NodePort exposes the Service outside the cluster network, and it selects PHI workload StatefulSet 'api'",
    ]);
  });

  test('names every PHI workload the Service selects', () => {
    expect(violations(phiServiceExposure, [
      publicNamespace(),
      workloadOfKind('Deployment', { name: 'api', namespace: 'public', phi: 'true' }),
      workloadOfKind('StatefulSet', { name: 'db', namespace: 'public', phi: 'true' }),
      serviceOfType('NodePort', 'public'),
    ])).toEqual([
      "spec.type: type NodePort exposes the Service outside the cluster network, and it selects PHI workloads Deployment 'api', StatefulSet 'db'",
    ]);
  });

  test('passes a NodePort whose selector matches only non-PHI pods, not the PHI ones', () => {
    const s = serviceOfType('NodePort', 'public');
    s.spec.selector = { 'app.kubernetes.io/name': 'docs' };
    const docs = workloadOfKind('Deployment', { name: 'docs', namespace: 'public', phi: 'false' });
    docs.spec.template.metadata.labels['app.kubernetes.io/name'] = 'docs';
    expect(violations(phiServiceExposure, [publicNamespace(), workloadOfKind('Deployment', { namespace: 'public', phi: 'true' }), docs, s])).toEqual([]);
  });

  test('fails closed: a NodePort that selects no workload of the set fronts unknown pods, which count as PHI', () => {
    const s = serviceOfType('NodePort', 'public');
    s.spec.selector = { 'app.kubernetes.io/name': 'api', 'tier': 'edge' };
    const set = [publicNamespace(), workloadOfKind('Deployment', { namespace: 'public', phi: 'true' }), s];
    expect(violations(phiServiceExposure, set)).toEqual([
      `spec.type: type NodePort exposes the Service outside the cluster network, and it selects no workload of the checked set, so the pods behind it are not classified by a ${PHI_LABEL} label and count as PHI`,
    ]);
    expect(violations(phiServiceExposure, set, { unclassifiedIsPhi: false })).toEqual([]);
    s.metadata.labels = { [PHI_LABEL]: 'false' };
    expect(violations(phiServiceExposure, set)).toEqual([]);
    s.metadata.labels = { [PHI_LABEL]: 'true' };
    expect(violations(phiServiceExposure, set, { unclassifiedIsPhi: false })).toEqual([
      `spec.type: type NodePort exposes the Service outside the cluster network, and it is labelled ${PHI_LABEL}: "true"`,
    ]);
  });

  test('does not select PHI pods of another namespace', () => {
    expect(violations(phiServiceExposure, [
      publicNamespace(),
      publicNamespace('other'),
      workloadOfKind('Deployment', { namespace: 'other', phi: 'true' }),
      workloadOfKind('Deployment', { namespace: 'public', phi: 'false' }),
      serviceOfType('NodePort', 'public'),
    ])).toEqual([]);
  });

  test('a Service without a selector, or with an empty one, selects no pods: its endpoints are unknown, so it counts as PHI unless labelled "false"', () => {
    const none = serviceOfType('NodePort', 'public');
    delete none.spec.selector;
    const empty = serviceOfType('NodePort', 'public');
    empty.metadata.name = 'empty';
    empty.spec.selector = {};
    const set = [publicNamespace(), workloadOfKind('Deployment', { namespace: 'public', phi: 'true' }), none, empty];
    const unknown = `spec.type: type NodePort exposes the Service outside the cluster network, and it selects no workload of the checked set, so the pods behind it are not classified by a ${PHI_LABEL} label and count as PHI`;
    expect(violations(phiServiceExposure, set)).toEqual([unknown, unknown]);
    expect(violations(phiServiceExposure, set, { unclassifiedIsPhi: false })).toEqual([]);
    none.metadata.labels = { [PHI_LABEL]: 'false' };
    empty.metadata.labels = { [PHI_LABEL]: 'false' };
    expect(violations(phiServiceExposure, set)).toEqual([]);
  });

  test('a Service without a namespace lands in the default namespace', () => {
    const s = serviceOfType('NodePort');
    delete s.metadata.namespace;
    expect(violations(phiServiceExposure, [...compliantSet(), s], { defaultNamespace: NS })).toEqual([
      "spec.type: type NodePort exposes the Service outside the cluster network, and it selects PHI workload Deployment 'api'",
    ]);
    // In the default namespace no workload is selected and no Namespace object classifies it: it counts as PHI.
    expect(violations(phiServiceExposure, [...compliantSet(), s])).toEqual([
      `spec.type: type NodePort exposes the Service outside the cluster network, and it is in namespace 'default', which is not classified by a ${PHI_LABEL} label (no Namespace object for it was checked) and so counts as PHI`,
    ]);
    expect(violations(phiServiceExposure, [...compliantSet(), s], { unclassifiedIsPhi: false })).toEqual([]);
  });

  test('a waiver with its reason accepts an exposed PHI Service', () => {
    const s = serviceOfType('LoadBalancer');
    s.metadata.annotations = {
      [WAIVERS_ANNOTATION]: JSON.stringify([{ ruleId: 'k8s-phi-service-exposure', reason: 'internal NLB with TLS listener, reviewed in SEC-42', expires: TEST_SOON }]),
    };
    const result = runRule(phiServiceExposure, [...compliantSet(), s]);
    expect(result.unwaived).toEqual([]);
    expect(result.waived.map((f) => f.path)).toEqual(['spec.type']);
  });
});
