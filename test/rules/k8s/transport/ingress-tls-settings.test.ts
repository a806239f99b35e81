import { ingress } from './fixtures';
import { ingressTlsSettings } from '../../../../lib/rules/k8s/transport/ingress-tls-settings';
import { clone, violations } from '../../../helpers/rule-test';

const A = 'nginx.ingress.kubernetes.io/';

function withAnnotations(annotations: Record<string, string | undefined>): any {
  const i = clone(ingress) as any;
  for (const [k, v] of Object.entries(annotations)) {
    if (v === undefined) delete i.metadata.annotations[k];
    else i.metadata.annotations[k] = v;
  }
  return i;
}

const ingressClass = (name: string, controller: string, isDefault = false) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'IngressClass',
  metadata: { name, ...(isDefault ? { annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } } : {}) },
  spec: { controller },
});

describe('k8s-ingress-tls-settings', () => {
  test('passes an ingress-nginx Ingress that forces the redirect', () => {
    expect(violations(ingressTlsSettings, [ingress])).toEqual([]);
  });

  test('passes ssl-redirect "true" instead of force-ssl-redirect', () => {
    expect(violations(ingressTlsSettings, [withAnnotations({ [`${A}force-ssl-redirect`]: undefined, [`${A}ssl-redirect`]: 'true' })])).toEqual([]);
  });

  test('flags an ingress-nginx Ingress that leaves the redirect to the controller ConfigMap', () => {
    expect(violations(ingressTlsSettings, [withAnnotations({ [`${A}force-ssl-redirect`]: undefined })])).toEqual([
      `metadata.annotations["${A}force-ssl-redirect"]: neither ${A}force-ssl-redirect nor ${A}ssl-redirect says "true", so whether plain HTTP ` +
        'is redirected to HTTPS depends on the ingress-nginx ConfigMap (ssl-redirect), which can turn it off for every Ingress',
    ]);
  });

  test('leaves ssl-redirect "false" to k8s-ingress-tls (one finding, not two)', () => {
    expect(violations(ingressTlsSettings, [withAnnotations({ [`${A}force-ssl-redirect`]: undefined, [`${A}ssl-redirect`]: 'false' })])).toEqual([]);
  });

  test('reads the redirect annotations as ingress-nginx does (Go strconv.ParseBool)', () => {
    for (const value of ['true', 'True', 'TRUE', 't', 'T', '1']) {
      expect(violations(ingressTlsSettings, [withAnnotations({ [`${A}force-ssl-redirect`]: value })])).toEqual([]);
      expect(violations(ingressTlsSettings, [withAnnotations({ [`${A}force-ssl-redirect`]: undefined, [`${A}ssl-redirect`]: value })])).toEqual([]);
    }
    // Not booleans to ingress-nginx: the ConfigMap decides, as when the annotations are absent.
    for (const value of ['yes', 'on', 'tRuE', ' true']) {
      expect(violations(ingressTlsSettings, [withAnnotations({ [`${A}force-ssl-redirect`]: value })])).toHaveLength(1);
    }
  });

  test('passes ssl-redirect "false" beside force-ssl-redirect "True" (the controller redirects)', () => {
    expect(violations(ingressTlsSettings, [withAnnotations({ [`${A}force-ssl-redirect`]: 'True', [`${A}ssl-redirect`]: 'false' })])).toEqual([]);
  });

  test('flags force-ssl-redirect "false"', () => {
    expect(violations(ingressTlsSettings, [withAnnotations({ [`${A}force-ssl-redirect`]: 'false' })])).toHaveLength(1);
  });

  test('flags weak or unlisted ciphers in ssl-ciphers, passes modern ones and exclusions', () => {
    expect(violations(ingressTlsSettings, [withAnnotations({ [`${A}ssl-ciphers`]: 'ECDHE-RSA-AES128-GCM-SHA256:!aNULL:-MD5' })])).toEqual([]);
    expect(violations(ingressTlsSettings, [withAnnotations({ [`${A}ssl-ciphers`]: 'ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA:HIGH' })])).toEqual([
      `metadata.annotations["${A}ssl-ciphers"]: 'AES128-SHA', 'HIGH' are not a TLS 1.2 AEAD cipher suite with forward secrecy`,
    ]);
  });

  test('flags snippet annotations', () => {
    expect(violations(ingressTlsSettings, [withAnnotations({ [`${A}configuration-snippet`]: 'ssl_protocols TLSv1;' })])).toEqual([
      `metadata.annotations["${A}configuration-snippet"]: ${A}configuration-snippet adds raw nginx configuration, which can override the redirect, ` +
        'the TLS protocols and the ciphers, and is an injection risk (current ingress-nginx releases disable snippets by default)',
    ]);
  });

  test('fails closed for a class the rule does not know', () => {
    const i = clone(ingress) as any;
    i.spec.ingressClassName = 'traefik';
    expect(violations(ingressTlsSettings, [i])).toEqual([
      "spec.ingressClassName: the Ingress names ingress class 'traefik', and no IngressClass of that name was checked to say which controller it is; " +
        'for a controller other than ingress-nginx the check cannot tell from the Ingress whether plain HTTP is redirected to HTTPS and TLS below 1.2 refused',
    ]);
  });

  test('an IngressClass of the set decides: another class name of ingress-nginx passes, `nginx` of another controller is flagged', () => {
    const i = clone(ingress) as any;
    i.spec.ingressClassName = 'internal';
    expect(violations(ingressTlsSettings, [i, ingressClass('internal', 'k8s.io/ingress-nginx')])).toEqual([]);
    expect(violations(ingressTlsSettings, [ingress, ingressClass('nginx', 'nginx.org/ingress-controller')])).toEqual([
      "spec.ingressClassName: the Ingress names ingress class 'nginx', whose IngressClass has controller 'nginx.org/ingress-controller'; " +
        'for a controller other than ingress-nginx the check cannot tell from the Ingress whether plain HTTP is redirected to HTTPS and TLS below 1.2 refused',
    ]);
  });

  test('an Ingress without a class is served by the default IngressClass, or flagged when there is none', () => {
    const i = clone(ingress) as any;
    delete i.spec.ingressClassName;
    expect(violations(ingressTlsSettings, [i, ingressClass('nginx', 'k8s.io/ingress-nginx', true)])).toEqual([]);
    expect(violations(ingressTlsSettings, [i])).toEqual([
      'spec.ingressClassName: the Ingress names no ingress class, and no single default IngressClass was checked, so its controller is unknown; ' +
        'for a controller other than ingress-nginx the check cannot tell from the Ingress whether plain HTTP is redirected to HTTPS and TLS below 1.2 refused',
    ]);
  });

  test('flags an Ingress of another controller without spec.tls too: its TLS may come from its annotations (AWS ALB ssl-policy), unseen', () => {
    const i = clone(ingress) as any;
    delete i.spec.tls;
    i.spec.ingressClassName = 'alb';
    i.metadata.annotations = { 'alb.ingress.kubernetes.io/ssl-policy': 'ELBSecurityPolicy-2016-08', 'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP":80},{"HTTPS":443}]' };
    expect(violations(ingressTlsSettings, [i])).toEqual([
      "spec.ingressClassName: the Ingress names ingress class 'alb', and no IngressClass of that name was checked to say which controller it is; " +
        'for a controller other than ingress-nginx the check cannot tell from the Ingress whether plain HTTP is redirected to HTTPS and TLS below 1.2 refused',
    ]);
  });

  test('leaves an ingress-nginx Ingress without spec.tls to k8s-ingress-tls', () => {
    const i = withAnnotations({ [`${A}force-ssl-redirect`]: undefined });
    delete i.spec.tls;
    expect(violations(ingressTlsSettings, [i])).toEqual([]);
  });
});
