import type { Rule } from '../../../check/rule';
import { ingressControllerOf } from '../transport/ingress-controller';
import { NGINX, nginxHttpsRedirect } from '../transport/ingress-nginx';

/** ingress-nginx annotation that, set to "false", keeps plain HTTP open beside TLS. */
export const NGINX_SSL_REDIRECT = NGINX.sslRedirect;

/** Every Ingress terminates TLS for every host it serves. */
export const ingressTls: Rule = {
  id: 'k8s-ingress-tls',
  title: 'Ingresses must terminate TLS for every host they serve',
  description:
    'An Ingress is the entry point into the cluster; without TLS, PHI and credentials cross the network in clear ' +
    'text and can be read or altered on the way (HIPAA transmission security: integrity controls and encryption). ' +
    'The Ingress must have spec.tls, and every host in spec.rules must be listed in the hosts of some spec.tls entry ' +
    '(a wildcard `*.example.com` covers one label), otherwise the controller serves that host without a matching ' +
    'certificate. An Ingress without host rules (a catch-all or default backend) needs a spec.tls entry as well. ' +
    `The ingress-nginx annotation ${NGINX_SSL_REDIRECT}: "false" (or any false value Go's strconv.ParseBool reads: "0", "f", ` +
    `"F", "FALSE", "False") keeps plain HTTP open beside TLS and is flagged too, unless ${NGINX.forceSslRedirect} is true ` +
    '("1", "t", "T", "TRUE", "true" or "True"), with which ingress-nginx redirects whatever ssl-redirect says.',
  severity: 'error',
  controls: ['164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
  kinds: ['Ingress'],
  fix:
    'Add spec.tls entries whose hosts list every host of spec.rules, each with the secretName of its certificate ' +
    '(or the certificate your controller takes from an annotation, e.g. an ACM ARN for the AWS Load Balancer Controller).',
  check(resource, ctx, report) {
    const body = resource.body;
    const spec = body.spec !== null && typeof body.spec === 'object' ? body.spec : {};
    const tls: unknown = spec.tls;
    const rules: unknown = spec.rules;
    if (!Array.isArray(tls) || tls.length === 0) {
      const hosts = Array.isArray(rules) ? rules.map((r) => r?.host).filter((h) => typeof h === 'string' && h !== '') : [];
      const controller = ingressControllerOf(ctx, resource);
      // Another controller may take TLS from its own annotations, which the check cannot read: say so.
      const unless = controller.kind === 'ingress-nginx' ? ''
        : ` unless its controller terminates TLS from its own settings (the Ingress ${controller.how}), which the check cannot read`;
      report({
        path: 'spec.tls',
        message: (hosts.length > 0
          ? `the Ingress has no spec.tls, so host${hosts.length > 1 ? 's' : ''} ${hosts.map((h) => `'${h}'`).join(', ')} ${hosts.length > 1 ? 'are' : 'is'} served over plain HTTP`
          : 'the Ingress has no spec.tls, so it serves every request it receives over plain HTTP') + unless,
        ...(controller.kind === 'ingress-nginx' ? {} : {
          fix: 'Add spec.tls entries whose hosts list every host of spec.rules, each with the secretName of its certificate; or, where the controller ' +
            'terminates TLS from its own settings (e.g. an ACM certificate-arn with HTTPS-only listen-ports for the AWS Load Balancer Controller), ' +
            'waive k8s-ingress-tls on the Ingress naming those settings (k8s-ingress-tls-settings then asks for its TLS version and redirect).',
        }),
      });
    } else if (Array.isArray(rules)) {
      for (let i = 0; i < rules.length; i++) {
        const host = rules[i]?.host;
        if (typeof host !== 'string' || host === '' || covered(host, tls)) continue;
        report({
          path: `spec.rules[${i}].host`,
          message: `host '${host}' is not listed in the hosts of any spec.tls entry, so it is served without a certificate that names it`,
        });
      }
    }
    if (nginxHttpsRedirect(body.metadata?.annotations) === 'off') {
      report({
        path: `metadata.annotations["${NGINX_SSL_REDIRECT}"]`,
        message: `${NGINX_SSL_REDIRECT}: "${body.metadata.annotations[NGINX_SSL_REDIRECT]}" keeps serving plain HTTP beside HTTPS instead of redirecting to it`,
        fix: `Remove the ${NGINX_SSL_REDIRECT} annotation (ingress-nginx redirects HTTP to HTTPS by default when spec.tls is set), ` +
          `or annotate the Ingress ${NGINX.forceSslRedirect}: "true".`,
      });
    }
  },
};

/** Whether some tls entry lists `host`, exactly or through a one-label wildcard. */
function covered(host: string, tls: readonly any[]): boolean {
  for (const entry of tls) {
    const hosts = entry?.hosts;
    if (!Array.isArray(hosts)) continue;
    for (const h of hosts) {
      if (h === host) return true;
      if (typeof h === 'string' && h.startsWith('*.') && wildcardCovers(h, host)) return true;
    }
  }
  return false;
}

/** `*.example.com` covers `api.example.com`, not `example.com` nor `a.b.example.com`. */
function wildcardCovers(wildcard: string, host: string): boolean {
  const dot = host.indexOf('.');
  if (dot <= 0 || host.startsWith('*')) return false;
  const suffix = wildcard.length - 1;
  return host.length - dot === suffix && host.endsWith(wildcard.slice(1));
}
