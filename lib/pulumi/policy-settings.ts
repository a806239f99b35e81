/**
 * Settings of the CrossGuard policy pack: the check options `hipaa-check` takes (allowed
 * registries, Kubernetes version, waiver review period, whether unclassified objects count as
 * PHI) and waivers in the format of hipaa-check's waivers file. They come from code
 * (`hipaaPolicies(settings)`) and from the policy pack's config (the `hipaa-settings` policy in
 * `pulumi preview --policy-pack-config`); both are validated the same way.
 */
import type { CheckOptions } from '../check/engine';
import { DEFAULT_KUBERNETES_VERSION } from '../check/kubernetes-version';
import { describeValue, MAX_WAIVER_MONTHS_LIMIT, resolveMaxWaiverMonths, ScopedWaiver, waiverListProblem } from '../check/waiver';
import { scopedWaiverProblems } from '../check/waiver-target';

/** Settings of the HIPAA policy pack, in code or in the `hipaa-settings` policy's config. */
export interface HipaaPolicySettings {
  /**
   * Waivers given to the check, in the format of hipaa-check's waivers file: each with ruleId,
   * reason (at least 20 characters and 3 words), expires (YYYY-MM-DD, at most maxWaiverMonths
   * ahead), optional owner and ticket, and an optional target (`kind`, `namespace`, `name`; for an
   * AWS resource the kind is its type token, e.g. `aws:kms/key:Key`, and the name its logical name).
   * Waivers on the resources themselves (the `hipaa-constructs.io/waivers` annotation on
   * Kubernetes objects, `hipaa-constructs.io/waiver/<rule id>` tags on AWS resources) apply too.
   * @default - none
   */
  readonly waivers?: readonly ScopedWaiver[];
  /** Registries images may come from. @default DEFAULT_ALLOWED_REGISTRIES (AWS ECR private registries) */
  readonly allowedRegistries?: readonly string[];
  /** Kubernetes minor version the objects target, e.g. `1.28`. @default '1.28' */
  readonly kubernetesVersion?: string;
  /** How many months ahead a waiver's expiry may lie (1 to 36). @default 12 */
  readonly maxWaiverMonths?: number;
  /** Whether objects nobody classified count as PHI. @default true */
  readonly unclassifiedIsPhi?: boolean;
}

/** Names of the settings, as the config and the code give them. */
export const POLICY_SETTING_NAMES: readonly string[] = ['waivers', 'allowedRegistries', 'kubernetesVersion', 'maxWaiverMonths', 'unclassifiedIsPhi'];

/** A JSON schema, as far as the pack's config schema needs one (compatible with @pulumi/policy's PolicyConfigJSONSchema). */
export interface PolicyConfigJsonSchema {
  /** JSON type of the value. @default - any */
  readonly type?: 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array';
  /** What the value means. @default - none */
  readonly description?: string;
  /** Pattern a string must match. @default - any string */
  readonly pattern?: string;
  /** Shortest string. @default - no limit */
  readonly minLength?: number;
  /** Smallest number. @default - no limit */
  readonly minimum?: number;
  /** Largest number. @default - no limit */
  readonly maximum?: number;
  /** Schema of the items of an array. @default - any */
  readonly items?: PolicyConfigJsonSchema;
  /** Schemas of an object's properties. @default - none */
  readonly properties?: { readonly [key: string]: PolicyConfigJsonSchema };
  /** Properties an object must have. @default - none */
  readonly required?: string[];
  /** Whether an object may have other properties. @default true */
  readonly additionalProperties?: boolean;
}

/** The config schema of a policy (compatible with @pulumi/policy's PolicyConfigSchema). */
export interface PolicyConfigSchemaOf {
  /** The config's properties. */
  readonly properties: { readonly [key: string]: PolicyConfigJsonSchema };
}

const nonEmpty: PolicyConfigJsonSchema = { type: 'string', minLength: 1 };

/** The config schema of the `hipaa-settings` policy. */
export const POLICY_SETTINGS_SCHEMA: PolicyConfigSchemaOf = {
  properties: {
    waivers: {
      type: 'array',
      description: 'Waivers in the format of hipaa-check\'s waivers file.',
      items: {
        type: 'object',
        required: ['ruleId', 'reason', 'expires'],
        additionalProperties: false,
        properties: {
          ruleId: { ...nonEmpty, description: 'Id of the rule being waived.' },
          reason: { type: 'string', minLength: 20, description: 'Why the risk is accepted and what compensates for it (at least 20 characters and 3 words).' },
          expires: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Last day the waiver holds (YYYY-MM-DD), at most maxWaiverMonths ahead.' },
          owner: { ...nonEmpty, description: 'Who owns the accepted risk.' },
          ticket: { ...nonEmpty, description: 'Ticket or change record that approved the waiver.' },
          container: { ...nonEmpty, description: 'One container of the pod the waiver is limited to.' },
          target: {
            type: 'object',
            additionalProperties: false,
            description: 'Which resources the waiver applies to (kind: Kubernetes kind or Pulumi type token; namespace; name).',
            properties: { kind: nonEmpty, namespace: nonEmpty, name: nonEmpty },
          },
        },
      },
    },
    allowedRegistries: { type: 'array', items: nonEmpty, description: 'Registries images may come from, e.g. *.dkr.ecr.*.amazonaws.com or ghcr.io/acme.' },
    kubernetesVersion: { type: 'string', pattern: '^v?\\d+\\.\\d+$', description: `Kubernetes minor version the objects target (default ${DEFAULT_KUBERNETES_VERSION}).` },
    maxWaiverMonths: { type: 'integer', minimum: 1, maximum: MAX_WAIVER_MONTHS_LIMIT, description: 'How many months ahead a waiver\'s expiry may lie (default 12).' },
    unclassifiedIsPhi: { type: 'boolean', description: 'Whether objects nobody classified count as PHI (default true).' },
  },
};

