/**
 * The checks of SecureIngress's props, loaded on first use (not by the cdk8s entry point): every
 * problem is collected and thrown together, and what the construct writes is returned.
 */
import { ApiObject, Duration, Size, SizeRoundingBehavior } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { IConstruct } from 'constructs';
import { goDuration } from './backup-schedule-props';
import {
  IIngressController,
  IngressBackendProtocol,
  IngressControllerSettings,
  IngressNginx,
  IngressSecurityIntent,
  resolveHsts,
  tlsVersionProblem,
  TlsVersion,
} from './ingress-controller';
import { InputProblems } from './input-problems';
import { meshProviderOf } from './namespace-mesh';
import type { IngressCertificateOptions, SecureIngressProps } from './secure-ingress';
import { waiversOf } from './waivers';
import { PHI_LABEL } from '../labels';
import { nameViolation } from '../rules/k8s/workload/valid-name';

/** The rule a plaintext (or unverified) hop to a PHI backend breaks. */
export const PLAINTEXT_BACKEND_RULE = 'k8s-ingress-phi-plaintext-backend';
/** The rule a weak certificate key breaks. */
const KEY_RULE = 'k8s-certificate-key-strength';

const HOST = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const BACKEND_PROTOCOLS: readonly IngressBackendProtocol[] = ['HTTPS', 'GRPCS', 'HTTP', 'GRPC'];
const PATH_TYPES: readonly string[] = Object.values(kplus.HttpIngressPathType);

/** One route, resolved. */
export interface IngressRoutePlan {
  readonly host: string;
  readonly path: string;
  readonly pathType: kplus.HttpIngressPathType;
  readonly service: kplus.Service;
  readonly port: number;
  /** The port the pods listen on (the Service port's targetPort). */
  readonly targetPort: number;
  readonly workload?: kplus.Workload;
  readonly phi: boolean;
}

/** The certificate to request, resolved. */
export interface IngressCertificatePlan {
  readonly issuer: { readonly name: string; readonly kind: string; readonly group: string };
  readonly algorithm: 'ECDSA' | 'RSA';
  readonly size: number;
  readonly duration: string;
  readonly renewBefore: string;
}

/** What SecureIngress writes. */
export interface SecureIngressPlan {
  readonly namespace?: string;
  readonly ingressClassName: string;
  readonly controller: IIngressController;
  readonly routes: readonly IngressRoutePlan[];
  readonly hosts: readonly string[];
  /** The TLS Secret's name. @default - `<ingress name>-tls` */
  readonly tlsSecretName?: string;
  readonly certificate?: IngressCertificatePlan;
  readonly intent: IngressSecurityIntent;
  readonly settings: IngressControllerSettings;
  readonly phi: boolean;
}

/**
 * Throws one Error listing every problem of `props` (nothing when they are fine) and returns the
 * plan. `where` is the construct path, `scope` the construct's parent (for waivers held above),
 * `namespace` the chart's.
 */
