import { Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { HipaaNamespace, SecureDeployment, SecureIngress, SecureIngressProps } from '../../lib/cdk8s';
import { PHI_LABEL } from '../../lib/labels';
import { container, expectRefusal, newChart } from '../helpers/cdk8s';

const HOST = 'records.clinic.example.com';

/** Builds a SecureIngress in front of a PHI API with `props` over working ones. */
function attempt(props: Partial<SecureIngressProps> | ((svc: kplus.Service, api: SecureDeployment) => Partial<SecureIngressProps>)) {
  const chart = newChart();
  new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
  const api = new SecureDeployment(chart, 'api', { containers: [container({ portNumber: 8443 })] });
  const service = api.exposeViaService({ name: 'api', ports: [{ port: 443, targetPort: 8443 }] });
  const extra = typeof props === 'function' ? props(service, api) : props;
  return () => new SecureIngress(chart, 'public', {
    rules: [{ host: HOST, backend: { service, workload: api } }],
    certificate: { issuer: 'letsencrypt' },
    backendTls: { caSecret: 'internal-ca' },
    ...extra,
  });
}

describe('SecureIngress refuses bad input', () => {
  test('TLS below 1.2', () => {
    expectRefusal(attempt({ minTlsVersion: '1.1' as any }),
      "[test/public] minTlsVersion: '1.1' is below TLS 1.2, which HIPAA transmission security needs (k8s-ingress-tls-settings). Use '1.2' (the default) or '1.3'.");
    expectRefusal(attempt({ minTlsVersion: 'TLSv1' as any }),
      "[test/public] minTlsVersion: 'TLSv1' is below TLS 1.2, which HIPAA transmission security needs (k8s-ingress-tls-settings). Use '1.2' (the default) or '1.3'.");
  });

  test('TLS 1.3 as the minimum of one Ingress, which ingress-nginx can only set controller-wide', () => {
    expectRefusal(attempt({ minTlsVersion: '1.3' }),
      "[test/public] minTlsVersion: ingress-nginx sets the TLS versions for all its Ingresses in its ConfigMap (ssl-protocols), never for one Ingress. Keep minTlsVersion '1.2' here " +
        "and have the controller's owners set ssl-protocols to 'TLSv1.3' (IngressNginx.controllerConfig({ minTlsVersion: '1.3' })).");
  });

  test('no TLS at all, or both a Certificate and a Secret', () => {
    expectRefusal(attempt({ certificate: undefined }),
      "[test/public] certificate: TLS is required (k8s-ingress-tls): give certificate ({ issuer: '<ClusterIssuer name>' }) to have cert-manager issue one for the hosts, or tlsSecretName naming a TLS Secret that covers them.");
    expectRefusal(attempt({ tlsSecretName: 'records-tls' }),
      '[test/public] certificate: give either certificate (a cert-manager Certificate is requested) or tlsSecretName (an existing TLS Secret), not both.');
  });

  test('plain HTTP to a PHI workload without a waiver', () => {
    expectRefusal(attempt({ backendProtocol: 'HTTP', backendTls: undefined }),
      "[test/public] backendProtocol: HTTP sends PHI in plain text from the controller to PHI backend 'api' (k8s-ingress-phi-plaintext-backend). Serve TLS from the workload " +
        "and use backendProtocol 'HTTPS' (the default) with backendTls, or waive k8s-ingress-phi-plaintext-backend in waivers, giving the reason.");
  });

  test('HTTPS to a PHI workload without verifying its certificate', () => {
    expectRefusal(attempt({ backendTls: undefined }),
      "[test/public] backendTls: re-encryption to PHI backend 'api' must verify the backend certificate, or anything answering for the Service receives the PHI (k8s-ingress-phi-plaintext-backend). " +
        "Give backendTls: { caSecret: '<Secret with the CA as ca.crt>' }, or waive k8s-ingress-phi-plaintext-backend in waivers, giving the reason.");
  });

  test('weak certificate keys and impossible lifetimes, all at once', () => {
    expectRefusal(attempt({ certificate: { issuer: 'letsencrypt', keyAlgorithm: 'RSA', keySize: 1024, duration: Duration.minutes(30), renewBefore: Duration.hours(1) } }), [
      '[test/public] 3 problems in the props (all are listed; fix each):',
      '- certificate.keySize: an RSA key must have 2048 to 8192 bits, got 1024 (k8s-certificate-key-strength). Use 2048 or more, or ECDSA (the default).',
      '- certificate.duration: cert-manager refuses a certificate duration under 1 hour.',
      '- certificate.renewBefore: must be at least 5 minutes and shorter than the duration (0h30m0s), so the certificate is renewed before it expires.',
    ].join('\n'));
    expectRefusal(attempt({ certificate: { issuer: 'letsencrypt', keySize: 128 } }),
      '[test/public] certificate.keySize: an ECDSA key is 256, 384 or 521 bits (P-256, P-384, P-521), got 128 (k8s-certificate-key-strength).');
  });

  test('routes: hosts the certificate cannot name, duplicates, a Service of another port, no routes', () => {
    expectRefusal(attempt((service, api) => ({
      rules: [
        { host: 'Records.Example.com', backend: { service, workload: api } },
        { host: HOST, backend: { service, workload: api } },
        { host: HOST, backend: { service, workload: api } },
        { host: 'portal.clinic.example.com', path: 'v1', backend: { service, port: 80, workload: api } },
      ],
    })), [
      '[test/public] 4 problems in the props (all are listed; fix each):',
      "- rules[0].host: 'Records.Example.com' is not a lower-case DNS name (a wildcard may only be the whole first label, '*.example.com'). Every route needs a host the certificate can name (k8s-ingress-tls).",
      "- rules[2]: host 'records.clinic.example.com' path '/' is routed twice; give each host and path one backend.",
      "- rules[3].path: 'v1' must start with '/'.",
      "- rules[3].backend.port: Service 'api' has no port 80 (it has 443). Give one of its ports, or leave port out when it has one.",
    ].join('\n'));
    expectRefusal(attempt({ rules: [] }), '[test/public] rules: give at least one route (host, path and backend Service).');
    expectRefusal(attempt((service, api) => ({ rules: [{ host: HOST, backend: { service, workload: api, port: 8443 } }] })),
      "[test/public] rules[0].backend.port: Service 'api' has no port 8443 (it has 443). 8443 is the target port (the pods' port) of its port 443: give the Service port, 443.");
    expectRefusal(attempt(() => {
      const billing = new Chart(Testing.app(), 'billing', { namespace: 'billing' });
      const worker = new SecureDeployment(billing, 'worker', { containers: [container({ portNumber: 8443 })] });
      return { rules: [{ host: HOST, backend: { service: worker.exposeViaService({ name: 'worker', ports: [{ port: 443, targetPort: 8443 }] }), workload: worker } }] };
    }), "[test/public] rules[0].backend.service: Service 'worker' is in namespace 'billing', the Ingress in 'clinic'; an Ingress routes only to Services of its own namespace. " +
      "Create the SecureIngress in a chart whose namespace is 'billing' (one SecureIngress per namespace).");
  });

  test('a backend workload the Service does not select (a copy-paste slip): its policy would admit the controller and its PHI label would classify the route', () => {
    let addr = '';
    expectRefusal(attempt((service, api) => {
      addr = api.matchLabels['cdk8s.io/metadata.addr'];
      const portal = new SecureDeployment(api.node.scope as any, 'portal', { containers: [container({ name: 'portal', portNumber: 8443 })], podMetadata: { labels: { [PHI_LABEL]: 'false' } } });
      return { rules: [{ host: HOST, backend: { service, workload: portal } }] };
    }), `[test/public] rules[0].backend.workload: Service 'api' selects pods labelled cdk8s.io/metadata.addr=${addr}, not those of test/portal, so the controller would be admitted to pods ` +
      'that get no traffic and the route classified by them (k8s-ingress-phi-plaintext-backend). Give the workload the Service selects (the one whose exposeViaService() returned it).');
    expectRefusal(attempt((_service, api) => ({
      rules: [{ host: HOST, backend: { service: new kplus.Service(api.node.scope as any, 'manual', { metadata: { name: 'manual' }, ports: [{ port: 443 }] }), workload: api } }],
    })), "[test/public] rules[0].backend.workload: Service 'manual' selects no pods (it has no selector), not those of test/api, so the controller would be admitted to pods " +
      'that get no traffic and the route classified by them (k8s-ingress-phi-plaintext-backend). Give the workload the Service selects (the one whose exposeViaService() returned it).');
  });

  test('limits that turn protection off, and a short HSTS', () => {
    const rateLimit = { requestsPerSecond: 0, connections: 2.5 };
    const props = { rateLimit, maxRequestBodySize: Size.kibibytes(0), hsts: { maxAge: Duration.days(7) } };
    expectRefusal(attempt(props), [
      '[test/public] 4 problems in the props (all are listed; fix each):',
      '- hsts.maxAge: HSTS must last at least 15724800 seconds (182 days) so browsers keep using HTTPS between visits (k8s-ingress-nginx-config). Use Duration.days(365).',
      '- rateLimit.requestsPerSecond: expected a whole number from 1 to 1000000, got 0.',
      '- rateLimit.connections: expected a whole number from 1 to 1000000, got 2.5.',
      '- maxRequestBodySize: 0 KiB is not a whole number of at least 1 KiB (0 would turn the limit off). Use e.g. Size.mebibytes(8).',
    ].join('\n'));
  });

  test('backend verification: a name for several Services, and a bad CA Secret', () => {
    expectRefusal(attempt((service, api) => {
      const other = new kplus.Service(api, 'other', { metadata: { name: 'other' }, ports: [{ port: 443 }] });
      return {
        rules: [{ host: HOST, backend: { service, workload: api } }, { host: 'other.clinic.example.com', backend: { service: other } }],
        backendTls: { caSecret: 'a/b/c' },
      };
    }), [
      '[test/public] 2 problems in the props (all are listed; fix each):',
      "- backendTls.caSecret: 'a/b/c' is not a Secret name or 'namespace/name'.",
      '- backendTls.serverName: the Ingress routes to 2 Services (api, other) and ingress-nginx verifies one name per Ingress: give the name every backend certificate carries, or use one SecureIngress per Service.',
    ].join('\n'));
  });

  test('plain JavaScript: wrong types are named, never a TypeError', () => {
    expectRefusal(attempt({ rules: { host: HOST } as any, backendProtocol: 'FTP' as any, hsts: { preload: 'yes' as any } }), [
      '[test/public] 3 problems in the props (all are listed; fix each):',
      '- rules: expected a list, got an object (one item given where a list is expected: wrap it in [ ]).',
      '- hsts.preload: expected true or false, got a string ("yes").',
      "- backendProtocol: expected one of HTTPS, GRPCS, HTTP, GRPC, got 'FTP'.",
    ].join('\n'));
  });
});
