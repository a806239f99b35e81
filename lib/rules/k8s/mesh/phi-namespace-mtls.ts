import type { RuleContext } from '../../../check/context';
import type { Resource } from '../../../check/resource';
import type { Rule, Severity } from '../../../check/rule';
import { PHI_LABEL } from '../../../labels';
import { isPhiNamespace, namespacePhiBasis } from '../phi-classification';
import { podTemplate, POD_KINDS } from '../pod';
import { RESTORE_TEST_OF_ANNOTATION } from '../storage/velero';
import { namespaceMeshing, podMeshOptOut } from '../support/mesh-membership';
import { isObject } from '../support/objects';

/** Linkerd default inbound policies that accept only mutually authenticated (mTLS) clients. */
const LINKERD_MTLS_POLICIES = ['deny', 'all-authenticated', 'cluster-authenticated'];

/** Settings of {@link phiNamespaceMtlsRule}. */
export interface PhiNamespaceMtlsOptions {
  /** How a finding counts: `warning` is reported, `error` fails the check. @default 'warning' */
  readonly severity?: Severity;
  /** Istio's root namespace, whose PeerAuthentication without a selector applies mesh-wide. @default 'istio-system' */
  readonly istioRootNamespace?: string;
}

/**
 * The rule k8s-phi-namespace-mtls with these settings, for a pack of your own (e.g. to make a
 * PHI namespace without mTLS fail the check): put it in place of the rule with that id, e.g.
 * `{ ...kubernetesPack, rules: kubernetesPack.rules.map((r) => r.id === 'k8s-phi-namespace-mtls' ? phiNamespaceMtlsRule({ severity: 'error' }) : r) }`.
 */
export function phiNamespaceMtlsRule(options: PhiNamespaceMtlsOptions = {}): Rule {
  const root = options.istioRootNamespace ?? 'istio-system';
  return {
    id: 'k8s-phi-namespace-mtls',
    title: 'Traffic to PHI namespaces should be mutually authenticated and encrypted (service mesh mTLS)',
    description:
      'A Namespace that counts as PHI should have mutual TLS between its pods and their callers: with Istio, a ' +
      `PeerAuthentication in mode STRICT without a selector in the namespace (or mesh-wide, in '${root}', not overridden ` +
      'by the namespace) and the pods in the mesh (label istio-injection: enabled, istio.io/rev, or istio.io/dataplane-mode: ' +
      'ambient); with Linkerd, the annotations linkerd.io/inject: enabled and config.linkerd.io/default-inbound-policy: ' +
      'deny (or all-authenticated / cluster-authenticated). A PeerAuthentication in mode PERMISSIVE or DISABLE (whole or per ' +
      'port) in a PHI namespace is flagged too: it accepts plain text. A NetworkPolicy says which pods may connect; mTLS also ' +
      'proves who they are and encrypts the traffic on the node network. A restore-test scratch namespace (annotated ' +
      `${RESTORE_TEST_OF_ANNOTATION}) is not asked for mTLS: its one pod talks only to the API server, which is outside any mesh, ` +
      'and nothing may connect to it. A pod in a PHI namespace whose pods are in the mesh is flagged when it opts out of it ' +
      '(Istio: sidecar.istio.io/inject set to anything but true; ambient: istio.io/dataplane-mode other than ambient; Linkerd: ' +
      'linkerd.io/inject other than enabled or ingress): it accepts and sends plain text, and has no mesh identity.',
    severity: options.severity ?? 'warning',
    controls: ['164.312(e)(1)', '164.312(e)(2)(ii)', '164.312(d)'],
    kinds: ['Namespace', 'PeerAuthentication', ...POD_KINDS],
    fix: 'Give the HipaaNamespace a mesh (mesh: { provider: \'istio\' } or { provider: \'linkerd\' }), or write the PeerAuthentication ' +
      'STRICT and injection label (Istio) or the Linkerd annotations yourself. Remove a pod\'s opt-out of the mesh, or accept it with a waiver ' +
      'giving the reason (as NetworkPolicyProbe does for its probe pods).',
    check(resource, ctx, report) {
      // A mesh-wide one (in the root namespace) is judged where it applies: on each PHI namespace that inherits it.
      if (resource.kind === 'PeerAuthentication') return ctx.namespaceOf(resource) === root ? undefined : checkPeerAuthentication(resource, ctx, report);
      if (resource.kind !== 'Namespace') return checkPodOptOut(resource, ctx, report);
      const basis = namespacePhiBasis(ctx, resource.name);
      if (basis === undefined) return;
      if (typeof resource.body.metadata?.annotations?.[RESTORE_TEST_OF_ANNOTATION] === 'string') return;
      const missing = missingMtls(resource, ctx, root);
      if (missing === undefined) return;
      const why = basis === 'labelled' ? `is labelled ${PHI_LABEL}: "true"` : `has no ${PHI_LABEL} label of "true" or "false" (unclassified, it counts as PHI)`;
      report({ path: missing.path, message: `Namespace '${resource.name}' ${why} but ${missing.message}` });
    },
  };
}

/** PHI namespaces should have mesh mTLS (warning); see {@link phiNamespaceMtlsRule} for other settings. */
export const phiNamespaceMtls: Rule = phiNamespaceMtlsRule();

