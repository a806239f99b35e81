import { hasTls, ingressControllerOf } from './ingress-controller';
import { NGINX, NGINX_SNIPPET_ANNOTATIONS, nginxHttpsRedirect, nonModernCiphers } from './ingress-nginx';
import type { Rule } from '../../../check/rule';

/** An Ingress with TLS states its HTTPS redirect and modern TLS settings in a way the check can see. */
export const ingressTlsSettings: Rule = {
  id: 'k8s-ingress-tls-settings',
  title: 'Ingresses with TLS must redirect HTTP to HTTPS and allow only TLS 1.2 or later with modern ciphers',
  description:
    'TLS on an Ingress protects PHI only if plain HTTP is redirected to HTTPS and old protocols and ciphers are refused ' +
    '(HIPAA transmission security: integrity controls and encryption). What an Ingress can say depends on its controller, ' +
    'found from its ingress class (an IngressClass of the checked set, or the class `nginx` for ingress-nginx). ' +
    `For ingress-nginx: ${NGINX.forceSslRedirect} or ${NGINX.sslRedirect} must say true (as Go's strconv.ParseBool reads it: "true", ` +
    '"True", "TRUE", "t", "T" or "1"; the controller\'s ConfigMap ' +
    `can otherwise turn the redirect off for every Ingress); ${NGINX.sslCiphers}, when set, may list only TLS 1.2 AEAD suites with ` +
    'forward secrecy; snippet annotations (configuration-snippet, server-snippet), which can override any TLS setting, are ' +
    'flagged. The minimum TLS version is a controller-wide setting of ingress-nginx (ConfigMap ssl-protocols, "TLSv1.2 TLSv1.3" ' +
    'by default) that no Ingress annotation can set; k8s-ingress-nginx-config checks that ConfigMap when it is in the checked set. ' +
    'For any other controller the rule cannot tell from the Ingress whether HTTP is redirected and TLS below 1.2 refused, so it ' +
    'fails closed and flags the Ingress, with or without spec.tls (such a controller may take TLS from its own annotations, ' +
    'e.g. the AWS Load Balancer Controller\'s certificate-arn and ssl-policy). ingress-nginx Ingresses without spec.tls are left to k8s-ingress-tls.',
  severity: 'error',
  controls: ['164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
  kinds: ['Ingress'],
  fix:
    `For ingress-nginx, annotate the Ingress ${NGINX.forceSslRedirect}: "true" (SecureIngress does). For another controller, ` +
    'configure the redirect and TLS 1.2 minimum there and waive k8s-ingress-tls-settings on the Ingress, naming where they are enforced.',
  check(resource, ctx, report) {
    const controller = ingressControllerOf(ctx, resource);
    // Another controller may terminate TLS from its own annotations (the AWS Load Balancer Controller's
    // certificate-arn and ssl-policy): without spec.tls the settings are still unseen, so it is flagged too.
    if (controller.kind === 'ingress-nginx' && !hasTls(resource)) return;
    if (controller.kind !== 'ingress-nginx') {
      report({
        path: controller.path,
        message: `the Ingress ${controller.how}; for a controller other than ingress-nginx the check cannot tell from the Ingress ` +
          'whether plain HTTP is redirected to HTTPS and TLS below 1.2 refused',
      });
      return;
    }
    const annotations = resource.body.metadata?.annotations ?? {};
    // ssl-redirect false ('off') is flagged by k8s-ingress-tls.
    if (nginxHttpsRedirect(annotations) === 'unstated') {
      report({
        path: `metadata.annotations["${NGINX.forceSslRedirect}"]`,
        message: `neither ${NGINX.forceSslRedirect} nor ${NGINX.sslRedirect} says "true", so whether plain HTTP is redirected ` +
          'to HTTPS depends on the ingress-nginx ConfigMap (ssl-redirect), which can turn it off for every Ingress',
        fix: `Annotate the Ingress ${NGINX.forceSslRedirect}: "true".`,
      });
    }
    const ciphers = annotations[NGINX.sslCiphers];
    if (ciphers !== undefined) {
      const weak = typeof ciphers === 'string' ? nonModernCiphers(ciphers) : [String(ciphers)];
      if (weak.length > 0) {
        report({
          path: `metadata.annotations["${NGINX.sslCiphers}"]`,
          message: `${weak.map((c) => `'${c}'`).join(', ')} ${weak.length > 1 ? 'are not' : 'is not'} a TLS 1.2 AEAD cipher suite with forward secrecy`,
          fix: `List only ECDHE (or DHE) suites with AES-GCM or CHACHA20-POLY1305 in ${NGINX.sslCiphers}, or remove it to use the controller's.`,
        });
      }
    }
    for (const snippet of NGINX_SNIPPET_ANNOTATIONS) {
      if (annotations[snippet] === undefined) continue;
      report({
        path: `metadata.annotations["${snippet}"]`,
        message: `${snippet} adds raw nginx configuration, which can override the redirect, the TLS protocols and the ciphers, and is an injection risk ` +
          '(current ingress-nginx releases disable snippets by default)',
        fix: `Remove ${snippet}; use the dedicated annotations (SecureIngress writes them) and the controller's ConfigMap for controller-wide settings.`,
      });
    }
  },
};