export function validateSecureIngressProps(
  where: string,
  scope: IConstruct,
  props: SecureIngressProps,
  namespace: string | undefined,
): SecureIngressPlan {
  const p = new InputProblems(where);
  if (!p.object(props, 'props', false)) p.throwIfAny();
  const waived = (ruleId: string) =>
    (Array.isArray(props.waivers) && props.waivers.some((w) => w?.ruleId === ruleId)) ||
    scope.node.scopes.some((s) => waiversOf(s).some((w) => w.ruleId === ruleId));

  const controller = props.controller ?? new IngressNginx();
  if (p.instance(controller, 'controller', 'an IIngressController (e.g. new IngressNginx())', 'settings')) {
    if (typeof (controller as IIngressController).peer !== 'function') p.add('controller', 'expected an IIngressController with a peer() method.');
  }
  const ingressClassName = props.ingressClassName ?? controller?.ingressClassName;
  if (typeof ingressClassName !== 'string' || ingressClassName === '') {
    p.add('ingressClassName', 'name the IngressClass of the controller (an Ingress without one is served by whatever class is the default, or by none).');
  } else {
    const v = nameViolation('IngressClass', ingressClassName);
    if (v) p.add('ingressClassName', `${v.message}.`);
  }

  // Routes.
  const routes: IngressRoutePlan[] = [];
  const hosts: string[] = [];
  const seen = new Set<string>();
  if (p.list(props.rules, 'rules', false)) {
    if (props.rules.length === 0) p.add('rules', 'give at least one route (host, path and backend Service).');
    props.rules.forEach((rule, i) => {
      const f = `rules[${i}]`;
      if (!p.object(rule, f, false)) return;
      let host: string | undefined;
      if (p.string(rule.host, `${f}.host`, false)) {
        if (!(rule.host.length <= 253 && HOST.test(rule.host))) {
          p.add(`${f}.host`, `'${rule.host}' is not a lower-case DNS name (a wildcard may only be the whole first label, '*.example.com'). ` +
            'Every route needs a host the certificate can name (k8s-ingress-tls).');
        } else {host = rule.host;}
      }
      const path = rule.path ?? '/';
      if (p.string(path, `${f}.path`) && !path.startsWith('/')) p.add(`${f}.path`, `'${path}' must start with '/'.`);
      const pathType = rule.pathType ?? kplus.HttpIngressPathType.PREFIX;
      if (!PATH_TYPES.includes(pathType)) p.add(`${f}.pathType`, `expected one of ${PATH_TYPES.join(', ')}, got '${String(pathType)}'.`);
      if (host !== undefined) {
        const key = `${host} ${path}`;
        if (seen.has(key)) p.add(`${f}`, `host '${host}' path '${path}' is routed twice; give each host and path one backend.`);
        seen.add(key);
        if (!hosts.includes(host)) hosts.push(host);
      }
      const backend = rule.backend;
      if (!p.object(backend, `${f}.backend`, false)) return;
      if (!(backend.service instanceof kplus.Service)) {
        p.add(`${f}.backend.service`, 'expected a kplus.Service (e.g. what workload.exposeViaService() returns).');
        return;
      }
      const service = backend.service;
      const ports = service.ports;
      let sp = ports[0];
      if (backend.port !== undefined) {
        sp = ports.find((x) => x.port === backend.port) as typeof sp;
        if (sp === undefined) {
          const target = ports.find((x) => x.targetPort === backend.port);
          const fix = target ? ` ${String(backend.port)} is the target port (the pods' port) of its port ${target.port}: give the Service port, ${target.port}.` :
            ports.length > 0 ? ' Give one of its ports, or leave port out when it has one.' : ' Give the Service a port (exposeViaService({ ports })).';
          p.add(`${f}.backend.port`, `Service '${service.name}' has no port ${String(backend.port)} (it has ${ports.map((x) => x.port).join(', ') || 'none'}).${fix}`);
        }
      } else if (ports.length !== 1) {
        p.add(`${f}.backend.port`, `Service '${service.name}' has ${ports.length} ports (${ports.map((x) => x.port).join(', ')}); name the one to route to.`);
        sp = undefined as any;
      }
      const svcNs = service.metadata.namespace;
      if (svcNs !== undefined && svcNs !== namespace) {
        p.add(`${f}.backend.service`, `Service '${service.name}' is in namespace '${svcNs}', the Ingress in '${namespace ?? '(none)'}'; an Ingress routes only to Services of its own namespace. ` +
          `Create the SecureIngress in a chart whose namespace is '${svcNs}' (one SecureIngress per namespace).`);
      }
      const workload = backend.workload;
      if (workload !== undefined && !(workload instanceof kplus.Workload)) p.add(`${f}.backend.workload`, 'expected a workload (SecureDeployment, SecureStatefulSet or another kplus workload).');
      let mismatch: string | undefined;
      if (workload instanceof kplus.Workload) {
        mismatch = selectorMismatch(service, workload);
        if (mismatch) {
          p.add(`${f}.backend.workload`, `Service '${service.name}' ${mismatch} ${workload.node.path}, so the controller would be admitted to pods that get no ` +
            `traffic and the route classified by them (${PLAINTEXT_BACKEND_RULE}). Give the workload the Service selects (the one whose exposeViaService() returned it).`);
        }
      }
      const podPhi = workload instanceof kplus.Workload ? workload.podMetadata.getLabel(PHI_LABEL) : undefined;
      // Fail closed: only a workload (or, without one, a Service) labelled "false" is not PHI.
      const phi = mismatch !== undefined || (workload instanceof kplus.Workload ? podPhi !== 'false' : service.metadata.getLabel(PHI_LABEL) !== 'false');
      if (sp !== undefined && host !== undefined) {
        const target = workload instanceof kplus.Workload ? workload : undefined;
        routes.push({ host, path, pathType, service, port: sp.port, targetPort: sp.targetPort ?? sp.port, workload: target, phi });
      }
    });
  }
  const phi = routes.some((r) => r.phi);

  // TLS: a cert-manager Certificate or a given Secret, never both.
  let certificate: IngressCertificatePlan | undefined;
  let tlsSecretName: string | undefined;
  if (props.certificate !== undefined && props.tlsSecretName !== undefined) {
    p.add('certificate', 'give either certificate (a cert-manager Certificate is requested) or tlsSecretName (an existing TLS Secret), not both.');
  } else if (props.certificate === undefined && props.tlsSecretName === undefined) {
    p.add('certificate', 'TLS is required (k8s-ingress-tls): give certificate ({ issuer: \'<ClusterIssuer name>\' }) to have cert-manager issue one for the hosts, or tlsSecretName naming a TLS Secret that covers them.');
  } else if (props.tlsSecretName !== undefined) {
    if (p.string(props.tlsSecretName, 'tlsSecretName')) {
      const v = nameViolation('Secret', props.tlsSecretName);
      if (v) p.add('tlsSecretName', `${v.message}.`);
      else tlsSecretName = props.tlsSecretName;
    }
  } else if (p.object(props.certificate, 'certificate')) {
    certificate = certificatePlan(p, props.certificate);
    if (props.certificate.secretName !== undefined && p.string(props.certificate.secretName, 'certificate.secretName')) {
      const v = nameViolation('Secret', props.certificate.secretName);
      if (v) p.add('certificate.secretName', `${v.message}.`);
      else tlsSecretName = props.certificate.secretName;
    }
  }

  // The intent.
  const minTlsVersion = (props.minTlsVersion ?? '1.2') as TlsVersion;
  const tls = tlsVersionProblem(minTlsVersion);
  if (tls) p.add('minTlsVersion', tls);
  const hstsProblems: string[] = [];
  const hstsGiven = p.object(props.hsts, 'hsts') ? props.hsts : undefined;
  p.boolean(hstsGiven?.includeSubdomains, 'hsts.includeSubdomains');
  p.boolean(hstsGiven?.preload, 'hsts.preload');
  const hsts = resolveHsts(hstsGiven, hstsProblems, 'hsts');
  for (const h of hstsProblems) {
    const [field, ...rest] = h.split(': ');
    p.add(field, rest.join(': '));
  }
  const backendProtocol = props.backendProtocol ?? 'HTTPS';
  const encrypted = backendProtocol === 'HTTPS' || backendProtocol === 'GRPCS';
  if (!BACKEND_PROTOCOLS.includes(backendProtocol)) {
    p.add('backendProtocol', `expected one of ${BACKEND_PROTOCOLS.join(', ')}, got '${String(backendProtocol)}'.`);
  } else if (!encrypted && phi && !waived(PLAINTEXT_BACKEND_RULE)) {
    p.add('backendProtocol', `${backendProtocol} sends PHI in plain text from the controller to ${phiNames(routes)} (${PLAINTEXT_BACKEND_RULE}). Serve TLS from the workload ` +
      `and use backendProtocol 'HTTPS' (the default) with backendTls, or waive ${PLAINTEXT_BACKEND_RULE} in waivers, giving the reason.`);
  }
  let backendTls: IngressSecurityIntent['backendTls'];
  if (props.backendTls !== undefined) {
    if (!BACKEND_PROTOCOLS.includes(backendProtocol)) {
      // Reported above.
    } else if (!encrypted) {p.add('backendTls', `verifies backend certificates, but backendProtocol ${backendProtocol} is plain text; use 'HTTPS' or 'GRPCS'.`);} else if (p.object(props.backendTls, 'backendTls')) {backendTls = backendTlsPlan(p, props.backendTls, routes, namespace);}
  } else if (encrypted && phi && !waived(PLAINTEXT_BACKEND_RULE)) {
    p.add('backendTls', `re-encryption to ${phiNames(routes)} must verify the backend certificate, or anything answering for the Service receives the PHI (${PLAINTEXT_BACKEND_RULE}). ` +
      `Give backendTls: { caSecret: '<Secret with the CA as ca.crt>' }, or waive ${PLAINTEXT_BACKEND_RULE} in waivers, giving the reason.`);
  }
  const rate = p.object(props.rateLimit, 'rateLimit') ? props.rateLimit : {};
  const rateLimit = {
    requestsPerSecond: positiveInt(p, rate.requestsPerSecond ?? 20, 'rateLimit.requestsPerSecond'),
    connections: positiveInt(p, rate.connections ?? 50, 'rateLimit.connections'),
  };
  const maxRequestBodySize = props.maxRequestBodySize ?? Size.mebibytes(1);
  if (p.instance(maxRequestBodySize, 'maxRequestBodySize', 'a Size (e.g. Size.mebibytes(8))', 'toKibibytes')) {
    const kib = maxRequestBodySize.toKibibytes({ rounding: SizeRoundingBehavior.NONE });
    if (!(kib >= 1 && Number.isInteger(kib))) {
      p.add('maxRequestBodySize', `${kib} KiB is not a whole number of at least 1 KiB (0 would turn the limit off). Use e.g. Size.mebibytes(8).`);
    }
  }
  p.throwIfAny();

  const intent: IngressSecurityIntent = {
    minTlsVersion,
    hsts,
    backendProtocol,
    backendTls,
    rateLimit,
    maxRequestBodySize,
    istioMeshServices: namespace !== undefined && meshProviderOf(scope, namespace) === 'istio' ? istioMeshServices(routes, namespace) : [],
  };
  const settings = controller.settings(intent);
  for (const problem of settings.problems ?? []) p.add(problem.field, problem.message);
  p.throwIfAny();
  return { namespace, ingressClassName: ingressClassName!, controller, routes, hosts, tlsSecretName, certificate, intent, settings, phi };
}