/** What is missing for mTLS in namespace `ns` (undefined: nothing). */
function missingMtls(ns: Resource, ctx: RuleContext, root: string): { path: string; message: string } | undefined {
  const labels = isObject(ns.body.metadata?.labels) ? ns.body.metadata.labels : {};
  const annotations = isObject(ns.body.metadata?.annotations) ? ns.body.metadata.annotations : {};
  const linkerdInject = annotations['linkerd.io/inject'];
  const linkerdPolicy = annotations['config.linkerd.io/default-inbound-policy'];
  if (linkerdInject !== undefined || linkerdPolicy !== undefined) {
    if (linkerdInject !== 'enabled') {
      return { path: 'metadata.annotations["linkerd.io/inject"]', message: `its pods are not in the Linkerd mesh (linkerd.io/inject is ${show(linkerdInject)}, not "enabled")` };
    }
    if (!LINKERD_MTLS_POLICIES.includes(linkerdPolicy)) {
      return {
        path: 'metadata.annotations["config.linkerd.io/default-inbound-policy"]',
        message: `Linkerd's default inbound policy is ${linkerdPolicy === undefined ? 'not set (the cluster default, all-unauthenticated unless changed at install)' : show(linkerdPolicy)}, which accepts plain-text clients; set it to "deny"`,
      };
    }
    return undefined;
  }
  const injected = labels['istio-injection'] === 'enabled' || typeof labels['istio.io/rev'] === 'string' || labels['istio.io/dataplane-mode'] === 'ambient';
  const own = namespaceWide(ctx, ns.name);
  const meshWide = ns.name === root ? undefined : namespaceWide(ctx, root);
  const mode = own !== undefined && modeOf(own) !== 'UNSET' ? modeOf(own) : meshWide !== undefined ? modeOf(meshWide) : undefined;
  // A PeerAuthentication that is not STRICT is flagged on itself.
  if (own !== undefined && modeOf(own) !== 'STRICT' && modeOf(own) !== 'UNSET') return undefined;
  if (mode !== 'STRICT') {
    const inherited = own !== undefined ? ` (its PeerAuthentication '${own.name}' leaves the mode UNSET` + (meshWide ? `, and the mesh-wide one in '${root}' is ${modeOf(meshWide)})` : `, and there is none mesh-wide in '${root}')`) : '';
    return {
      path: 'metadata.name',
      message: `no Istio PeerAuthentication in mode STRICT covers it${inherited}: neither one without a selector in the namespace nor one mesh-wide in '${root}'` +
        (own === undefined && meshWide !== undefined ? ` (the mesh-wide one, '${meshWide.name}', is ${modeOf(meshWide)})` : ''),
    };
  }
  if (!injected) {
    return {
      path: 'metadata.labels',
      message: 'its pods are not in the Istio mesh (no label istio-injection: enabled, istio.io/rev or istio.io/dataplane-mode: ambient), so the STRICT PeerAuthentication protects nothing',
    };
  }
  return undefined;
}

function checkPeerAuthentication(pa: Resource, ctx: RuleContext, report: (v: { path: string; message: string }) => void): void {
  const ns = ctx.namespaceOf(pa);
  if (!isPhiNamespace(ctx, ns)) return;
  const mode = modeOf(pa);
  if (mode === 'PERMISSIVE' || mode === 'DISABLE') {
    report({ path: 'spec.mtls.mode', message: `PeerAuthentication '${pa.name}' in PHI namespace '${ns}' has mode ${mode}, which accepts plain-text connections` });
  }
  const ports = isObject(pa.body.spec?.portLevelMtls) ? pa.body.spec.portLevelMtls : {};
  for (const [port, setting] of Object.entries(ports)) {
    const portMode = isObject(setting) ? setting.mode : undefined;
    if (portMode === 'PERMISSIVE' || portMode === 'DISABLE') {
      report({ path: `spec.portLevelMtls["${port}"].mode`, message: `PeerAuthentication '${pa.name}' in PHI namespace '${ns}' has mode ${portMode} on port ${port}, which accepts plain-text connections` });
    }
  }
}

/** A pod in a PHI namespace whose pods are in a mesh, that opts out of it. */
function checkPodOptOut(workload: Resource, ctx: RuleContext, report: (v: { path: string; message: string }) => void): void {
  const template = podTemplate(workload);
  if (template === undefined) return;
  const ns = ctx.namespaceOf(workload);
  if (!isPhiNamespace(ctx, ns)) return;
  // Once per check: the mesh each Namespace of the input puts its pods in.
  const meshings = ctx.memo('k8s-phi-namespace-mtls/meshings', () => {
    const map = new Map<string, ReturnType<typeof namespaceMeshing>>();
    for (const n of ctx.ofKind('Namespace')) if (!map.has(n.name)) map.set(n.name, namespaceMeshing(n.body.metadata?.labels, n.body.metadata?.annotations));
    return map;
  });
  const meshing = meshings.get(ns);
  if (meshing === undefined) return;
  const out = podMeshOptOut(meshing, template.metadata.labels, template.metadata.annotations);
  if (out === undefined) return;
  const mesh = meshing === 'linkerd' ? 'Linkerd' : meshing === 'istio-ambient' ? 'Istio ambient' : 'Istio';
  report({
    path: `${template.metadataPath}.${out.path}`,
    message: `${workload.kind} '${workload.name}' in PHI namespace '${ns}', whose pods are in the ${mesh} mesh, opts out of it (${out.says}): ` +
      'its pods accept and send plain text and have no mesh identity',
  });
}

/** The namespace-wide PeerAuthentication of `ns` (no selector), if any. */
function namespaceWide(ctx: RuleContext, ns: string): Resource | undefined {
  return ctx.inNamespace('PeerAuthentication', ns).find((pa) => {
    const selector = pa.body.spec?.selector;
    return !isObject(selector) || !isObject(selector.matchLabels) || Object.keys(selector.matchLabels).length === 0;
  });
}

function modeOf(pa: Resource): string {
  const mode = pa.body.spec?.mtls?.mode;
  return typeof mode === 'string' ? mode : 'UNSET';
}

function show(v: unknown): string {
  return v === undefined ? 'not set' : JSON.stringify(v);
}