/** Settings checked: the check options they give, and one sentence per problem (settings with problems are left out). */
export interface ResolvedPolicySettings {
  /** Options for the engine (valid settings only). */
  readonly options: CheckOptions;
  /** What is wrong, one sentence each, naming the setting (`waivers[0] (rule 'x'): ...`). */
  readonly problems: readonly string[];
}

const KUBERNETES_VERSION = /^v?(\d+)\.(\d+)$/;

/**
 * Checks settings (from code or config): every problem is reported, a bad waiver is left out
 * (the findings it would accept stand) and a bad option falls back to its default.
 */
export function resolvePolicySettings(settings: unknown, knownRuleIds: ReadonlySet<string>, now: Date = new Date()): ResolvedPolicySettings {
  const problems: string[] = [];
  if (settings === undefined || settings === null) return { options: {}, problems };
  if (typeof settings !== 'object' || Array.isArray(settings)) {
    return { options: {}, problems: [`settings must be a mapping of ${POLICY_SETTING_NAMES.join(', ')} (got ${describeValue(settings)})`] };
  }
  const s = settings as Record<string, unknown>;
  const options: { -readonly [K in keyof CheckOptions]: CheckOptions[K] } = {};
  for (const key of Object.keys(s)) {
    if (!POLICY_SETTING_NAMES.includes(key) && s[key] !== undefined) problems.push(`unknown setting '${key}' (allowed: ${POLICY_SETTING_NAMES.join(', ')})`);
  }
  if (s.maxWaiverMonths !== undefined) {
    try {
      options.maxWaiverMonths = resolveMaxWaiverMonths(s.maxWaiverMonths);
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  if (s.kubernetesVersion !== undefined) {
    const m = typeof s.kubernetesVersion === 'string' ? KUBERNETES_VERSION.exec(s.kubernetesVersion.trim()) : null;
    if (m) options.kubernetesVersion = `${+m[1]}.${+m[2]}`;
    else problems.push(`kubernetesVersion must be a minor version such as ${DEFAULT_KUBERNETES_VERSION} (got ${JSON.stringify(s.kubernetesVersion)})`);
  }
  if (s.unclassifiedIsPhi !== undefined) {
    if (typeof s.unclassifiedIsPhi === 'boolean') options.unclassifiedIsPhi = s.unclassifiedIsPhi;
    else problems.push(`unclassifiedIsPhi must be true or false (got ${JSON.stringify(s.unclassifiedIsPhi)})`);
  }
  if (s.allowedRegistries !== undefined) {
    const registryProblems = registriesProblems(s.allowedRegistries);
    if (registryProblems.length === 0) options.allowedRegistries = s.allowedRegistries as string[];
    else problems.push(...registryProblems);
  }
  if (s.waivers !== undefined) {
    const listProblem = waiverListProblem(s.waivers);
    if (listProblem) {
      problems.push(`waivers ${listProblem}`);
    } else {
      const policy = { now, maxWaiverMonths: options.maxWaiverMonths };
      const valid: ScopedWaiver[] = [];
      (s.waivers as unknown[]).forEach((w, i) => {
        const found = scopedWaiverProblems(w, knownRuleIds, policy);
        const rule = (w as { ruleId?: unknown } | null)?.ruleId;
        if (found.length > 0) problems.push(`waivers[${i}]${typeof rule === 'string' && rule !== '' ? ` (rule '${rule}')` : ''}: ${found.join('; ')}`);
        else valid.push(w as ScopedWaiver);
      });
      options.waivers = valid;
    }
  }
  return { options, problems };
}

function registriesProblems(value: unknown): string[] {
  if (!Array.isArray(value)) return [`allowedRegistries must be a list of registries such as ["*.dkr.ecr.*.amazonaws.com"] (got ${describeValue(value)})`];
  // Loaded here: the entry point does not load the rules until the pack is used.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { compileRegistryPattern } = require('../rules/k8s/workload/image-reference') as typeof import('../rules/k8s/workload/image-reference');
  const problems: string[] = [];
  value.forEach((entry, i) => {
    try {
      compileRegistryPattern(entry);
    } catch (e) {
      problems.push(`allowedRegistries[${i}]: ${(e as Error).message}`);
    }
  });
  return problems;
}