function certificatePlan(p: InputProblems, c: IngressCertificateOptions): IngressCertificatePlan | undefined {
  const f = 'certificate';
  let ok = true;
  if (!p.string(c.issuer, `${f}.issuer`, false)) {ok = false;} else if (nameViolation('ClusterIssuer', c.issuer)) {
    p.add(`${f}.issuer`, `'${c.issuer}' is not a valid issuer name (a DNS subdomain).`);
    ok = false;
  }
  const kind = c.issuerKind ?? 'ClusterIssuer';
  if (kind !== 'ClusterIssuer' && kind !== 'Issuer') {
    p.add(`${f}.issuerKind`, `expected 'ClusterIssuer' or 'Issuer', got '${String(kind)}'.`);
    ok = false;
  }
  const algorithm = c.keyAlgorithm ?? 'ECDSA';
  let size = c.keySize ?? (algorithm === 'RSA' ? 2048 : 256);
  if (algorithm === 'ECDSA') {
    if (![256, 384, 521].includes(size)) {
      p.add(`${f}.keySize`, `an ECDSA key is 256, 384 or 521 bits (P-256, P-384, P-521), got ${String(size)}${typeof size === 'number' && size < 256 ? ` (${KEY_RULE})` : ''}.`);
      ok = false;
    }
  } else if (algorithm === 'RSA') {
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 2048 || size > 8192) {
      p.add(`${f}.keySize`, `an RSA key must have 2048 to 8192 bits, got ${String(size)}${typeof size === 'number' && size < 2048 ? ` (${KEY_RULE}). Use 2048 or more, or ECDSA (the default)` : ''}.`);
      ok = false;
    }
  } else {
    p.add(`${f}.keyAlgorithm`, `expected 'ECDSA' or 'RSA', got '${String(algorithm)}'.`);
    ok = false;
    size = 0;
  }
  const duration = durationMs(p, c.duration ?? Duration.days(90), `${f}.duration`);
  const renewBefore = durationMs(p, c.renewBefore ?? Duration.days(30), `${f}.renewBefore`);
  if (duration !== undefined && duration < 3600_000) {
    p.add(`${f}.duration`, 'cert-manager refuses a certificate duration under 1 hour.');
    ok = false;
  }
  if (duration !== undefined && renewBefore !== undefined && (renewBefore < 300_000 || renewBefore >= duration)) {
    p.add(`${f}.renewBefore`, `must be at least 5 minutes and shorter than the duration (${goDuration(duration)}), so the certificate is renewed before it expires.`);
    ok = false;
  }
  if (!ok || duration === undefined || renewBefore === undefined) return undefined;
  return {
    issuer: { name: c.issuer, kind, group: 'cert-manager.io' },
    algorithm,
    size,
    duration: goDuration(duration),
    renewBefore: goDuration(renewBefore),
  };
}

