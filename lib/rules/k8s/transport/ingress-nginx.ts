/**
 * What the transport rules (and SecureIngress's IngressNginx controller) know about ingress-nginx
 * (kubernetes/ingress-nginx): its annotation names, which settings exist per Ingress and which
 * only controller-wide, and the TLS protocols and ciphers counted as modern. Not a rule.
 *
 * Per Ingress (annotations `nginx.ingress.kubernetes.io/...`): ssl-redirect, force-ssl-redirect,
 * backend-protocol, proxy-ssl-secret / -verify / -name / -server-name / -protocols, ssl-ciphers
 * (server level), limit-rps, limit-connections, proxy-body-size.
 * Controller-wide only (the controller's ConfigMap): ssl-protocols (the minimum TLS version), hsts,
 * hsts-max-age, hsts-include-subdomains, hsts-preload, allow-snippet-annotations. An Ingress can
 * reach those only through snippet annotations, which are disabled by default in current releases
 * and are themselves an injection risk; nothing here writes or accepts them.
 */

/** The controller name IngressClass objects of ingress-nginx carry in spec.controller. */
export const INGRESS_NGINX_CONTROLLER = 'k8s.io/ingress-nginx';

/** The IngressClass name the ingress-nginx Helm chart and manifests create. */
export const INGRESS_NGINX_CLASS = 'nginx';

/** Prefix of every ingress-nginx annotation. */
export const NGINX_ANNOTATION_PREFIX = 'nginx.ingress.kubernetes.io/';

/** The ingress-nginx annotations the constructs write and the rules read. */
export const NGINX = {
  sslRedirect: `${NGINX_ANNOTATION_PREFIX}ssl-redirect`,
  forceSslRedirect: `${NGINX_ANNOTATION_PREFIX}force-ssl-redirect`,
  sslCiphers: `${NGINX_ANNOTATION_PREFIX}ssl-ciphers`,
  sslPassthrough: `${NGINX_ANNOTATION_PREFIX}ssl-passthrough`,
  backendProtocol: `${NGINX_ANNOTATION_PREFIX}backend-protocol`,
  proxySslSecret: `${NGINX_ANNOTATION_PREFIX}proxy-ssl-secret`,
  proxySslVerify: `${NGINX_ANNOTATION_PREFIX}proxy-ssl-verify`,
  proxySslName: `${NGINX_ANNOTATION_PREFIX}proxy-ssl-name`,
  proxySslServerName: `${NGINX_ANNOTATION_PREFIX}proxy-ssl-server-name`,
  proxySslProtocols: `${NGINX_ANNOTATION_PREFIX}proxy-ssl-protocols`,
  limitRps: `${NGINX_ANNOTATION_PREFIX}limit-rps`,
  limitConnections: `${NGINX_ANNOTATION_PREFIX}limit-connections`,
  proxyBodySize: `${NGINX_ANNOTATION_PREFIX}proxy-body-size`,
  serviceUpstream: `${NGINX_ANNOTATION_PREFIX}service-upstream`,
  upstreamVhost: `${NGINX_ANNOTATION_PREFIX}upstream-vhost`,
  configurationSnippet: `${NGINX_ANNOTATION_PREFIX}configuration-snippet`,
  serverSnippet: `${NGINX_ANNOTATION_PREFIX}server-snippet`,
} as const;

/** Snippet annotations: raw nginx configuration that can override every TLS setting. */
export const NGINX_SNIPPET_ANNOTATIONS: readonly string[] = [NGINX.configurationSnippet, NGINX.serverSnippet];

/** Backend protocols of ingress-nginx that encrypt the hop to the pods. */
export const NGINX_ENCRYPTED_BACKEND_PROTOCOLS: readonly string[] = ['HTTPS', 'GRPCS'];

/**
 * TLS 1.2 cipher suites (OpenSSL names) counted as modern: ephemeral key exchange (forward
 * secrecy) and AEAD encryption only. None of them can be negotiated below TLS 1.2. TLS 1.3 suites
 * are configured apart from these and are all modern.
 */
