import { ingressControllerOf, ingressServiceBackends } from './ingress-controller';
import { NGINX, NGINX_ENCRYPTED_BACKEND_PROTOCOLS } from './ingress-nginx';
import type { Rule } from '../../../check/rule';
import { PHI_LABEL } from '../../../labels';
import { servicePhiReason } from '../phi-classification';

/** An Ingress re-encrypts (and verifies) the hop to the pods of a PHI workload. */
export const ingressPhiPlaintextBackend: Rule = {
  id: 'k8s-ingress-phi-plaintext-backend',
  title: 'Ingresses must re-encrypt traffic to PHI workloads and verify the backend certificate',
  description:
    'An Ingress that terminates TLS and forwards plain HTTP to the pods sends PHI in clear text across the cluster network, ' +
    'where any pod on the path or a node compromise can read it (HIPAA transmission security: encryption; person or entity ' +
    'authentication for the backend). A backend is about PHI when its Service reaches a PHI workload, the way ' +
    `k8s-phi-service-exposure decides it: it selects pods of a workload labelled ${PHI_LABEL}: "true", is in a PHI namespace, or ` +
    'its pods are unclassified (a Service not in the checked set counts too, failing closed, unless the check option ' +
    `unclassifiedIsPhi is off). For ingress-nginx the Ingress must say ${NGINX.backendProtocol}: HTTPS or GRPCS (or pass TLS ` +
    `through with ${NGINX.sslPassthrough}: "true"), and verify the backend's certificate: ${NGINX.proxySslVerify}: "on" with a ` +
    `${NGINX.proxySslSecret} holding the CA (ca.crt). For another controller the rule cannot tell from the Ingress whether the ` +
    'backend hop is encrypted, so it flags each PHI backend (fail closed).',
  severity: 'error',
  controls: ['164.312(e)(1)', '164.312(e)(2)(ii)', '164.312(d)'],
  kinds: ['Ingress'],
  fix:
    'Serve TLS from the PHI workload and have the controller re-encrypt: with SecureIngress, backendProtocol HTTPS (the default) and ' +
    `backendTls.caSecret; by hand for ingress-nginx, ${NGINX.backendProtocol}: HTTPS, ${NGINX.proxySslVerify}: "on", ` +
    `${NGINX.proxySslSecret}: <namespace>/<secret with ca.crt>. For another controller, configure re-encryption there and waive ` +
    'k8s-ingress-phi-plaintext-backend on the Ingress, saying where.',
  check(resource, ctx, report) {
    const backends = ingressServiceBackends(resource);
    if (backends.length === 0) return;
    const ns = ctx.namespaceOf(resource);
    const services = ctx.inNamespace('Service', ns);
    const phi: Array<{ path: string; service: string; reason: string }> = [];
    const seen = new Set<string>();
    for (const b of backends) {
      const service = services.find((s) => s.name === b.service);
      const reason = service !== undefined
        ? servicePhiReason(ctx, service)
        : ctx.settings.unclassifiedIsPhi
          ? `is not in the checked set, so the pods behind it are not classified by a ${PHI_LABEL} label and count as PHI`
          : undefined;
      if (reason === undefined) continue;
      phi.push({ ...b, reason });
    }
    if (phi.length === 0) return;
    const controller = ingressControllerOf(ctx, resource);
    if (controller.kind !== 'ingress-nginx') {
      for (const b of phi) {
        if (seen.has(b.service)) continue;
        seen.add(b.service);
        report({
          path: b.path,
          message: `Service '${b.service}' ${b.reason}; the Ingress ${controller.how}, so the check cannot tell whether the hop to its pods is encrypted`,
        });
      }
      return;
    }
    const annotations = resource.body.metadata?.annotations ?? {};
    if (annotations[NGINX.sslPassthrough] === 'true') return;
    const protocol = annotations[NGINX.backendProtocol];
    if (!NGINX_ENCRYPTED_BACKEND_PROTOCOLS.includes(String(protocol).toUpperCase())) {
      const how = protocol === undefined ? `no ${NGINX.backendProtocol} annotation (HTTP)` : `${NGINX.backendProtocol}: ${String(protocol)}`;
      for (const b of phi) {
        if (seen.has(b.service)) continue;
        seen.add(b.service);
        report({
          path: b.path,
          message: `Service '${b.service}' ${b.reason}, and ingress-nginx forwards to it in plain text (${how})`,
        });
      }
      return;
    }
    const verify = annotations[NGINX.proxySslVerify];
    const secret = annotations[NGINX.proxySslSecret];
    if (verify !== 'on' || typeof secret !== 'string' || secret === '') {
      const missing = [
        ...(verify !== 'on' ? [`${NGINX.proxySslVerify} is ${verify === undefined ? 'not set (off)' : `'${String(verify)}'`}`] : []),
        ...(typeof secret !== 'string' || secret === '' ? [`no ${NGINX.proxySslSecret} names the CA`] : []),
      ];
      report({
        path: `metadata.annotations["${NGINX.proxySslVerify}"]`,
        message: `the Ingress re-encrypts to PHI ${phi.length > 1 ? 'backends' : 'backend'} ${[...new Set(phi.map((b) => `'${b.service}'`))].join(', ')} ` +
          `without verifying ${phi.length > 1 ? 'their certificates' : 'its certificate'} (${missing.join('; ')}), so anything that can answer for the ` +
          'Service inside the cluster receives the PHI',
        fix: `Annotate ${NGINX.proxySslVerify}: "on" and ${NGINX.proxySslSecret}: <namespace>/<secret holding the backend CA as ca.crt> (SecureIngress: backendTls.caSecret).`,
      });
    }
  },
};
