import { Duration, Size, SizeRoundingBehavior } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { INGRESS_NGINX_CLASS, MODERN_TLS12_CIPHERS, NGINX, NGINX_DEFAULT_HSTS_MAX_AGE } from '../rules/k8s/transport/ingress-nginx';

/** A TLS version SecureIngress accepts as the minimum: `'1.2'` or `'1.3'` (anything lower is refused). */
export type TlsVersion = '1.2' | '1.3';

/** The protocol the ingress controller speaks to the backend pods. */
export type IngressBackendProtocol = 'HTTPS' | 'GRPCS' | 'HTTP' | 'GRPC';

/** HTTP Strict Transport Security, as the browser is told. */
export interface IngressHsts {
  /** How long browsers remember to use HTTPS only (at least 182 days). @default Duration.days(365) */
  readonly maxAge?: Duration;
  /** Whether the policy covers subdomains of the hosts. @default true */
  readonly includeSubdomains?: boolean;
  /** Whether to ask for inclusion in browsers' preload lists (hard to undo). @default false */
  readonly preload?: boolean;
}

/** Verification of the backend's certificate when the controller re-encrypts. */
export interface IngressBackendTls {
  /**
   * The Secret holding the CA certificate (key `ca.crt`) the backend certificates are signed by:
   * its name in the Ingress's namespace, or `namespace/name` (e.g. `internal-ca`, `pki/internal-ca`).
   */
  readonly caSecret: string;
  /**
   * The name the backend certificates must carry (also sent as SNI).
   * @default - `<service>.<namespace>.svc` of the one backend Service (required when there are several)
   */
  readonly serverName?: string;
}

/** Per-client request limits. */
export interface IngressRateLimit {
  /** Requests per second from one client address (bursts of 5x are allowed by ingress-nginx). @default 20 */
  readonly requestsPerSecond?: number;
  /** Concurrent connections from one client address. @default 50 */
  readonly connections?: number;
}

/** What SecureIngress asks of the controller, with every default filled in. */
export interface IngressSecurityIntent {
  /** The lowest TLS version clients may use. */
  readonly minTlsVersion: TlsVersion;
  /** HSTS to send. */
  readonly hsts: Required<IngressHsts>;
  /** Protocol to the backend pods. */
  readonly backendProtocol: IngressBackendProtocol;
  /** How to verify the backend's certificate (`namespace/name` of the CA Secret, and the name). @default - not verified */
  readonly backendTls?: { readonly caSecret: string; readonly serverName: string };
  /** Per-client limits. */
  readonly rateLimit: Required<IngressRateLimit>;
  /** The largest request body accepted. */
  readonly maxRequestBodySize: Size;
  /**
   * The backend Services (`<service>.<namespace>.svc.cluster.local`) whose namespace has an Istio
   * mesh (HipaaNamespace `mesh: { provider: 'istio' }`). The controller (injected with Istio's
   * sidecar) must send to these Services' cluster IPs, not to pod IPs, so that its sidecar
   * recognizes the destination and applies the mesh's mutual TLS and routing.
   * @default - none
   */
  readonly istioMeshServices?: readonly string[];
}

/** A part of the intent a controller cannot realize, reported by SecureIngress with its other input problems. */
export interface IngressControllerProblem {
  /** The SecureIngress prop concerned, e.g. `minTlsVersion`. */
  readonly field: string;
  /** What the controller cannot do, and how to fix it. */
  readonly message: string;
}

/** How a controller realizes the intent. */
export interface IngressControllerSettings {
  /** Annotations to put on the Ingress. */
  readonly annotations: Record<string, string>;
  /**
   * Settings the controller can take only controller-wide (e.g. ingress-nginx's ConfigMap keys),
   * for whoever runs the controller: SecureIngress never writes into the controller's namespace.
   */
  readonly controllerWide: Record<string, string>;
  /** Parts of the intent the controller cannot realize for one Ingress (each refused by SecureIngress). */
  readonly problems: IngressControllerProblem[];
}

/**
 * An ingress controller SecureIngress can target: its class, where its pods run (for the
 * backends' NetworkPolicies) and how the security intent becomes annotations. Implement it for a
 * controller other than ingress-nginx; the transport rules know only ingress-nginx, so Ingresses
 * of other controllers are flagged until their findings are waived with where the controller
 * enforces the settings.
 */
export interface IIngressController {
  /** Name of the controller, for messages (e.g. `ingress-nginx`). */
  readonly name: string;
  /** The IngressClass of the controller (e.g. `nginx`). */
  readonly ingressClassName: string;
  /** The controller's pods, as the source of the flow allowed on each backend workload. */
  peer(scope: Construct, id: string): kplus.INetworkPolicyPeer;
  /** Turns the intent into annotations and controller-wide settings, or problems. */
  settings(intent: IngressSecurityIntent): IngressControllerSettings;
}