export const MODERN_TLS12_CIPHERS: readonly string[] = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
  'DHE-RSA-AES128-GCM-SHA256',
  'DHE-RSA-AES256-GCM-SHA384',
];

/** Protocol names nginx's ssl_protocols accepts, oldest first. */
export const NGINX_TLS_PROTOCOLS: readonly string[] = ['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/** Protocols below TLS 1.2. */
const WEAK_PROTOCOLS: ReadonlySet<string> = new Set(['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1']);

/**
 * What is wrong with an ssl-protocols value (`"TLSv1.2 TLSv1.3"`), or undefined when it enables
 * only TLS 1.2 and later: the protocols below 1.2 it enables, or the words nginx does not know.
 */
export function protocolsProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return `'${String(value)}' names no protocol`;
  const words = value.trim().split(/\s+/);
  const unknown = words.filter((w) => !NGINX_TLS_PROTOCOLS.includes(w));
  if (unknown.length > 0) return `${unknown.map((w) => `'${w}'`).join(', ')} ${unknown.length > 1 ? 'are not protocols' : 'is not a protocol'} nginx knows (${NGINX_TLS_PROTOCOLS.join(', ')})`;
  const weak = words.filter((w) => WEAK_PROTOCOLS.has(w));
  if (weak.length > 0) return `it enables ${weak.join(', ')}, below TLS 1.2`;
  return undefined;
}

/**
 * The entries of an OpenSSL cipher string (`A:B:!C`) that are not modern TLS 1.2 suites, or an
 * empty list when every suite it adds is one of {@link MODERN_TLS12_CIPHERS}. Exclusions (`!X`,
 * `-X`) only remove suites and pass; keywords such as `HIGH` or `ALL` add suites nobody listed and
 * count as not modern.
 */
export function nonModernCiphers(value: string): string[] {
  return value
    .split(/[:,\s]+/)
    .filter((c) => c !== '' && !c.startsWith('!') && !c.startsWith('-'))
    .filter((c) => !MODERN_TLS12_CIPHERS.includes(c.startsWith('+') ? c.slice(1) : c));
}

/** The HSTS max-age the ingress-nginx controller uses when its ConfigMap sets none: 15724800 s (182 days). */
export const NGINX_DEFAULT_HSTS_MAX_AGE = 15724800;

/**
 * An ingress-nginx boolean annotation as the controller reads it: with Go's strconv.ParseBool,
 * which takes exactly `1`, `t`, `T`, `TRUE`, `true`, `True` and `0`, `f`, `F`, `FALSE`, `false`,
 * `False`. Any other value (`yes`, `on`, `tRuE`, ` true`) is invalid and the controller falls back
 * to its ConfigMap default, as when the annotation is absent: both give undefined here.
 */
export function nginxBool(value: unknown): boolean | undefined {
  if (typeof value !== 'string') return undefined;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

/**
 * Whether ingress-nginx redirects plain HTTP to HTTPS for an Ingress, from its annotations:
 * `forced` when force-ssl-redirect is true (the controller then redirects whatever ssl-redirect
 * says); `redirected` when ssl-redirect is true (with spec.tls); `off` when ssl-redirect is false
 * and force-ssl-redirect not true (plain HTTP stays open beside HTTPS); `unstated` when neither
 * says, so the controller's ConfigMap (ssl-redirect, force-ssl-redirect) decides.
 */
export function nginxHttpsRedirect(annotations: Record<string, unknown> | undefined): 'forced' | 'redirected' | 'off' | 'unstated' {
  if (nginxBool(annotations?.[NGINX.forceSslRedirect]) === true) return 'forced';
  const redirect = nginxBool(annotations?.[NGINX.sslRedirect]);
  if (redirect === true) return 'redirected';
  if (redirect === false) return 'off';
  return 'unstated';
}
