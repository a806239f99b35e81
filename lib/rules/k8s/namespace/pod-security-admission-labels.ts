import { isObject } from './network-policy';
import type { Rule } from '../../../check/rule';

const PREFIX = 'pod-security.kubernetes.io/';
const LEVEL = 'restricted';
/** A policy version as Pod Security Admission parses it: `v1.<minor>` (besides `latest`). */
const VERSION = /^v1\.(0|[1-9][0-9]*)$/;

interface Mode {
  readonly levelKey: string;
  readonly levelPath: string;
  readonly versionKey: string;
  readonly versionPath: string;
  /** What the mode does with a pod that violates the level, for messages. */
  readonly effect: string;
}

const MODES: readonly Mode[] = [
  ['enforce', 'pods that violate the restricted profile are not rejected'],
  ['audit', 'violations are not recorded in the audit log'],
  ['warn', 'users are not warned about violations'],
].map(([mode, effect]) => ({
  levelKey: `${PREFIX}${mode}`,
  levelPath: `metadata.labels["${PREFIX}${mode}"]`,
  versionKey: `${PREFIX}${mode}-version`,
  versionPath: `metadata.labels["${PREFIX}${mode}-version"]`,
  effect,
}));

const NO_LABELS: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

/** Pod Security Admission: enforce, audit and warn at `restricted`, each with a pinned version. */
export const podSecurityAdmissionLabels: Rule = {
  id: 'k8s-pod-security-admission-labels',
  title: 'Namespaces must enforce, audit and warn at the Pod Security Standards restricted level, with pinned versions',
  description:
    'Pod Security Admission (the built-in PodSecurity admission controller) reads the namespace labels ' +
    'pod-security.kubernetes.io/<mode> and <mode>-version for the modes enforce, audit and warn. Without them a ' +
    'namespace falls back to the cluster default, which is privileged unless the API server is configured ' +
    'otherwise, so nothing stops a pod that breaks the restricted profile. An unpinned version (missing or ' +
    '`latest`) makes the policy change on every cluster upgrade; a pinned `v1.<minor>` keeps admission ' +
    'predictable and reviewable (Kubernetes documentation: "Enforce Pod Security Standards with Namespace Labels").',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(c)(1)'],
  kinds: ['Namespace'],
  fix:
    'Label the namespace with pod-security.kubernetes.io/enforce, audit and warn set to restricted, and ' +
    'enforce-version, audit-version and warn-version set to the cluster\'s minor version (e.g. v1.28). ' +
    'HipaaNamespace does this.',
  check(resource, ctx, report) {
    const raw = resource.body.metadata?.labels;
    const labels: Record<string, unknown> = isObject(raw) ? raw : NO_LABELS;
    for (const m of MODES) {
      const level = labels[m.levelKey];
      if (level !== LEVEL) {
        report({
          path: m.levelPath,
          message: level === undefined
            ? `label ${m.levelKey} is not set, so the namespace gets the cluster default (privileged unless configured otherwise) and ${m.effect}`
            : `label ${m.levelKey} is ${show(level)}, not 'restricted', so ${m.effect}`,
          fix: `Set the namespace label ${m.levelKey}: restricted.`,
        });
      }
      const version = labels[m.versionKey];
      if (typeof version === 'string' && VERSION.test(version)) continue;
      const pinned = `v${ctx.settings.kubernetesVersion}`;
      report({
        path: m.versionPath,
        message: version === undefined
          ? `label ${m.versionKey} is not set, so the policy version defaults to 'latest' and changes with every cluster upgrade`
          : version === 'latest'
            ? `label ${m.versionKey} is 'latest', so the policy changes with every cluster upgrade`
            : `label ${m.versionKey} is ${show(version)}, which is not a policy version of the form v1.<minor> (e.g. '${pinned}')`,
        fix: `Set the namespace label ${m.versionKey}: ${pinned} (the Kubernetes minor version the manifests target).`,
      });
    }
  },
};

function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : `${JSON.stringify(value)} (a ${typeof value}, not a string)`;
}