function durationMs(p: InputProblems, value: unknown, field: string): number | undefined {
  if (!p.instance(value, field, 'a Duration (e.g. Duration.days(90))', 'toMilliseconds', false)) return undefined;
  return (value as Duration).toMilliseconds({ integral: false });
}

function backendTlsPlan(p: InputProblems, b: NonNullable<SecureIngressProps['backendTls']>, routes: readonly IngressRoutePlan[], namespace: string | undefined): IngressSecurityIntent['backendTls'] {
  let caSecret: string | undefined;
  if (p.string(b.caSecret, 'backendTls.caSecret', false)) {
    const parts = b.caSecret.split('/');
    const [ns, secret] = parts.length === 2 ? parts : [namespace, parts[0]];
    if (parts.length > 2 || (ns !== undefined && nameViolation('Namespace', ns)) || nameViolation('Secret', secret ?? '')) {
      p.add('backendTls.caSecret', `'${b.caSecret}' is not a Secret name or 'namespace/name'.`);
    } else if (ns === undefined) {
      p.add('backendTls.caSecret', `the chart has no namespace, so '${b.caSecret}' cannot be located; write it as 'namespace/name'.`);
    } else {caSecret = `${ns}/${secret}`;}
  }
  let serverName = b.serverName;
  if (serverName !== undefined) {
    if (p.string(serverName, 'backendTls.serverName') && !HOST.test(serverName)) p.add('backendTls.serverName', `'${serverName}' is not a lower-case DNS name.`);
  } else {
    const services = [...new Set(routes.map((r) => r.service.name))];
    if (services.length > 1) {
      p.add('backendTls.serverName', `the Ingress routes to ${services.length} Services (${services.join(', ')}) and ingress-nginx verifies one name per Ingress: ` +
        'give the name every backend certificate carries, or use one SecureIngress per Service.');
    } else if (services.length === 1) {
      if (namespace === undefined) p.add('backendTls.serverName', 'the chart has no namespace to make the default name <service>.<namespace>.svc; give the name the backend certificate carries.');
      else serverName = `${services[0]}.${namespace}.svc`;
    }
  }
  return caSecret !== undefined && serverName !== undefined ? { caSecret, serverName } : undefined;
}

