import type { RuleContext } from '../../../check/context';
import type { Rule } from '../../../check/rule';
import { containerLabel, podTemplate, POD_KINDS } from '../pod';
import { compileRegistryPattern, ImageReference, imageReference, RegistryPattern, registryPatternMatches } from './image-reference';

interface Allowed {
  readonly patterns: readonly RegistryPattern[];
  /** Verdict per image string, so each distinct image is matched once per check. */
  readonly verdicts: Map<string, boolean>;
  /** The entries, for messages. */
  readonly list: string;
}

/** Supply chain: images come only from registries the organisation controls and scans. */
export const imageRegistry: Rule = {
  id: 'k8s-image-registry',
  title: 'Images must come from an allowed registry',
  description:
    'Images pulled from public or unknown registries bypass the organisation\'s scanning, signing and retention, and a ' +
    'typo-squatted or compromised upstream image would run next to PHI. Only registries listed in allowedRegistries (hipaa-check --allowed-registry) ' +
    '(a host such as ghcr.io, a host and path prefix such as ghcr.io/acme matched on path segments, `*` for one DNS label ' +
    'as in *.dkr.ecr.*.amazonaws.com) are accepted. A reference without a registry is resolved as Docker does: nginx is ' +
    'docker.io/library/nginx, acme/api is docker.io/acme/api. NIST SP 800-190 (use trusted registries), Kyverno and ' +
    'Gatekeeper "allowed repositories" policies. Applies to containers, init containers and ephemeral containers.',
  severity: 'error',
  controls: ['164.312(c)(1)'],
  kinds: POD_KINDS,
  fix: 'Push the image to an allowed registry and reference it from there, or, if the organisation controls and scans that registry, add it to the allowedRegistries option (HipaaValidation.enable, check) or pass it to hipaa-check with --allowed-registry.',
  check(resource, ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    let allowed: Allowed | undefined;
    for (const ref of pod.containers) {
      const image = ref.container.image;
      if (typeof image !== 'string' || image === '') continue; // k8s-image-digest reports a missing image
      allowed ??= allowedRegistries(ctx);
      let ok = allowed.verdicts.get(image);
      if (ok === undefined) {
        const parsed = imageReference(ctx, image);
        ok = allowed.patterns.some((p) => registryPatternMatches(p, parsed));
        allowed.verdicts.set(image, ok);
      }
      if (ok) continue;
      const parsed = imageReference(ctx, image);
      report({
        path: `${ref.path}.image`,
        message: `${containerLabel(ref)} uses image '${image}' from ${where(parsed)}, which allowedRegistries does not allow (allowed: ${allowed.list})`,
        fix:
          `Push the image to an allowed registry (${allowed.list}) and set ${ref.path}.image to its reference there, pinned by digest; ` +
          `or, if the organisation controls and scans '${parsed.registry}', add it (or '${parsed.registry}/${firstSegment(parsed)}') to allowedRegistries.`,
      });
    }
  },
};

function allowedRegistries(ctx: RuleContext): Allowed {
  return ctx.memo('k8s-image-registry/allowed', () => {
    const entries = ctx.settings.allowedRegistries;
    return {
      patterns: entries.map(compileRegistryPattern),
      verdicts: new Map<string, boolean>(),
      list: entries.length > 0 ? entries.join(', ') : 'none',
    };
  });
}

function where(ref: ImageReference): string {
  return ref.implicitRegistry
    ? `registry '${ref.registry}' (it names no registry, so it is pulled from Docker Hub as ${ref.name})`
    : `registry '${ref.registry}' (${ref.name})`;
}

function firstSegment(ref: ImageReference): string {
  const slash = ref.repository.indexOf('/');
  return slash < 0 ? ref.repository : ref.repository.slice(0, slash);
}
