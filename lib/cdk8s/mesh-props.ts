/**
 * Checks of HipaaNamespace's `mesh` prop (lib/cdk8s/namespace-mesh.ts), recorded with the
 * namespace's other problems so one Error lists them all.
 */
import type { InputProblems } from './input-problems';
import { MESH_MTLS_RULE } from './namespace-mesh';
import { show } from '../rules/k8s/support/quantity';
import { isDns1123Label } from '../rules/k8s/workload/valid-name';

const PROVIDERS = ['istio', 'linkerd'];
const MODES = ['STRICT', 'PERMISSIVE'];
const ISTIO_ONLY = ['mode', 'revision', 'trustDomain'] as const;
/** Labels that decide whether and how the namespace's pods join a mesh. */
const MESH_LABELS = ['istio-injection', 'istio.io/rev', 'istio.io/dataplane-mode'];
const TRUST_DOMAIN = /^[a-z0-9]([-a-z0-9._]*[a-z0-9])?$/;

/**
 * Records the problems of `mesh`. `waived` says whether the namespace (or a construct above it)
 * holds a waiver of k8s-phi-namespace-mtls, which PERMISSIVE mode needs.
 */
export function meshProblems(p: InputProblems, mesh: unknown, waived: boolean, labels?: unknown): void {
  if (!p.object(mesh, 'mesh')) return;
  const given = labels !== null && typeof labels === 'object' ? Object.keys(labels) : [];
  for (const key of given.filter((k) => MESH_LABELS.includes(k))) {
    p.add(`labels["${key}"]`, `is written by the mesh prop, which would override it (${MESH_MTLS_RULE}); remove the label, ` +
      'and use mesh.revision for a revision.');
  }
  const provider = mesh.provider;
  if (!PROVIDERS.includes(provider)) {
    p.add('mesh.provider', `${show(provider)} is not a supported mesh (${MESH_MTLS_RULE}); use 'istio' or 'linkerd'.`);
    return;
  }
  if (provider === 'linkerd') {
    for (const field of ISTIO_ONLY) {
      if (mesh[field] !== undefined) {
        p.add(`mesh.${field}`, `applies to Istio only (${MESH_MTLS_RULE}); Linkerd always uses mutual TLS between meshed pods and ` +
          'its default deny refuses the rest. Remove it, or use provider \'istio\'.');
      }
    }
    return;
  }
  if (mesh.mode !== undefined && !MODES.includes(mesh.mode)) {
    p.add('mesh.mode', `${show(mesh.mode)} is not a mode the namespace can have (${MESH_MTLS_RULE}); use 'STRICT' (mutual TLS only, the default)` +
      `${mesh.mode === 'DISABLE' || mesh.mode === 'UNSET' ? ': DISABLE and UNSET leave PHI traffic in plain text or to the mesh-wide default' : ''}.`);
  } else if (mesh.mode === 'PERMISSIVE' && !waived) {
    p.add('mesh.mode', `PERMISSIVE accepts plain-text connections to the PHI workloads of the namespace (${MESH_MTLS_RULE}). ` +
      `Use 'STRICT' (the default), or accept it with a waiver of ${MESH_MTLS_RULE} in waivers, giving the reason (e.g. a migration into the mesh) and an expiry.`);
  }
  if (p.string(mesh.revision, 'mesh.revision') && !isDns1123Label(mesh.revision)) {
    p.add('mesh.revision', `'${mesh.revision}' is not an Istio revision name (k8s-valid-labels): it is written as the value of the label ` +
      'istio.io/rev and names an istiod revision, so use at most 63 lowercase letters, digits and \'-\', starting and ending with a letter or digit (e.g. \'1-30-3\').');
  }
  if (p.string(mesh.trustDomain, 'mesh.trustDomain') && (!TRUST_DOMAIN.test(mesh.trustDomain) || mesh.trustDomain.length > 255)) {
    p.add('mesh.trustDomain', `'${mesh.trustDomain}' is not a SPIFFE trust domain (${MESH_MTLS_RULE}); use the trust domain of the mesh ` +
      '(meshConfig.trustDomain, lowercase letters, digits, \'.\', \'-\' and \'_\'), \'cluster.local\' by default.');
  }
}
