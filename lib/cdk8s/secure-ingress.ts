/* eslint-disable @typescript-eslint/no-require-imports */
import { ApiObject, ApiObjectMetadata, Chart, Duration, Names, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { IIngressController, IngressBackendProtocol, IngressBackendTls, IngressHsts, IngressRateLimit, TlsVersion } from './ingress-controller';
import { childPath } from './input-problems';
import { toLabelValue } from './label-value';
import { onMeshNamespace } from './namespace-mesh';
import { HipaaValidation } from './validation';
import { addWaivers } from './waivers';
import type { Waiver } from '../check/waiver';
import type * as certManager from '../imports/cert-manager.io';
import { OWNER_LABEL, PHI_LABEL } from '../labels';

export * from './ingress-controller';

// Loaded on first use: the prop checks pull in rule helpers, and the generated cert-manager classes are large.
const ingressProps = (): typeof import('./secure-ingress-props') => require('./secure-ingress-props');
const certManagerClasses = (): typeof certManager => require('../imports/cert-manager.io');

/** Where one route of a SecureIngress goes. */
export interface SecureIngressBackend {
  /** The Service receiving the traffic (e.g. what `workload.exposeViaService()` returns), in the Ingress's namespace. */
  readonly service: kplus.Service;
  /** The Service port to route to. @default - the Service's only port (required when it has several) */
  readonly port?: number;
  /**
   * The workload whose pods the Service selects. Its NetworkPolicies then admit the controller's
   * pods on the Service's target port (only the workload's side is written: never a policy in the
   * controller's namespace), and its PHI label decides whether the route carries PHI.
   * @default - none: the route counts as PHI unless the Service is labelled `hipaa-constructs.io/phi: "false"`, and the flow from the controller must be declared on the workload
   */
  readonly workload?: kplus.Workload;
}

/** One host and path of a SecureIngress. */
export interface SecureIngressRule {
  /** The host name (`records.clinic.example.com`, or a wildcard `*.clinic.example.com`); the certificate names every host. */
  readonly host: string;
  /** The path. @default '/' */
  readonly path?: string;
  /** How the path matches. @default kplus.HttpIngressPathType.PREFIX */
  readonly pathType?: kplus.HttpIngressPathType;
  /** Where the requests go. */
  readonly backend: SecureIngressBackend;
}

/** A cert-manager `cert-manager.io/v1` Certificate for the Ingress's hosts. */
export interface IngressCertificateOptions {
  /** Name of the issuer that signs the certificate (a Let's Encrypt or private CA ClusterIssuer, e.g. `letsencrypt-production`). */
  readonly issuer: string;
  /** Kind of the issuer. @default 'ClusterIssuer' */
  readonly issuerKind?: 'ClusterIssuer' | 'Issuer';
  /** Private key algorithm: ECDSA or RSA (Ed25519 lacks browser support and is not offered). @default 'ECDSA' */
  readonly keyAlgorithm?: 'ECDSA' | 'RSA';
  /** Key size in bits: 256, 384 or 521 for ECDSA; 2048 to 8192 for RSA. @default - 256 for ECDSA, 2048 for RSA */
  readonly keySize?: number;
  /** How long each certificate is valid (at least 1 hour). @default Duration.days(90) */
  readonly duration?: Duration;
  /** How long before expiry it is renewed (a new private key each time). @default Duration.days(30) */
  readonly renewBefore?: Duration;
  /** Name of the Secret the certificate is written to. @default - `<ingress name>-tls` */
  readonly secretName?: string;
}

/** Props of {@link SecureIngress}. */
export interface SecureIngressProps {
  /** The routes: host, path and backend Service (at least one; every host is covered by the TLS certificate). */
  readonly rules: SecureIngressRule[];
  /**
   * Have cert-manager issue the TLS certificate for every host (ECDSA P-256, a new key at every
   * renewal). Give this or `tlsSecretName`.
   * @default - none: tlsSecretName must be given
   */
  readonly certificate?: IngressCertificateOptions;
  /** An existing `kubernetes.io/tls` Secret covering every host. Give this or `certificate`. @default - none: certificate must be given */
  readonly tlsSecretName?: string;
  /** The ingress controller, which turns the security settings into its annotations. @default new IngressNginx() */
  readonly controller?: IIngressController;
  /** The IngressClass (always written, never left to the cluster's default). @default - the controller's class ('nginx' for IngressNginx) */
  readonly ingressClassName?: string;
  /**
   * The lowest TLS version clients may use: '1.2' or '1.3'; lower is refused. ingress-nginx sets
   * TLS versions controller-wide only, so there '1.3' is refused (see IngressNginx.controllerConfig).
   * @default '1.2'
   */
  readonly minTlsVersion?: TlsVersion;
  /** HSTS (controller-wide for ingress-nginx: returned in {@link SecureIngress.controllerSettings}). @default - 365 days, subdomains, no preload */
  readonly hsts?: IngressHsts;
  /**
   * Protocol from the controller to the pods. HTTP or GRPC to a PHI workload is refused unless
   * k8s-ingress-phi-plaintext-backend is waived.
   * @default 'HTTPS'
   */
  readonly backendProtocol?: IngressBackendProtocol;
  /**
   * Verification of the backends' certificates. Required for PHI backends over HTTPS/GRPCS unless
   * k8s-ingress-phi-plaintext-backend is waived.
   * @default - none
   */
  readonly backendTls?: IngressBackendTls;
  /** Per-client rate limits. @default - 20 requests per second and 50 connections per client address */
  readonly rateLimit?: IngressRateLimit;
  /** Largest request body accepted (0, no limit, is refused). @default Size.mebibytes(1) */
  readonly maxRequestBodySize?: Size;
  /** Metadata of the Ingress (name, extra labels and annotations). @default - a unique name made from the construct path */
  readonly metadata?: ApiObjectMetadata;
  /** Team or person accountable (label `hipaa-constructs.io/owner`). @default - not labelled */
  readonly owner?: string;
  /** Accepted findings on the objects this construct creates, each with a reason and an expiry at most 12 months ahead. @default - none */
  readonly waivers?: Waiver[];
}

/**
 * A `networking.k8s.io/v1` Ingress that only serves TLS: every host is covered by a cert-manager
 * Certificate (or a given TLS Secret), HTTP is redirected to HTTPS, TLS 1.2 or later with modern
 * ciphers, traffic to the pods re-encrypted with their certificate verified, per-client rate
 * limits and a request body limit. The controller is pluggable ({@link IIngressController};
 * {@link IngressNginx} by default); settings the controller takes only controller-wide are in
 * {@link SecureIngress.controllerSettings} for the controller's owners, never written into its
 * namespace. Each backend workload given admits the controller's pods through its NetworkPolicies.
 *
 * ```ts
 * const api = new SecureDeployment(chart, 'api', { ... });
 * new SecureIngress(chart, 'public', {
 *   rules: [{ host: 'records.clinic.example.com', backend: { service: api.exposeViaService({ ports: [{ port: 443, targetPort: 8443 }] }), workload: api } }],
 *   certificate: { issuer: 'letsencrypt' },
 *   backendTls: { caSecret: 'internal-ca' },
 * });
 * ```
 */
export class SecureIngress extends Construct {
  /** The Ingress. */
  public readonly ingress: kplus.Ingress;
  /** The cert-manager `cert-manager.io/v1` Certificate, when `certificate` was given. @default - none (tlsSecretName given) */
  public readonly certificate?: ApiObject;
  /** The Secret holding the TLS certificate. */
  public readonly tlsSecretName: string;
  /** The hosts served (all covered by TLS). */
  public readonly hosts: readonly string[];
  /**
   * Settings the controller applies only controller-wide (for ingress-nginx, its ConfigMap keys:
   * ssl-protocols, ssl-ciphers, hsts...), for the controller's owners.
   */
  public readonly controllerSettings: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: SecureIngressProps) {
    const where = childPath(scope, id);
    const namespace = Chart.of(scope).namespace;
    const plan = ingressProps().validateSecureIngressProps(where, scope, props, namespace);
    super(scope, id);
    const name = props.metadata?.name ?? Names.toDnsLabel(this, { maxLen: 59 });
    if (props.waivers) addWaivers(this, props.waivers);
    HipaaValidation.enable(Chart.of(this));
    this.tlsSecretName = plan.tlsSecretName ?? `${name}-tls`;
    this.hosts = plan.hosts;
    this.controllerSettings = plan.settings.controllerWide;

    const labels: Record<string, string> = { [PHI_LABEL]: String(plan.phi), 'app.kubernetes.io/name': toLabelValue(id) };
    if (props.owner) labels[OWNER_LABEL] = toLabelValue(props.owner);

    if (plan.certificate) {
      const c = plan.certificate;
      const cm = certManagerClasses();
      this.certificate = new cm.Certificate(this, 'Certificate', {
        metadata: { name: this.tlsSecretName, labels },
        spec: {
          secretName: this.tlsSecretName,
          dnsNames: [...plan.hosts],
          issuerRef: { name: c.issuer.name, kind: c.issuer.kind, group: c.issuer.group },
          privateKey: {
            algorithm: c.algorithm === 'RSA' ? cm.CertificateSpecPrivateKeyAlgorithm.RSA : cm.CertificateSpecPrivateKeyAlgorithm.ECDSA,
            size: c.size,
            rotationPolicy: cm.CertificateSpecPrivateKeyRotationPolicy.ALWAYS,
          },
          duration: c.duration,
          renewBefore: c.renewBefore,
          // Key encipherment is RSA key transport; an ECDSA key must not assert it (RFC 8813, section 3).
          usages: c.algorithm === 'RSA'
            ? [cm.CertificateSpecUsages.DIGITAL_SIGNATURE, cm.CertificateSpecUsages.KEY_ENCIPHERMENT, cm.CertificateSpecUsages.SERVER_AUTH]
            : [cm.CertificateSpecUsages.DIGITAL_SIGNATURE, cm.CertificateSpecUsages.SERVER_AUTH],
        },
      });
    }

    this.ingress = new kplus.Ingress(this, 'Resource', {
      metadata: {
        ...props.metadata,
        name,
        labels: { ...props.metadata?.labels, ...labels },
        annotations: { ...props.metadata?.annotations, ...plan.settings.annotations },
      },
      className: plan.ingressClassName,
      tls: [{ hosts: [...plan.hosts], secret: kplus.Secret.fromSecretName(this, 'TlsSecret', this.tlsSecretName) }],
    });
    for (const r of plan.routes) {
      this.ingress.addHostRule(r.host, r.path, kplus.IngressBackend.fromService(r.service, { port: r.port }), r.pathType);
    }
    if (this.certificate) this.ingress.node.addDependency(this.certificate);

    // A HipaaNamespace created later may give the backends' namespace an Istio mesh: the
    // controller's annotations then follow it (or the construction of that namespace is refused).
    if (namespace !== undefined && (plan.intent.istioMeshServices ?? []).length === 0) {
      onMeshNamespace(this, (ns) => {
        if (ns.name !== namespace || ns.mesh.provider !== 'istio') return;
        const intent = { ...plan.intent, istioMeshServices: ingressProps().istioMeshServices(plan.routes, namespace) };
        const settings = plan.controller.settings(intent);
        if (settings.problems.length > 0) {
          throw new Error(settings.problems.map((x) => `[${where}] ${x.field}: ${x.message} (HipaaNamespace [${ns.scope.node.path}], created after this ` +
            `SecureIngress, gives namespace '${namespace}' its Istio mesh.)`).join('\n'));
        }
        for (const [k, v] of Object.entries(settings.annotations)) this.ingress.metadata.addAnnotation(k, v);
      });
    }

    // The controller's pods may reach each backend workload on the Service's target port.
    const peer = plan.controller.peer(this, 'ControllerPods');
    const done = new Set<string>();
    for (const r of plan.routes) {
      if (!r.workload) continue;
      const key = `${r.workload.node.path} ${r.targetPort}`;
      if (done.has(key)) continue;
      done.add(key);
      r.workload.connections.allowFrom(peer, { ports: [kplus.NetworkPolicyPort.tcp(r.targetPort)], isolation: kplus.PodConnectionsIsolation.POD });
    }
  }
}
