import { HOST, ingress } from './fixtures';
import { ingressTls } from '../../../../lib/rules/k8s/exposure/ingress-tls';
import { clone, runRule, violations } from '../../../helpers/rule-test';

/** A rule of the fixture Ingress for another host. */
function ruleFor(host: string): any {
  const r = clone(ingress.spec.rules[0]) as any;
  r.host = host;
  return r;
}

describe('k8s-ingress-tls', () => {
  test('passes an Ingress whose tls covers its host', () => {
    expect(violations(ingressTls, [ingress])).toEqual([]);
  });

  test('flags an Ingress without spec.tls, naming its hosts', () => {
    const i = clone(ingress) as any;
    delete i.spec.tls;
    i.spec.rules.push(ruleFor('admin.clinic.example.com'));
    expect(violations(ingressTls, [i])).toEqual([
      "spec.tls: the Ingress has no spec.tls, so hosts 'api.clinic.example.com', 'admin.clinic.example.com' are served over plain HTTP",
    ]);
  });

  test('for another controller (AWS ALB, TLS from its annotations) the message says the check cannot read them, and the fix names the waiver', () => {
    const i = clone(ingress) as any;
    delete i.spec.tls;
    i.spec.ingressClassName = 'alb';
    i.metadata.annotations = {
      'alb.ingress.kubernetes.io/listen-ports': '[{"HTTPS":443}]',
      'alb.ingress.kubernetes.io/certificate-arn': 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
    };
    const result = runRule(ingressTls, [i]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      `spec.tls: the Ingress has no spec.tls, so host '${HOST}' is served over plain HTTP unless its controller terminates TLS from its own settings ` +
        "(the Ingress names ingress class 'alb', and no IngressClass of that name was checked to say which controller it is), which the check cannot read",
    ]);
    expect(result.unwaived[0].fix).toContain('waive k8s-ingress-tls on the Ingress naming those settings');
  });

  test('flags an empty spec.tls list', () => {
    const i = clone(ingress) as any;
    i.spec.tls = [];
    expect(violations(ingressTls, [i])).toEqual([`spec.tls: the Ingress has no spec.tls, so host '${HOST}' is served over plain HTTP`]);
  });

  test('flags an Ingress with no host rules (catch-all) and no tls', () => {
    const i = clone(ingress) as any;
    delete i.spec.tls;
    delete i.spec.rules[0].host;
    expect(violations(ingressTls, [i])).toEqual([
      'spec.tls: the Ingress has no spec.tls, so it serves every request it receives over plain HTTP',
    ]);
  });

  test('flags an Ingress with only a default backend and no tls', () => {
    const i = clone(ingress) as any;
    delete i.spec.tls;
    delete i.spec.rules;
    i.spec.defaultBackend = { service: { name: 'api', port: { number: 80 } } };
    expect(violations(ingressTls, [i])).toEqual([
      'spec.tls: the Ingress has no spec.tls, so it serves every request it receives over plain HTTP',
    ]);
  });

  test('passes a catch-all Ingress with a tls entry that names no hosts', () => {
    const i = clone(ingress) as any;
    delete i.spec.rules[0].host;
    i.spec.tls = [{ secretName: 'default-tls' }];
    expect(violations(ingressTls, [i])).toEqual([]);
  });

  test('flags a host that no tls entry lists', () => {
    const i = clone(ingress) as any;
    i.spec.rules.push(ruleFor('admin.clinic.example.com'));
    expect(violations(ingressTls, [i])).toEqual([
      "spec.rules[1].host: host 'admin.clinic.example.com' is not listed in the hosts of any spec.tls entry, so it is served without a certificate that names it",
    ]);
  });

  test('a host may be covered by any of several tls entries', () => {
    const i = clone(ingress) as any;
    i.spec.rules.push(ruleFor('admin.clinic.example.com'));
    i.spec.tls.push({ hosts: ['admin.clinic.example.com'], secretName: 'admin-tls' });
    expect(violations(ingressTls, [i])).toEqual([]);
  });

  test('a tls wildcard covers exactly one label', () => {
    const i = clone(ingress) as any;
    i.spec.tls = [{ hosts: ['*.clinic.example.com'], secretName: 'wildcard-tls' }];
    i.spec.rules.push(ruleFor('a.b.clinic.example.com'), ruleFor('clinic.example.com'), ruleFor('*.clinic.example.com'));
    expect(violations(ingressTls, [i])).toEqual([
      "spec.rules[1].host: host 'a.b.clinic.example.com' is not listed in the hosts of any spec.tls entry, so it is served without a certificate that names it",
      "spec.rules[2].host: host 'clinic.example.com' is not listed in the hosts of any spec.tls entry, so it is served without a certificate that names it",
    ]);
  });

  test('a wildcard host rule needs the same wildcard in tls, not a single name', () => {
    const i = clone(ingress) as any;
    i.spec.rules[0].host = '*.clinic.example.com';
    expect(violations(ingressTls, [i])).toEqual([
      "spec.rules[0].host: host '*.clinic.example.com' is not listed in the hosts of any spec.tls entry, so it is served without a certificate that names it",
    ]);
  });

  test('flags ingress-nginx ssl-redirect "false", and passes "true"', () => {
    const i = clone(ingress) as any;
    i.metadata.annotations = { 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' };
    expect(violations(ingressTls, [i])).toEqual([
      'metadata.annotations["nginx.ingress.kubernetes.io/ssl-redirect"]: nginx.ingress.kubernetes.io/ssl-redirect: "false" keeps serving plain HTTP beside HTTPS instead of redirecting to it',
    ]);
    i.metadata.annotations['nginx.ingress.kubernetes.io/ssl-redirect'] = 'true';
    expect(violations(ingressTls, [i])).toEqual([]);
  });

  test('flags every false spelling Go\'s strconv.ParseBool reads, and passes values ingress-nginx ignores', () => {
    const i = clone(ingress) as any;
    for (const value of ['0', 'f', 'F', 'FALSE', 'False']) {
      i.metadata.annotations = { 'nginx.ingress.kubernetes.io/ssl-redirect': value };
      expect(violations(ingressTls, [i])).toEqual([
        `metadata.annotations["nginx.ingress.kubernetes.io/ssl-redirect"]: nginx.ingress.kubernetes.io/ssl-redirect: "${value}" keeps serving plain HTTP beside HTTPS instead of redirecting to it`,
      ]);
    }
    // Not a Go boolean: the controller ignores it and keeps its default (redirect with spec.tls).
    i.metadata.annotations = { 'nginx.ingress.kubernetes.io/ssl-redirect': 'no' };
    expect(violations(ingressTls, [i])).toEqual([]);
  });

  test('passes ssl-redirect "false" when force-ssl-redirect is true in any spelling ingress-nginx accepts', () => {
    const i = clone(ingress) as any;
    for (const value of ['true', 'True', 'TRUE', 't', 'T', '1']) {
      i.metadata.annotations = { 'nginx.ingress.kubernetes.io/ssl-redirect': 'false', 'nginx.ingress.kubernetes.io/force-ssl-redirect': value };
      expect(violations(ingressTls, [i])).toEqual([]);
    }
    for (const value of ['false', 'yes', 'on', 'tRuE']) {
      i.metadata.annotations = { 'nginx.ingress.kubernetes.io/ssl-redirect': 'false', 'nginx.ingress.kubernetes.io/force-ssl-redirect': value };
      expect(violations(ingressTls, [i])).toHaveLength(1);
    }
  });
});
