import * as core from '../../../../lib';
import { PHI_LABEL } from '../../../../lib/labels';
import { phiNamespaceMtls, phiNamespaceMtlsRule } from '../../../../lib/rules/k8s/mesh/phi-namespace-mtls';
import { deployment, namespace, NS } from '../../../helpers/fixtures';
import { clone, runRule, TEST_SOON, violations } from '../../../helpers/rule-test';

/** The PHI namespace fixture without its Linkerd annotations, with these labels and annotations added. */
function ns(labels: Record<string, string> = {}, annotations?: Record<string, string>): any {
  const n = clone(namespace) as any;
  delete n.metadata.annotations;
  Object.assign(n.metadata.labels, labels);
  if (annotations) n.metadata.annotations = annotations;
  return n;
}

function peerAuthentication(mode: string | undefined, namespaceName = NS, extra: Record<string, unknown> = {}, name = 'default'): any {
  return {
    apiVersion: 'security.istio.io/v1',
    kind: 'PeerAuthentication',
    metadata: { name, namespace: namespaceName },
    spec: { ...(mode ? { mtls: { mode } } : {}), ...extra },
  };
}

const ISTIO = { 'istio-injection': 'enabled' };
const LINKERD = { 'linkerd.io/inject': 'enabled', 'config.linkerd.io/default-inbound-policy': 'deny' };
const LABELLED = `Namespace 'clinic' is labelled ${PHI_LABEL}: "true" but`;
const NO_STRICT = `metadata.name: ${LABELLED} no Istio PeerAuthentication in mode STRICT covers it: neither one without a selector in the namespace nor one mesh-wide in 'istio-system'`;

