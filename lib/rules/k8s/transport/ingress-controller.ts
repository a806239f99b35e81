/**
 * Which controller serves an Ingress, as far as the checked set shows. Not a rule.
 *
 * 1. The class is spec.ingressClassName, else the deprecated `kubernetes.io/ingress.class`
 *    annotation.
 * 2. A named class is looked up among the IngressClass objects of the set; its spec.controller
 *    says which controller it is (`k8s.io/ingress-nginx` for ingress-nginx). When the set holds no
 *    IngressClass of that name, the class `nginx` (the name ingress-nginx's chart and manifests
 *    create) counts as ingress-nginx; any other name is unknown.
 * 3. An Ingress naming no class is served by the IngressClass of the set annotated
 *    `ingressclass.kubernetes.io/is-default-class: "true"`; without one, its controller is unknown.
 *
 * The transport rules know ingress-nginx. For an unknown controller they cannot tell from the
 * Ingress whether HTTP is redirected, TLS below 1.2 refused or the backend hop encrypted, so they
 * fail closed and flag it: the user waives the finding naming where the controller enforces it.
 */
import { INGRESS_NGINX_CLASS, INGRESS_NGINX_CONTROLLER } from './ingress-nginx';
import type { RuleContext } from '../../../check/context';
import type { Resource } from '../../../check/resource';

const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

/** The controller of an Ingress, and how the rules came to that. */
export interface IngressControllerOf {
  /** ingress-nginx, or a controller the rules do not know. */
  readonly kind: 'ingress-nginx' | 'unknown';
  /** Field the class came from, for findings: `spec.ingressClassName`, the annotation, or `spec`. */
  readonly path: string;
  /** How the controller was found, completing "the Ingress ...": `names ingress class 'nginx'`. */
  readonly how: string;
}

/** The controller serving `ingress`, by its class (see the module comment). */
export function ingressControllerOf(ctx: RuleContext, ingress: Resource): IngressControllerOf {
  const spec = ingress.body.spec ?? {};
  const annotated = ingress.body.metadata?.annotations?.[CLASS_ANNOTATION];
  const className: unknown = spec.ingressClassName ?? annotated;
  const path = spec.ingressClassName !== undefined ? 'spec.ingressClassName' : annotated !== undefined ? `metadata.annotations["${CLASS_ANNOTATION}"]` : 'spec.ingressClassName';
  const classes = ctx.ofKind('IngressClass');
  if (typeof className === 'string' && className !== '') {
    const found = classes.find((c) => c.name === className);
    if (found) {
      const controller = found.body.spec?.controller;
      return controller === INGRESS_NGINX_CONTROLLER
        ? { kind: 'ingress-nginx', path, how: `names ingress class '${className}', whose IngressClass has controller ${INGRESS_NGINX_CONTROLLER}` }
        : { kind: 'unknown', path, how: `names ingress class '${className}', whose IngressClass has controller '${String(controller)}'` };
    }
    return className === INGRESS_NGINX_CLASS
      ? { kind: 'ingress-nginx', path, how: `names ingress class '${className}' (ingress-nginx's class; no IngressClass of that name was checked)` }
      : { kind: 'unknown', path, how: `names ingress class '${className}', and no IngressClass of that name was checked to say which controller it is` };
  }
  const defaults = classes.filter((c) => c.body.metadata?.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
  if (defaults.length === 1) {
    const [d] = defaults;
    const nginx = d.body.spec?.controller === INGRESS_NGINX_CONTROLLER;
    return { kind: nginx ? 'ingress-nginx' : 'unknown', path, how: `names no ingress class and is served by the default IngressClass '${d.name}' (controller '${String(d.body.spec?.controller)}')` };
  }
  return { kind: 'unknown', path, how: 'names no ingress class, and no single default IngressClass was checked, so its controller is unknown' };
}

/** Every Service backend of an Ingress: the field path of its name and the Service name. */
export function ingressServiceBackends(ingress: Resource): Array<{ readonly path: string; readonly service: string }> {
  const spec = ingress.body.spec ?? {};
  const out: Array<{ path: string; service: string }> = [];
  const name = spec.defaultBackend?.service?.name;
  if (typeof name === 'string') out.push({ path: 'spec.defaultBackend.service.name', service: name });
  const rules: unknown = spec.rules;
  if (!Array.isArray(rules)) return out;
  rules.forEach((rule, i) => {
    const paths: unknown = rule?.http?.paths;
    if (!Array.isArray(paths)) return;
    paths.forEach((p, j) => {
      const svc = p?.backend?.service?.name;
      if (typeof svc === 'string') out.push({ path: `spec.rules[${i}].http.paths[${j}].backend.service.name`, service: svc });
    });
  });
  return out;
}

/** Whether the Ingress has at least one spec.tls entry (k8s-ingress-tls flags the rest). */
export function hasTls(ingress: Resource): boolean {
  const tls: unknown = ingress.body.spec?.tls;
  return Array.isArray(tls) && tls.length > 0;
}
