import { controllerConfig } from './fixtures';
import { ingressNginxConfig } from '../../../../lib/rules/k8s/transport/ingress-nginx-config';
import { clone, violations } from '../../../helpers/rule-test';

function withData(data: Record<string, string | undefined>): any {
  const c = clone(controllerConfig) as any;
  for (const [k, v] of Object.entries(data)) {
    if (v === undefined) delete c.data[k];
    else c.data[k] = v;
  }
  return c;
}

describe('k8s-ingress-nginx-config', () => {
  test('passes the hardened controller ConfigMap, and one that keeps the controller defaults', () => {
    expect(violations(ingressNginxConfig, [controllerConfig])).toEqual([]);
    expect(violations(ingressNginxConfig, [{ ...clone(controllerConfig), data: {} }])).toEqual([]);
  });

  test('flags protocols below TLS 1.2 and unknown protocol names', () => {
    expect(violations(ingressNginxConfig, [withData({ 'ssl-protocols': 'TLSv1.1 TLSv1.2' })])).toEqual([
      'data["ssl-protocols"]: ssl-protocols \'TLSv1.1 TLSv1.2\': it enables TLSv1.1, below TLS 1.2',
    ]);
    expect(violations(ingressNginxConfig, [withData({ 'ssl-protocols': 'TLSv1.2 TLS1.3' })])).toEqual([
      "data[\"ssl-protocols\"]: ssl-protocols 'TLSv1.2 TLS1.3': 'TLS1.3' is not a protocol nginx knows (SSLv2, SSLv3, TLSv1, TLSv1.1, TLSv1.2, TLSv1.3)",
    ]);
  });

  test('flags weak ciphers, HSTS off or short, the redirect off and snippets allowed', () => {
    const c = withData({ 'ssl-ciphers': 'ECDHE-RSA-AES128-GCM-SHA256:DES-CBC3-SHA', 'hsts': 'false', 'hsts-max-age': '3600', 'ssl-redirect': 'false', 'allow-snippet-annotations': 'true' });
    expect(violations(ingressNginxConfig, [c])).toEqual([
      'data["allow-snippet-annotations"]: allow-snippet-annotations "true" lets whoever can write an Ingress add raw nginx configuration, overriding TLS settings',
      'data["hsts"]: hsts "false" stops telling browsers to use HTTPS only, so a first plain HTTP request can be intercepted',
      "data[\"hsts-max-age\"]: hsts-max-age '3600' is not a whole number of seconds of at least 15724800",
      "data[\"ssl-ciphers\"]: ssl-ciphers lists 'DES-CBC3-SHA', not TLS 1.2 AEAD cipher suites with forward secrecy",
      'data["ssl-redirect"]: ssl-redirect "false" serves plain HTTP beside HTTPS for every Ingress that does not force the redirect',
    ]);
  });

  test('leaves ConfigMaps that are not ingress-nginx\'s alone', () => {
    const c = withData({ 'ssl-protocols': 'TLSv1' });
    c.metadata.labels = { 'app.kubernetes.io/name': 'records-api' };
    expect(violations(ingressNginxConfig, [c])).toEqual([]);
  });
});
