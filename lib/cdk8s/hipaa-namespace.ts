import { ApiObject, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import type { Waiver } from '../check/waiver';
import { OWNER_LABEL, PHI_LABEL } from '../labels';
import { clusterScoped } from './cluster-scoped';
import { childPath } from './input-problems';
import { toLabelValue } from './label-value';
import { isolateNamespace, podSecurityLabels } from './namespace-isolation';
import { MESH_MTLS_RULE, NamespaceMesh, recordMeshNamespace } from './namespace-mesh';
import { namespaceRoles, RoleName } from './namespace-roles';
import { namespaceProps } from './props-checks';
import { HipaaValidation } from './validation';
import { addWaivers, waiversOf } from './waivers';

/** Aggregate limits of a namespace (ResourceQuota `spec.hard`). Quantities in Kubernetes notation. */
export interface NamespaceQuota {
  /** Sum of CPU requests. @default '8' */
  readonly requestsCpu?: string;
  /** Sum of CPU limits. @default '16' */
  readonly limitsCpu?: string;
  /** Sum of memory requests. @default '16Gi' */
  readonly requestsMemory?: string;
  /** Sum of memory limits. @default '32Gi' */
  readonly limitsMemory?: string;
  /** Sum of ephemeral-storage requests. @default '20Gi' */
  readonly requestsEphemeralStorage?: string;
  /** Sum of ephemeral-storage limits. @default '40Gi' */
  readonly limitsEphemeralStorage?: string;
  /** Number of pods. @default 50 */
  readonly pods?: number;
  /** Number of PersistentVolumeClaims. @default 20 */
  readonly persistentVolumeClaims?: number;
  /** Services of type NodePort: none, so PHI is never exposed on every node's address. @default 0 */
  readonly nodePorts?: number;
  /** Services of type LoadBalancer: none by default, use an Ingress with TLS. @default 0 */
  readonly loadBalancers?: number;
}

/** Per-container defaults and bounds of a namespace (LimitRange). Quantities in Kubernetes notation. */
export interface NamespaceLimits {
  /** CPU request given to a container that sets none. @default '100m' */
  readonly defaultRequestCpu?: string;
  /** Memory request given to a container that sets none. @default '128Mi' */
  readonly defaultRequestMemory?: string;
  /** Ephemeral-storage request given to a container that sets none. @default '64Mi' */
  readonly defaultRequestEphemeralStorage?: string;
  /** CPU limit given to a container that sets none. @default '500m' */
  readonly defaultLimitCpu?: string;
  /** Memory limit given to a container that sets none. @default '512Mi' */
  readonly defaultLimitMemory?: string;
  /** Ephemeral-storage limit given to a container that sets none. @default '256Mi' */
  readonly defaultLimitEphemeralStorage?: string;
  /** Largest CPU limit a container may set. @default '4' */
  readonly maxCpu?: string;
  /** Largest memory limit a container may set. @default '8Gi' */
  readonly maxMemory?: string;
  /** Largest ephemeral-storage limit a container may set. @default '4Gi' */
  readonly maxEphemeralStorage?: string;
}

/** Groups (as the API server's authenticator names them) bound to the namespace's roles. */
export interface NamespaceAccess {
  /** May read workloads, their state and logs (logs can hold PHI), not Secrets. @default - nobody */
  readonly readers?: string[];
  /** Readers who may also restart and scale workloads. @default - nobody */
  readonly operators?: string[];
  /** Operators who may also create, change and delete workloads, Services, ConfigMaps, PVCs and NetworkPolicies. @default - nobody */
  readonly admins?: string[];
  /** May read configuration and access control for audits: no Secrets, no ConfigMaps, no logs. @default - nobody */
  readonly auditors?: string[];
}

/** Props of {@link HipaaNamespace}. */
export interface HipaaNamespaceProps {
  /** Name of the namespace (a DNS-1123 label). @default - the construct id */
  readonly name?: string;
  /** Team or person accountable for what runs in the namespace (label `hipaa-constructs.io/owner`). */
  readonly owner: string;
  /** Whether the namespace stores or processes PHI (label `hipaa-constructs.io/phi`). @default true */
  readonly phi?: boolean;
  /** Pod Security Standards version pinned in the enforce/audit/warn labels. @default 'v1.28' */
  readonly podSecurityVersion?: string;
  /** Aggregate limits. Given values override the defaults one by one. @default - see NamespaceQuota */
  readonly quota?: NamespaceQuota;
  /** Per-container defaults and bounds. Given values override the defaults one by one. @default - see NamespaceLimits */
  readonly limits?: NamespaceLimits;
  /** Who gets which role. @default - no bindings (the Roles are still created) */
  readonly access?: NamespaceAccess;
  /** Allow every pod DNS lookups to kube-dns (UDP and TCP 53) on top of the default deny. @default true */
  readonly allowDns?: boolean;
  /**
   * Mutual TLS through a service mesh (Istio or Linkerd), with authorization derived from the flows
   * declared on the namespace's workloads. Needs the mesh's CNI plugin (see NamespaceMesh).
   * @default - no mesh (k8s-phi-namespace-mtls warns for a PHI namespace)
   */
  readonly mesh?: NamespaceMesh;
  /** Extra labels on the Namespace. @default - none */
  readonly labels?: Record<string, string>;
  /** Accepted findings on the objects this construct creates, each with a reason and an expiry at most 12 months ahead. @default - none */
  readonly waivers?: Waiver[];
}

/**
 * A namespace for PHI workloads: Pod Security Admission `restricted` (enforce, audit and warn,
 * version pinned), PHI and owner labels, a default-deny NetworkPolicy for ingress and egress
 * plus DNS egress, a ResourceQuota and LimitRange, least-privilege Roles (phi-reader,
 * phi-operator, phi-admin, auditor) bound to the groups given, and the namespace's `default`
 * ServiceAccount with token automount off. With `mesh`, mutual TLS through Istio or Linkerd, and
 * the flows declared on its workloads as the mesh's authorization.
 */
export class HipaaNamespace extends Construct implements kplus.INamespaceSelector, kplus.INetworkPolicyPeer {
  /** Name of the namespace. */
  public readonly name: string;
  /** The Namespace, for use wherever cdk8s-plus takes a namespace or a network peer. */
  public readonly namespace: kplus.Namespace;
  /** The Roles, by name. */
  public readonly roles: Record<RoleName, k8s.KubeRole>;

  constructor(scope: Construct, id: string, props: HipaaNamespaceProps) {
    const meshWaived = (scope?.node?.scopes ?? []).some((s) => waiversOf(s).some((w) => w.ruleId === MESH_MTLS_RULE));
    namespaceProps().validateHipaaNamespaceProps(childPath(scope, id), id, props, meshWaived);
    super(scope, id);
    this.name = props.name ?? id;
    if (props.waivers !== undefined) addWaivers(this, props.waivers);
    HipaaValidation.enable(Chart.of(this));

    const classification = { [PHI_LABEL]: String(props.phi ?? true), [OWNER_LABEL]: toLabelValue(props.owner) };
    const meta: ObjectMeta = (name) => ({ name, namespace: this.name, labels: classification });
    this.namespace = this.createNamespace(props, classification);
    isolateNamespace(this, meta, props.allowDns ?? true);
    if (props.mesh !== undefined) this.createMesh(props.mesh, classification);
    new k8s.KubeResourceQuota(this, 'Quota', { metadata: meta('quota'), spec: { hard: quantities(namespaceProps().quotaAmounts(props.quota)) } });
    const { type, ...bounds } = namespaceProps().limitRangeItem(props.limits);
    new k8s.KubeLimitRange(this, 'Limits', {
      metadata: meta('limits'),
      spec: {
        limits: [{ type, defaultRequest: quantities(bounds.defaultRequest), default: quantities(bounds.default), max: quantities(bounds.max) }],
      },
    });
    this.roles = this.createRoles(props.access ?? {}, meta);
    new k8s.KubeServiceAccount(this, 'DefaultServiceAccount', {
      metadata: meta('default'),
      automountServiceAccountToken: false,
    });

    // Everything else lives in the namespace, so it is written (and applied) after it.
    for (const child of this.node.children) {
      if (child !== this.namespace) child.node.addDependency(this.namespace);
    }
  }

  /** The Namespace with PSA `restricted` labels (version pinned), PHI and owner labels. */
  private createNamespace(props: HipaaNamespaceProps, classification: Record<string, string>): kplus.Namespace {
    const namespace = new kplus.Namespace(this, 'Namespace', {
      metadata: {
        name: this.name,
        labels: {
          ...props.labels,
          ...classification,
          ...podSecurityLabels('restricted', props.podSecurityVersion),
        },
      },
    });
    // A Namespace is cluster-scoped; cdk8s stamps the chart's namespace on every object.
    clusterScoped(ApiObject.of(namespace));
    return namespace;
  }

  /** The mesh's labels and annotations on the Namespace, its namespace-wide objects, and the record of it for the flows' authorization. */
  private createMesh(mesh: NamespaceMesh, classification: Record<string, string>): void {
    const objects = meshObjects();
    const { labels, annotations } = objects.meshNamespaceMetadata(mesh);
    for (const [k, v] of Object.entries(labels)) this.namespace.metadata.addLabel(k, v);
    for (const [k, v] of Object.entries(annotations)) this.namespace.metadata.addAnnotation(k, v);
    const ns = { scope: this, name: this.name, mesh, labels: classification, dependsOn: this.namespace };
    objects.writeMeshNamespaceObjects(this, ns);
    recordMeshNamespace(ns);
  }

  /** Default deny for ingress and egress, plus DNS egress to kube-dns unless turned off. */
  /** The least-privilege Roles, and a RoleBinding for each role that has groups. */
  private createRoles(access: NamespaceAccess, meta: ObjectMeta): Record<RoleName, k8s.KubeRole> {
    const roles = {} as Record<RoleName, k8s.KubeRole>;
    const groups: Record<RoleName, string[] | undefined> = {
      'phi-reader': access.readers,
      'phi-operator': access.operators,
      'phi-admin': access.admins,
      'auditor': access.auditors,
    };
    for (const [roleName, rules] of Object.entries(namespaceRoles()) as [RoleName, k8s.PolicyRule[]][]) {
      roles[roleName] = new k8s.KubeRole(this, `Role-${roleName}`, { metadata: meta(roleName), rules });
      const subjects = groups[roleName] ?? [];
      if (subjects.length > 0) {
        new k8s.KubeRoleBinding(this, `Binding-${roleName}`, {
          metadata: meta(roleName),
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: roleName },
          subjects: subjects.map((name) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name })),
        });
      }
    }
    return roles;
  }

  // Public and not tagged internal: stripInternal would drop them from the shipped .d.ts, and the class
  // would no longer implement the kplus interfaces it declares for consumers type-checking with skipLibCheck off.

  /** @see INamespaceSelector.toNamespaceSelectorConfig() */
  public toNamespaceSelectorConfig(): kplus.NamespaceSelectorConfig {
    return this.namespace.toNamespaceSelectorConfig();
  }

  /** @see INetworkPolicyPeer.toNetworkPolicyPeerConfig() */
  public toNetworkPolicyPeerConfig(): kplus.NetworkPolicyPeerConfig {
    return this.namespace.toNetworkPolicyPeerConfig();
  }

  /** @see INetworkPolicyPeer.toPodSelector() */
  public toPodSelector(): kplus.IPodSelector | undefined {
    return this.namespace.toPodSelector();
  }
}

/** What a namespace with a mesh writes, with the generated Istio and Linkerd classes: loaded on first use. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const meshObjects = (): typeof import('./mesh-objects') => require('./mesh-objects');

/** Metadata of an object in the namespace, with the classification labels. */
type ObjectMeta = (name: string) => k8s.ObjectMeta;

function quantities(values: Record<string, string>): Record<string, k8s.Quantity> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, k8s.Quantity.fromString(v)]));
}