/** Props of {@link IngressNginx}. */
export interface IngressNginxProps {
  /** The IngressClass the controller serves. @default 'nginx' */
  readonly ingressClassName?: string;
  /** Namespace the controller's pods run in. @default 'ingress-nginx' */
  readonly namespace?: string;
  /** Labels of the controller's pods. @default { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' } */
  readonly podLabels?: Record<string, string>;
}

/** Options of {@link IngressNginx.controllerConfig}. */
export interface IngressNginxControllerConfigOptions {
  /** The lowest TLS version of every server of the controller. @default '1.2' */
  readonly minTlsVersion?: TlsVersion;
  /** HSTS for every server. @default - max-age 365 days, subdomains included, no preload */
  readonly hsts?: IngressHsts;
}

/** The cipher list SecureIngress and the controller config ask for: the ECDHE AEAD suites of TLS 1.2. */
export const MODERN_CIPHERS = MODERN_TLS12_CIPHERS.filter((c) => c.startsWith('ECDHE-')).join(':');

/**
 * kubernetes/ingress-nginx. Per Ingress it takes: the HTTPS redirect (`force-ssl-redirect`), the
 * server's cipher list (`ssl-ciphers`), re-encryption to the backend (`backend-protocol`) with
 * certificate verification (`proxy-ssl-secret`, `proxy-ssl-verify`, `proxy-ssl-name`,
 * `proxy-ssl-server-name`, `proxy-ssl-protocols`), rate limits (`limit-rps`,
 * `limit-connections`) and the body limit (`proxy-body-size`); for backends in an Istio-meshed
 * namespace, `service-upstream: "true"` (and, for plain HTTP/GRPC, `upstream-vhost`
 * `<service>.<namespace>.svc.cluster.local`). The minimum TLS version and HSTS are
 * controller-wide only (ConfigMap `ssl-protocols`, `hsts*`): they are returned as
 * {@link IngressControllerSettings.controllerWide} (see {@link IngressNginx.controllerConfig});
 * ingress-nginx's defaults are TLS 1.2 and 1.3 and HSTS on. Snippet annotations are never
 * written (they are disabled by default in current releases and are an injection risk), so a
 * minimum of TLS 1.3 for one Ingress is refused rather than faked.
 */
export class IngressNginx implements IIngressController {
  /**
   * The controller ConfigMap data (Helm value `controller.config`) that enforces, for every Ingress
   * of the controller, what no Ingress annotation can: TLS 1.2 (or 1.3) and later, modern ciphers,
   * HSTS, the HTTPS redirect, and snippet annotations off. For the platform team that runs the
   * controller; k8s-ingress-nginx-config checks that ConfigMap.
   * @throws Error when minTlsVersion is below 1.2 or the HSTS max-age under 182 days
   */
  public static controllerConfig(options: IngressNginxControllerConfigOptions = {}): Record<string, string> {
    const problems: string[] = [];
    const min = options.minTlsVersion ?? '1.2';
    const tls = tlsVersionProblem(min);
    if (tls) problems.push(`minTlsVersion: ${tls}`);
    const hsts = resolveHsts(options.hsts, problems, 'hsts');
    if (problems.length > 0) throw new Error(`IngressNginx.controllerConfig: ${problems.join('; ')}`);
    return {
      'ssl-protocols': min === '1.3' ? 'TLSv1.3' : 'TLSv1.2 TLSv1.3',
      'ssl-ciphers': MODERN_CIPHERS,
      'ssl-redirect': 'true',
      'hsts': 'true',
      'hsts-max-age': String(Math.floor(hsts.maxAge.toSeconds({ integral: false }))),
      'hsts-include-subdomains': String(hsts.includeSubdomains),
      'hsts-preload': String(hsts.preload),
      'allow-snippet-annotations': 'false',
    };
  }

  /** The IngressClass the controller serves. */
  public readonly ingressClassName: string;
  /** Namespace of the controller's pods. */
  public readonly namespace: string;
  /** Labels of the controller's pods. */
  public readonly podLabels: Readonly<Record<string, string>>;
  /** Name of the controller. */
  public readonly name = 'ingress-nginx';

