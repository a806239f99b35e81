import { NGINX_DEFAULT_HSTS_MAX_AGE, nonModernCiphers, protocolsProblem } from './ingress-nginx';
import type { Rule } from '../../../check/rule';

const NAME_LABEL = 'app.kubernetes.io/name';

/** The ingress-nginx controller's ConfigMap keeps TLS 1.2+, modern ciphers, HSTS, the redirect, and snippets off. */
export const ingressNginxConfig: Rule = {
  id: 'k8s-ingress-nginx-config',
  title: 'The ingress-nginx controller ConfigMap must keep TLS 1.2 or later, modern ciphers, HSTS and the HTTPS redirect, and snippets off',
  description:
    'ingress-nginx sets the TLS protocols, HSTS and the default of the HTTPS redirect for every Ingress it serves in its ' +
    'controller ConfigMap; no Ingress annotation can set the minimum TLS version. A ConfigMap labelled ' +
    `${NAME_LABEL}: ingress-nginx (as the chart labels the controller's) is checked: ssl-protocols may enable only TLSv1.2 and ` +
    'TLSv1.3; ssl-ciphers only TLS 1.2 AEAD suites with forward secrecy; hsts may not be "false", and hsts-max-age not below ' +
    `${NGINX_DEFAULT_HSTS_MAX_AGE} seconds (the controller's default); ssl-redirect may not be "false"; allow-snippet-annotations ` +
    'may not be "true" (snippets let whoever writes an Ingress override these settings). Keys left out keep the controller defaults, ' +
    'which meet these requirements in current releases (HIPAA transmission security).',
  severity: 'error',
  controls: ['164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
  kinds: ['ConfigMap'],
  fix: 'Set the keys to what IngressNginx.controllerConfig() returns (ssl-protocols "TLSv1.2 TLSv1.3", modern ssl-ciphers, hsts "true", ' +
    'hsts-max-age "31536000", ssl-redirect "true", allow-snippet-annotations "false"), or leave them out to keep the controller defaults.',
  check(resource, _ctx, report) {
    if (resource.body.metadata?.labels?.[NAME_LABEL] !== 'ingress-nginx') return;
    const data = resource.body.data;
    if (data === null || typeof data !== 'object') return;
    const at = (key: string) => `data["${key}"]`;
    if (data['ssl-protocols'] !== undefined) {
      const problem = protocolsProblem(data['ssl-protocols']);
      if (problem) report({ path: at('ssl-protocols'), message: `ssl-protocols '${String(data['ssl-protocols'])}': ${problem}` });
    }
    if (data['ssl-ciphers'] !== undefined) {
      const weak = nonModernCiphers(String(data['ssl-ciphers']));
      if (weak.length > 0) {
        report({ path: at('ssl-ciphers'), message: `ssl-ciphers lists ${weak.map((c) => `'${c}'`).join(', ')}, not TLS 1.2 AEAD cipher suites with forward secrecy` });
      }
    }
    if (data.hsts === 'false') report({ path: at('hsts'), message: 'hsts "false" stops telling browsers to use HTTPS only, so a first plain HTTP request can be intercepted' });
    if (data['hsts-max-age'] !== undefined) {
      const age = Number(data['hsts-max-age']);
      if (!/^\d+$/.test(String(data['hsts-max-age'])) || age < NGINX_DEFAULT_HSTS_MAX_AGE) {
        report({ path: at('hsts-max-age'), message: `hsts-max-age '${String(data['hsts-max-age'])}' is not a whole number of seconds of at least ${NGINX_DEFAULT_HSTS_MAX_AGE}` });
      }
    }
    if (data['ssl-redirect'] === 'false') report({ path: at('ssl-redirect'), message: 'ssl-redirect "false" serves plain HTTP beside HTTPS for every Ingress that does not force the redirect' });
    if (data['allow-snippet-annotations'] === 'true') {
      report({ path: at('allow-snippet-annotations'), message: 'allow-snippet-annotations "true" lets whoever can write an Ingress add raw nginx configuration, overriding TLS settings' });
    }
  },
};
