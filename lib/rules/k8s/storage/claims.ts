/**
 * Which StorageClass each PersistentVolumeClaim uses, and which classes and CSI drivers hold PHI
 * claims. A StatefulSet's volume claim templates count as the claims the controller stamps out
 * of them (labelled as the template, plus the set's selector labels, as the controller does).
 * Computed once per check through ctx.memo. Not a rule itself.
 */
import type { RuleContext } from '../../../check/context';
import type { Resource } from '../../../check/resource';
import { objectPhiBasis } from '../phi-classification';
import { isObject } from '../support/objects';

/** The annotations that mark a StorageClass as the cluster default (GA and beta). */
export const DEFAULT_CLASS_ANNOTATIONS = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'] as const;

/** The StorageClass a claim asks for. */
export type ClaimClass =
  /** A named class (explicit, or the default class of the set for a claim naming none). */
  | { readonly kind: 'named'; readonly name: string; readonly explicit: boolean; readonly resource: Resource | undefined }
  /** `storageClassName: ""`: binds a pre-provisioned PersistentVolume without a class. */
  | { readonly kind: 'none' }
  /** No class named and no default class in the set. */
  | { readonly kind: 'default-unknown' };

interface StorageIndex {
  readonly classes: ReadonlyMap<string, Resource>;
  readonly defaultClass: Resource | undefined;
  /** Per class name, the PHI claims using it. */
  readonly phiClaimsByClass: ReadonlyMap<string, readonly Resource[]>;
}

function index(ctx: RuleContext): StorageIndex {
  return ctx.memo('k8s-storage/index', () => {
    const classes = new Map<string, Resource>();
    let defaultClass: Resource | undefined;
    for (const sc of ctx.ofKind('StorageClass')) {
      classes.set(sc.name, sc);
      const a = sc.body.metadata?.annotations;
      if (defaultClass === undefined && DEFAULT_CLASS_ANNOTATIONS.some((k) => a?.[k] === 'true')) defaultClass = sc;
    }
    const phiClaimsByClass = new Map<string, Resource[]>();
    const templates = ctx.ofKind('StatefulSet').flatMap((sts) => claimsOf(sts).map((c) => c.claim));
    for (const claim of [...ctx.ofKind('PersistentVolumeClaim'), ...templates]) {
      if (objectPhiBasis(ctx, claim) === undefined) continue;
      const named: unknown = claim.body.spec?.storageClassName;
      const name = typeof named === 'string' ? named : defaultClass?.name;
      if (name === undefined || name === '') continue;
      const list = phiClaimsByClass.get(name);
      if (list) list.push(claim);
      else phiClaimsByClass.set(name, [claim]);
    }
    return { classes, defaultClass, phiClaimsByClass };
  });
}

/** The StorageClass claim `claim` asks for. */
export function claimClass(ctx: RuleContext, claim: Resource): ClaimClass {
  const { classes, defaultClass } = index(ctx);
  const named: unknown = claim.body.spec?.storageClassName;
  if (named === '') return { kind: 'none' };
  if (typeof named === 'string') return { kind: 'named', name: named, explicit: true, resource: classes.get(named) };
  if (defaultClass !== undefined) return { kind: 'named', name: defaultClass.name, explicit: false, resource: defaultClass };
  return { kind: 'default-unknown' };
}

/** The PHI claims that use StorageClass `name` (naming it, or naming none while it is the default). */
export function phiClaimsOfClass(ctx: RuleContext, name: string): readonly Resource[] {
  return index(ctx).phiClaimsByClass.get(name) ?? [];
}

/** Per provisioner (CSI driver), the PHI claims whose class in the set uses it. */
export function phiClaimsByDriver(ctx: RuleContext): ReadonlyMap<string, readonly Resource[]> {
  return ctx.memo('k8s-storage/phi-claims-by-driver', () => {
    const { classes, phiClaimsByClass } = index(ctx);
    const map = new Map<string, Resource[]>();
    for (const [name, claims] of phiClaimsByClass) {
      const provisioner: unknown = classes.get(name)?.body.provisioner;
      if (typeof provisioner !== 'string') continue;
      const list = map.get(provisioner);
      if (list) list.push(...claims);
      else map.set(provisioner, [...claims]);
    }
    return map;
  });
}

