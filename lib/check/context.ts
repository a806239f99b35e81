import type { ResolvedEgressPrefixLimits } from './egress-prefix';
import type { Resource } from './resource';
import type { BaaRegister } from '../baa/baa-register';

/** Settings rules read; the engine fills in defaults. */
export interface RuleSettings {
  /**
   * Registries images may come from: a host (`ghcr.io`), a host and path prefix
   * (`ghcr.io/acme`), with `*` standing for one DNS label (`*.dkr.ecr.*.amazonaws.com`).
   */
  readonly allowedRegistries: readonly string[];
  /** Kubernetes minor version the manifests target, e.g. `1.28`. */
  readonly kubernetesVersion: string;
  /** Namespace of namespaced objects that do not name one. */
  readonly defaultNamespace: string;
  /** The time waivers and dates are judged against. */
  readonly now: Date;
  /** Shortest prefix length of a CIDR a PHI workload may send to, per address family (k8s-phi-open-egress). */
  readonly minEgressPrefix: ResolvedEgressPrefixLimits;
  /**
   * Whether an object nobody classified (no `hipaa-constructs.io/phi` label of "true" or
   * "false", or a namespace without a Namespace object) counts as PHI. True fails closed.
   */
  readonly unclassifiedIsPhi: boolean;
  /** The BAA register external destinations are checked against (BAA rules). @default - none given */
  readonly baaRegister?: BaaRegister;
}

/**
 * What a rule sees besides the object it checks: the whole object set, indexed, and the
 * settings. Cross-object facts (e.g. which NetworkPolicies exist in a namespace) are computed
 * once per check through {@link memo}.
 */
export class RuleContext {
  private readonly byKind = new Map<string, Resource[]>();
  private readonly byKindAndNamespace = new Map<string, Resource[]>();
  private readonly memos = new Map<string, unknown>();

  constructor(
    /** Every object being checked, in input order. */
    public readonly resources: readonly Resource[],
    /** Settings with defaults filled in. */
    public readonly settings: RuleSettings,
  ) {
    for (const r of resources) {
      push(this.byKind, r.kind, r);
      push(this.byKindAndNamespace, `${r.kind}\u0000${this.namespaceOf(r)}`, r);
    }
  }

  /** The namespace an object lands in: its own, or the default one. */
  namespaceOf(resource: Resource): string {
    return resource.namespace ?? this.settings.defaultNamespace;
  }

  /** Every object of a kind. */
  ofKind(kind: string): readonly Resource[] {
    return this.byKind.get(kind) ?? EMPTY;
  }

  /** Every object of a kind in a namespace. */
  inNamespace(kind: string, namespace: string): readonly Resource[] {
    return this.byKindAndNamespace.get(`${kind}\u0000${namespace}`) ?? EMPTY;
  }

  /** Computes a value once per check (per key) and returns the same value afterwards. */
  memo<T>(key: string, compute: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = compute();
    this.memos.set(key, value);
    return value;
  }
}

const EMPTY: readonly Resource[] = Object.freeze([]);

function push<K>(map: Map<K, Resource[]>, key: K, r: Resource): void {
  const list = map.get(key);
  if (list) list.push(r);
  else map.set(key, [r]);
}