  constructor(props: IngressNginxProps = {}) {
    this.ingressClassName = props.ingressClassName ?? INGRESS_NGINX_CLASS;
    this.namespace = props.namespace ?? 'ingress-nginx';
    this.podLabels = props.podLabels ?? { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' };
  }

  /** The controller's pods in its namespace (no policy is ever written there). */
  public peer(scope: Construct, id: string): kplus.INetworkPolicyPeer {
    return kplus.Pods.select(scope, id, {
      labels: { ...this.podLabels },
      namespaces: kplus.Namespaces.select(scope, `${id}Namespace`, { names: [this.namespace] }),
    });
  }

  /** Annotations for the intent; TLS 1.3 as a minimum is a problem (controller-wide only). */
  public settings(intent: IngressSecurityIntent): IngressControllerSettings {
    const problems: IngressControllerProblem[] = [];
    if (intent.minTlsVersion === '1.3') {
      problems.push({
        field: 'minTlsVersion',
        message: "ingress-nginx sets the TLS versions for all its Ingresses in its ConfigMap (ssl-protocols), never for one Ingress. Keep minTlsVersion '1.2' here " +
          "and have the controller's owners set ssl-protocols to 'TLSv1.3' (IngressNginx.controllerConfig({ minTlsVersion: '1.3' })).",
      });
    }
    const annotations: Record<string, string> = {
      [NGINX.forceSslRedirect]: 'true',
      [NGINX.sslCiphers]: MODERN_CIPHERS,
      [NGINX.backendProtocol]: intent.backendProtocol,
      [NGINX.limitRps]: String(intent.rateLimit.requestsPerSecond),
      [NGINX.limitConnections]: String(intent.rateLimit.connections),
      [NGINX.proxyBodySize]: nginxSize(intent.maxRequestBodySize),
    };
    const meshed = intent.istioMeshServices ?? [];
    const encrypted = intent.backendProtocol === 'HTTPS' || intent.backendProtocol === 'GRPCS';
    if (meshed.length > 0) {
      // Pod IPs would bypass the controller sidecar's Service routes (no mTLS: STRICT refuses it).
      annotations[NGINX.serviceUpstream] = 'true';
      // TLS to the backend passes the sidecar as TLS (matched by address and SNI) inside the mesh's mTLS;
      // plain HTTP is routed by its Host header, which must then name the Service, not the public host.
      if (!encrypted && meshed.length === 1) annotations[NGINX.upstreamVhost] = meshed[0];
      if (!encrypted && meshed.length > 1) {
        problems.push({
          field: 'rules',
          message: `backendProtocol ${intent.backendProtocol} to ${meshed.join(', ')}, in a namespace with an Istio mesh, needs the Host header to name the Service ` +
            '(ingress-nginx upstream-vhost, one per Ingress), so one SecureIngress can route to one of them only. Use backendProtocol \'HTTPS\' (the default) ' +
            'or one SecureIngress per Service.',
        });
      }
    }
    if (intent.backendTls && encrypted) {
      Object.assign(annotations, {
        [NGINX.proxySslSecret]: intent.backendTls.caSecret,
        [NGINX.proxySslVerify]: 'on',
        [NGINX.proxySslName]: intent.backendTls.serverName,
        [NGINX.proxySslServerName]: 'on',
        [NGINX.proxySslProtocols]: 'TLSv1.2 TLSv1.3',
      });
    }
    return {
      annotations,
      controllerWide: IngressNginx.controllerConfig({ minTlsVersion: intent.minTlsVersion, hsts: intent.hsts }),
      problems,
    };
  }
}

/** Why a minimum TLS version is refused, or undefined for `'1.2'` and `'1.3'`. */
export function tlsVersionProblem(value: unknown): string | undefined {
  if (value === '1.2' || value === '1.3') return undefined;
  if (typeof value === 'string' && /^(1\.[01]|1|1\.0|SSLv[23]|TLSv1(\.[01])?)$/.test(value)) {
    return `'${value}' is below TLS 1.2, which HIPAA transmission security needs (k8s-ingress-tls-settings). Use '1.2' (the default) or '1.3'.`;
  }
  return `expected '1.2' or '1.3', got ${typeof value === 'string' ? `'${value}'` : String(value)}.`;
}

/** HSTS with defaults; problems (prefixed with `field`) for a max-age under ingress-nginx's default of 182 days. */
export function resolveHsts(hsts: IngressHsts | undefined, problems: string[], field: string): Required<IngressHsts> {
  const maxAge = hsts?.maxAge ?? Duration.days(365);
  if (typeof (maxAge as Duration)?.toSeconds !== 'function' || maxAge.toSeconds({ integral: false }) < NGINX_DEFAULT_HSTS_MAX_AGE) {
    problems.push(`${field}.maxAge: HSTS must last at least ${NGINX_DEFAULT_HSTS_MAX_AGE} seconds (182 days) so browsers keep using HTTPS between visits (k8s-ingress-nginx-config). Use Duration.days(365).`);
  }
  return { maxAge, includeSubdomains: hsts?.includeSubdomains ?? true, preload: hsts?.preload ?? false };
}

/** A Size as nginx writes it (`8m`, `512k`); 0 (no limit) and fractions of a KiB are refused by the props checks. */
export function nginxSize(size: Size): string {
  const kib = size.toKibibytes({ rounding: SizeRoundingBehavior.NONE });
  return kib % 1024 === 0 ? `${kib / 1024}m` : `${kib}k`;
}