describe('k8s-phi-namespace-mtls', () => {
  test('flags a PHI namespace with no mesh at all, as a warning (the check passes)', () => {
    const result = runRule(phiNamespaceMtls, [ns()]);
    expect(result.unwaived.map((f) => `${f.severity} ${f.path}: ${f.message}`)).toEqual([`warning ${NO_STRICT}`]);
    expect(result.passed).toBe(true);
  });

  test('passes Istio: a namespace-wide STRICT PeerAuthentication and the pods in the mesh (injection label, revision or ambient)', () => {
    for (const labels of [ISTIO, { 'istio.io/rev': '1-30-3' }, { 'istio.io/dataplane-mode': 'ambient' }] as Record<string, string>[]) {
      expect(violations(phiNamespaceMtls, [ns(labels), peerAuthentication('STRICT')])).toEqual([]);
    }
  });

  test('passes a mesh-wide STRICT PeerAuthentication in istio-system, also when the namespace\'s own leaves the mode UNSET', () => {
    expect(violations(phiNamespaceMtls, [ns(ISTIO), peerAuthentication('STRICT', 'istio-system')])).toEqual([]);
    expect(violations(phiNamespaceMtls, [ns(ISTIO), peerAuthentication(undefined), peerAuthentication('STRICT', 'istio-system')])).toEqual([]);
  });

  test('flags STRICT without the pods in the mesh, and a STRICT PeerAuthentication that selects only some pods', () => {
    expect(violations(phiNamespaceMtls, [ns(), peerAuthentication('STRICT')])).toEqual([
      `metadata.labels: ${LABELLED} its pods are not in the Istio mesh (no label istio-injection: enabled, istio.io/rev or istio.io/dataplane-mode: ambient), so the STRICT PeerAuthentication protects nothing`,
    ]);
    expect(violations(phiNamespaceMtls, [ns(ISTIO), peerAuthentication('STRICT', NS, { selector: { matchLabels: { app: 'api' } } })])).toEqual([NO_STRICT]);
  });

  test('flags a mesh-wide PeerAuthentication that is not STRICT, and an UNSET one in the namespace with no mesh-wide default', () => {
    expect(violations(phiNamespaceMtls, [ns(ISTIO), peerAuthentication('PERMISSIVE', 'istio-system', {}, 'mesh')])).toEqual([`${NO_STRICT} (the mesh-wide one, 'mesh', is PERMISSIVE)`]);
    expect(violations(phiNamespaceMtls, [ns(ISTIO), peerAuthentication(undefined)])).toEqual([
      `metadata.name: ${LABELLED} no Istio PeerAuthentication in mode STRICT covers it (its PeerAuthentication 'default' leaves the mode UNSET, and there is none mesh-wide in 'istio-system'): neither one without a selector in the namespace nor one mesh-wide in 'istio-system'`,
    ]);
  });

  test('flags a PeerAuthentication in mode PERMISSIVE or DISABLE, whole or per port, in a PHI namespace (on the PeerAuthentication, not twice)', () => {
    expect(violations(phiNamespaceMtls, [ns(ISTIO), peerAuthentication('PERMISSIVE')])).toEqual([
      "spec.mtls.mode: PeerAuthentication 'default' in PHI namespace 'clinic' has mode PERMISSIVE, which accepts plain-text connections",
    ]);
    expect(violations(phiNamespaceMtls, [ns(ISTIO), peerAuthentication('DISABLE')])).toEqual([
      "spec.mtls.mode: PeerAuthentication 'default' in PHI namespace 'clinic' has mode DISABLE, which accepts plain-text connections",
    ]);
    expect(violations(phiNamespaceMtls, [ns(ISTIO), peerAuthentication('STRICT', NS, { portLevelMtls: { 9090: { mode: 'DISABLE' }, 8080: { mode: 'STRICT' } } })])).toEqual([
      "spec.portLevelMtls[\"9090\"].mode: PeerAuthentication 'default' in PHI namespace 'clinic' has mode DISABLE on port 9090, which accepts plain-text connections",
    ]);
  });

  test('passes Linkerd with injection and a default inbound policy that requires mTLS', () => {
    for (const policy of ['deny', 'all-authenticated', 'cluster-authenticated']) {
      expect(violations(phiNamespaceMtls, [ns({}, { ...LINKERD, 'config.linkerd.io/default-inbound-policy': policy })])).toEqual([]);
    }
  });

  test('flags Linkerd without injection, or with a default inbound policy that accepts plain text', () => {
    expect(violations(phiNamespaceMtls, [ns({}, { 'config.linkerd.io/default-inbound-policy': 'deny' })])).toEqual([
      `metadata.annotations["linkerd.io/inject"]: ${LABELLED} its pods are not in the Linkerd mesh (linkerd.io/inject is not set, not "enabled")`,
    ]);
    expect(violations(phiNamespaceMtls, [ns({}, { 'linkerd.io/inject': 'enabled' })])).toEqual([
      `metadata.annotations["config.linkerd.io/default-inbound-policy"]: ${LABELLED} Linkerd's default inbound policy is not set (the cluster default, all-unauthenticated unless changed at install), which accepts plain-text clients; set it to "deny"`,
    ]);
    expect(violations(phiNamespaceMtls, [ns({}, { ...LINKERD, 'config.linkerd.io/default-inbound-policy': 'all-unauthenticated' })])).toEqual([
      `metadata.annotations["config.linkerd.io/default-inbound-policy"]: ${LABELLED} Linkerd's default inbound policy is "all-unauthenticated", which accepts plain-text clients; set it to "deny"`,
    ]);
  });

  test('passes namespaces classified not PHI (and their PeerAuthentications), flags unclassified ones unless unclassifiedIsPhi is off', () => {
    const pub = ns({ [PHI_LABEL]: 'false' });
    expect(violations(phiNamespaceMtls, [pub, peerAuthentication('PERMISSIVE')])).toEqual([]);
    const unlabelled = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } };
    expect(violations(phiNamespaceMtls, [unlabelled])).toEqual([
      `metadata.name: Namespace 'clinic' has no ${PHI_LABEL} label of "true" or "false" (unclassified, it counts as PHI) but no Istio PeerAuthentication in mode STRICT covers it: neither one without a selector in the namespace nor one mesh-wide in 'istio-system'`,
    ]);
    expect(violations(phiNamespaceMtls, [unlabelled], { unclassifiedIsPhi: false })).toEqual([]);
  });

  test('a restore-test scratch namespace is not asked for mTLS', () => {
    expect(violations(phiNamespaceMtls, [ns({}, { 'hipaa-constructs.io/restore-test-of': 'velero/daily' })])).toEqual([]);
  });

  test('configurable: severity error fails the check; another Istio root namespace', () => {
    const strict = phiNamespaceMtlsRule({ severity: 'error', istioRootNamespace: 'istio-config' });
    const result = runRule(strict, [ns(ISTIO), peerAuthentication('STRICT', 'istio-system')]);
    expect(result.passed).toBe(false);
    expect(result.unwaived.map((f) => `${f.severity} ${f.message}`)).toEqual([
      `error ${LABELLED} no Istio PeerAuthentication in mode STRICT covers it: neither one without a selector in the namespace nor one mesh-wide in 'istio-config'`,
    ]);
    expect(violations(strict, [ns(ISTIO), peerAuthentication('STRICT', 'istio-config')])).toEqual([]);
    expect(strict.id).toBe(phiNamespaceMtls.id);
  });

  test('the configurable rule is public: the README tells users to build their pack with it from hipaa-constructs', () => {
    expect(core.phiNamespaceMtlsRule).toBe(phiNamespaceMtlsRule);
    // The recipe of its doc comment: the pack keeps every other rule and holds the configured one once.
    const pack = { ...core.kubernetesPack, rules: core.kubernetesPack.rules.map((r) => r.id === 'k8s-phi-namespace-mtls' ? core.phiNamespaceMtlsRule({ severity: 'error' }) : r) };
    expect(pack.rules.filter((r) => r.id === 'k8s-phi-namespace-mtls').map((r) => r.severity)).toEqual(['error']);
    expect(pack.rules).toHaveLength(core.kubernetesPack.rules.length);
  });

  describe('a pod that opts out of the namespace\'s mesh', () => {
    /** The Deployment fixture with these pod labels and annotations added (its namespace is the PHI one). */
    function api(labels: Record<string, string> = {}, annotations: Record<string, string> = {}, namespaceName = NS): any {
      const d = clone(deployment) as any;
      d.metadata.namespace = namespaceName;
      Object.assign(d.spec.template.metadata.labels, labels);
      Object.assign(d.spec.template.metadata.annotations, annotations);
      return d;
    }
    const pod = (labels: Record<string, string>, annotations: Record<string, string> = {}): any => {
      const d = api(labels, annotations);
      return { apiVersion: 'v1', kind: 'Pod', metadata: { ...d.spec.template.metadata, name: 'api', namespace: NS }, spec: d.spec.template.spec };
    };
    const ISTIO_SET = [ns(ISTIO), peerAuthentication('STRICT')];
    const OUT = 'Deployment \'api\' in PHI namespace \'clinic\', whose pods are in the';

    test('flags Istio: sidecar.istio.io/inject false (label, or the deprecated annotation), or any value Istio does not read as true', () => {
      expect(violations(phiNamespaceMtls, [...ISTIO_SET, api({ 'sidecar.istio.io/inject': 'false' })])).toEqual([
        `spec.template.metadata.labels["sidecar.istio.io/inject"]: ${OUT} Istio mesh, opts out of it (label sidecar.istio.io/inject: "false"): its pods accept and send plain text and have no mesh identity`,
      ]);
      expect(violations(phiNamespaceMtls, [...ISTIO_SET, api({}, { 'sidecar.istio.io/inject': 'no' })])).toEqual([
        `spec.template.metadata.annotations["sidecar.istio.io/inject"]: ${OUT} Istio mesh, opts out of it (annotation sidecar.istio.io/inject: "no"): its pods accept and send plain text and have no mesh identity`,
      ]);
      // The label wins over the annotation, as in Istio's injector.
      expect(violations(phiNamespaceMtls, [...ISTIO_SET, api({ 'sidecar.istio.io/inject': 'true' }, { 'sidecar.istio.io/inject': 'false' })])).toEqual([]);
      expect(violations(phiNamespaceMtls, [...ISTIO_SET, pod({ 'sidecar.istio.io/inject': 'false' })])).toEqual([
        'metadata.labels["sidecar.istio.io/inject"]: Pod \'api\' in PHI namespace \'clinic\', whose pods are in the Istio mesh, opts out of it (label sidecar.istio.io/inject: "false"): its pods accept and send plain text and have no mesh identity',
      ]);
    });

    test('flags Linkerd: linkerd.io/inject disabled on the pod; Istio ambient: istio.io/dataplane-mode none', () => {
      expect(violations(phiNamespaceMtls, [ns({}, LINKERD), api({}, { 'linkerd.io/inject': 'disabled' })])).toEqual([
        `spec.template.metadata.annotations["linkerd.io/inject"]: ${OUT} Linkerd mesh, opts out of it (annotation linkerd.io/inject: "disabled"): its pods accept and send plain text and have no mesh identity`,
      ]);
      expect(violations(phiNamespaceMtls, [ns({ 'istio.io/dataplane-mode': 'ambient' }), peerAuthentication('STRICT'), api({ 'istio.io/dataplane-mode': 'none' })])).toEqual([
        `spec.template.metadata.labels["istio.io/dataplane-mode"]: ${OUT} Istio ambient mesh, opts out of it (label istio.io/dataplane-mode: "none"): its pods accept and send plain text and have no mesh identity`,
      ]);
    });

    test('passes pods in the mesh (no switch, or one that injects), and the other mesh\'s opt-out', () => {
      for (const [labels, annotations] of [[{}, {}], [{ 'sidecar.istio.io/inject': 'true' }, {}], [{}, { 'sidecar.istio.io/inject': 'Yes' }], [{}, { 'linkerd.io/inject': 'disabled' }]] as Record<string, string>[][]) {
        expect(violations(phiNamespaceMtls, [...ISTIO_SET, api(labels, annotations)])).toEqual([]);
      }
      for (const annotations of [{}, { 'linkerd.io/inject': 'enabled' }, { 'linkerd.io/inject': 'ingress' }, { 'sidecar.istio.io/inject': 'false' }] as Record<string, string>[]) {
        expect(violations(phiNamespaceMtls, [ns({}, LINKERD), api({}, annotations)])).toEqual([]);
      }
    });

    test('passes an opt-out where the namespace shows no mesh (the namespace is flagged instead) or is not PHI', () => {
      expect(violations(phiNamespaceMtls, [ns(), peerAuthentication('STRICT'), api({ 'sidecar.istio.io/inject': 'false' })])).toEqual([
        `metadata.labels: ${LABELLED} its pods are not in the Istio mesh (no label istio-injection: enabled, istio.io/rev or istio.io/dataplane-mode: ambient), so the STRICT PeerAuthentication protects nothing`,
      ]);
      expect(violations(phiNamespaceMtls, [ns({ ...ISTIO, [PHI_LABEL]: 'false' }), api({ 'sidecar.istio.io/inject': 'false' })])).toEqual([]);
    });

    test('an opt-out is accepted with a waiver on the workload, which the reports show', () => {
      const waived = api({ 'sidecar.istio.io/inject': 'false' });
      waived.metadata.annotations = {
        'hipaa-constructs.io/waivers': JSON.stringify([{ ruleId: 'k8s-phi-namespace-mtls', reason: 'Probe of NetworkPolicies, outside the mesh by design', expires: TEST_SOON }]),
      };
      const result = runRule(phiNamespaceMtls, [...ISTIO_SET, waived]);
      expect(result.unwaived).toEqual([]);
      expect(result.waived.map((f) => f.ruleId)).toEqual(['k8s-phi-namespace-mtls']);
    });
  });
});