/** `PersistentVolumeClaim clinic/db, clinic/wal` (at most three, then a count). */
export function claimNames(claims: readonly Resource[]): string {
  const shown = claims.slice(0, 3).map((c) => `${c.namespace ?? ''}${c.namespace ? '/' : ''}${c.name}`);
  const more = claims.length > 3 ? ` and ${claims.length - 3} more` : '';
  return `PersistentVolumeClaim${claims.length > 1 ? 's' : ''} ${shown.join(', ')}${more}`;
}

/** The claims of the set by name, each with its namespace (a name may be used in several namespaces); built once per check. */
export function claimsByName(ctx: RuleContext): ReadonlyMap<string, readonly Resource[]> {
  return ctx.memo('k8s-storage/claims-by-name', () => {
    const map = new Map<string, Resource[]>();
    for (const claim of ctx.ofKind('PersistentVolumeClaim')) {
      const list = map.get(claim.name);
      if (list) list.push(claim);
      else map.set(claim.name, [claim]);
    }
    return map;
  });
}

/** The claim named `name` in namespace `namespace`, when the set has it. */
export function claimIn(ctx: RuleContext, namespace: string, name: string): Resource | undefined {
  return claimsByName(ctx).get(name)?.find((c) => ctx.namespaceOf(c) === namespace);
}

/** A claim the claim rules check, with where it is in the object they report on. */
export interface CheckedClaim {
  /** The claim: the PersistentVolumeClaim itself, or the claims a StatefulSet's template stamps out. */
  readonly claim: Resource;
  /** Path prefix of the claim in the reported object: '' or `spec.volumeClaimTemplates[0].`. */
  readonly path: string;
  /** The claim for messages: `PersistentVolumeClaim` or `volume claim template 'data' of StatefulSet 'db'`. */
  readonly noun: string;
}

const templateCache = new WeakMap<object, readonly CheckedClaim[]>();

/**
 * The claims of a PersistentVolumeClaim (itself) or of a StatefulSet (one per volume claim
 * template, named `<template>-<statefulset>-<ordinal>` and labelled as the controller labels
 * them: the template's labels and the set's selector labels); none for other kinds.
 */
export function claimsOf(resource: Resource): readonly CheckedClaim[] {
  if (resource.kind === 'PersistentVolumeClaim') return [{ claim: resource, path: '', noun: 'PersistentVolumeClaim' }];
  if (resource.kind !== 'StatefulSet') return [];
  const cached = templateCache.get(resource.body);
  if (cached) return cached;
  const spec = resource.body.spec;
  const templates: unknown = spec?.volumeClaimTemplates;
  const out: CheckedClaim[] = [];
  if (Array.isArray(templates)) {
    templates.forEach((t, i) => {
      if (!isObject(t)) return;
      const metadata = isObject(t.metadata) ? t.metadata : {};
      const name = typeof metadata.name === 'string' ? metadata.name : '';
      const selector = isObject(spec?.selector?.matchLabels) ? spec.selector.matchLabels : {};
      const labels = { ...isObject(metadata.labels) ? metadata.labels : {}, ...selector };
      const claimName = `${name}-${resource.name}-<ordinal>`;
      out.push({
        claim: {
          kind: 'PersistentVolumeClaim',
          apiVersion: 'v1',
          name: claimName,
          namespace: resource.namespace,
          body: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { ...metadata, name: claimName, namespace: resource.namespace, labels }, spec: t.spec },
          source: resource.source,
        },
        path: `spec.volumeClaimTemplates[${i}].`,
        noun: `volume claim template '${name}' of StatefulSet '${resource.name || '<unnamed>'}'`,
      });
    });
  }
  templateCache.set(resource.body, out);
  return out;
}