/** Why `service` does not send to the pods of `workload` (every selector label on its pod template), or undefined when it does. */
function selectorMismatch(service: kplus.Service, workload: kplus.Workload): string | undefined {
  const selector: Record<string, string> = ApiObject.of(service).toJson().spec?.selector ?? {};
  if (Object.keys(selector).length === 0) return 'selects no pods (it has no selector), not those of';
  const labels: Record<string, string> = workload.podMetadata.toJson().labels ?? {};
  const differ = Object.entries(selector).filter(([k, v]) => labels[k] !== v);
  if (differ.length === 0) return undefined;
  return `selects pods labelled ${differ.map(([k, v]) => `${k}=${v}`).join(', ')}, not those of`;
}

function positiveInt(p: InputProblems, value: unknown, field: string): number {
  if (p.number(value, field, false) && !(Number.isInteger(value) && value >= 1 && value <= 1_000_000)) {
    p.add(field, `expected a whole number from 1 to 1000000, got ${value}.`);
  }
  return value as number;
}

/** The backends' Service names as the Istio sidecar routes to them: `<service>.<namespace>.svc.cluster.local`. */
export function istioMeshServices(routes: readonly IngressRoutePlan[], namespace: string): string[] {
  return [...new Set(routes.map((r) => `${r.service.name}.${namespace}.svc.cluster.local`))];
}

function phiNames(routes: readonly IngressRoutePlan[]): string {
  const names = [...new Set(routes.filter((r) => r.phi).map((r) => `'${r.service.name}'`))];
  return `PHI ${names.length > 1 ? 'backends' : 'backend'} ${names.join(', ')}`;
}
