import { ingress, service } from './fixtures';
import { ingressPhiPlaintextBackend } from '../../../../lib/rules/k8s/transport/ingress-phi-plaintext-backend';
import { compliantSet, NS } from '../../../helpers/fixtures';
import { clone, violations } from '../../../helpers/rule-test';
import { publicNamespace } from '../exposure/fixtures';

const A = 'nginx.ingress.kubernetes.io/';
const BACKEND = 'spec.rules[0].http.paths[0].backend.service.name';
const PHI = "Service 'api' selects PHI workload Deployment 'api'";

function withAnnotations(annotations: Record<string, string | undefined>): any {
  const i = clone(ingress) as any;
  for (const [k, v] of Object.entries(annotations)) {
    if (v === undefined) delete i.metadata.annotations[k];
    else i.metadata.annotations[k] = v;
  }
  return i;
}

/** The compliant namespace (a PHI api Deployment), its Service and `ing`. */
const set = (ing: object) => [...compliantSet(), clone(service), ing];

describe('k8s-ingress-phi-plaintext-backend', () => {
  test('passes HTTPS to the PHI pods with the backend certificate verified', () => {
    expect(violations(ingressPhiPlaintextBackend, set(ingress))).toEqual([]);
  });

  test('flags a PHI backend reached over plain HTTP (no backend-protocol)', () => {
    const i = withAnnotations({ [`${A}backend-protocol`]: undefined });
    expect(violations(ingressPhiPlaintextBackend, set(i))).toEqual([
      `${BACKEND}: ${PHI}, and ingress-nginx forwards to it in plain text (no ${A}backend-protocol annotation (HTTP))`,
    ]);
  });

  test('flags backend-protocol GRPC, passes GRPCS and ssl-passthrough', () => {
    expect(violations(ingressPhiPlaintextBackend, set(withAnnotations({ [`${A}backend-protocol`]: 'GRPC' })))).toEqual([
      `${BACKEND}: ${PHI}, and ingress-nginx forwards to it in plain text (${A}backend-protocol: GRPC)`,
    ]);
    expect(violations(ingressPhiPlaintextBackend, set(withAnnotations({ [`${A}backend-protocol`]: 'GRPCS' })))).toEqual([]);
    expect(violations(ingressPhiPlaintextBackend, set(withAnnotations({ [`${A}backend-protocol`]: undefined, [`${A}ssl-passthrough`]: 'true' })))).toEqual([]);
  });

  test('flags re-encryption without verification of the backend certificate', () => {
    const i = withAnnotations({ [`${A}proxy-ssl-verify`]: undefined, [`${A}proxy-ssl-secret`]: undefined });
    expect(violations(ingressPhiPlaintextBackend, set(i))).toEqual([
      `metadata.annotations["${A}proxy-ssl-verify"]: the Ingress re-encrypts to PHI backend 'api' without verifying its certificate ` +
        `(${A}proxy-ssl-verify is not set (off); no ${A}proxy-ssl-secret names the CA), so anything that can answer for the Service inside the cluster receives the PHI`,
    ]);
    expect(violations(ingressPhiPlaintextBackend, set(withAnnotations({ [`${A}proxy-ssl-verify`]: 'off' })))).toHaveLength(1);
  });

  test('passes plain HTTP to a workload classified as not PHI in a namespace that is not PHI', () => {
    const objects = set(withAnnotations({ [`${A}backend-protocol`]: undefined })) as any[];
    const ns = objects.find((o) => o.kind === 'Namespace');
    Object.assign(ns, publicNamespace(NS));
    for (const o of objects.filter((x) => x.kind === 'Deployment')) {
      o.metadata.labels['hipaa-constructs.io/phi'] = 'false';
      o.spec.template.metadata.labels['hipaa-constructs.io/phi'] = 'false';
    }
    expect(violations(ingressPhiPlaintextBackend, objects)).toEqual([]);
  });

  test('fails closed for a backend Service not in the checked set, unless unclassifiedIsPhi is off', () => {
    const i = withAnnotations({ [`${A}backend-protocol`]: undefined });
    expect(violations(ingressPhiPlaintextBackend, [i])).toEqual([
      `${BACKEND}: Service 'api' is not in the checked set, so the pods behind it are not classified by a hipaa-constructs.io/phi label and count as PHI, ` +
        `and ingress-nginx forwards to it in plain text (no ${A}backend-protocol annotation (HTTP))`,
    ]);
    expect(violations(ingressPhiPlaintextBackend, [i], { unclassifiedIsPhi: false })).toEqual([]);
  });

  test('fails closed for PHI backends of a controller it does not know, once per Service', () => {
    const i = clone(ingress) as any;
    i.spec.ingressClassName = 'traefik';
    i.spec.rules[0].http.paths.push({ path: '/v2', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 80 } } } });
    expect(violations(ingressPhiPlaintextBackend, set(i))).toEqual([
      `${BACKEND}: ${PHI}; the Ingress names ingress class 'traefik', and no IngressClass of that name was checked to say which controller it is, ` +
        'so the check cannot tell whether the hop to its pods is encrypted',
    ]);
  });

  test('checks the default backend too', () => {
    const i = withAnnotations({ [`${A}backend-protocol`]: undefined });
    delete i.spec.rules;
    i.spec.defaultBackend = { service: { name: 'api', port: { number: 80 } } };
    expect(violations(ingressPhiPlaintextBackend, set(i))).toEqual([
      `spec.defaultBackend.service.name: ${PHI}, and ingress-nginx forwards to it in plain text (no ${A}backend-protocol annotation (HTTP))`,
    ]);
  });
});
