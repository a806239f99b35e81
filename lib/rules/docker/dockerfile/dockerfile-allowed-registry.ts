import type { RuleContext } from '../../../check/context';
import { unresolvedVariables } from '../../../check/docker/dockerfile-words';
import { DOCKERFILE } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { compileRegistryPattern, imageReference, RegistryPattern, registryPatternMatches } from '../../k8s/workload/image-reference';
import { pulledImages } from '../support/dockerfile-bases';
import { dockerfileBody } from '../support/dockerfile-stages';

/** Base images come only from registries the organisation controls and scans. */
export const dockerfileAllowedRegistry: Rule = {
  id: 'docker-dockerfile-allowed-registry',
  title: 'Every image a Dockerfile pulls (FROM, COPY --from) must come from an allowed registry',
  description:
    'A base image from a public or unknown registry bypasses the organisation\'s scanning, signing and retention; a ' +
    'typo-squatted or compromised upstream image becomes the bottom layer of an image that handles PHI. The registry ' +
    'is read after ARG substitution, as Docker resolves it: node is docker.io/library/node, acme/api is docker.io/acme/api. ' +
    'Allowed registries are those of allowedRegistries (hipaa-check --allowed-registry); FROM an earlier stage or scratch pulls nothing; COPY --from=<image> and RUN --mount=from=<image> pull too and count. ' +
    'NIST SP 800-190 (use trusted registries), hadolint DL3026.',
  severity: 'error',
  controls: ['164.312(c)(1)'],
  kinds: [DOCKERFILE],
  fix: 'Mirror the base image into an allowed registry (e.g. ECR pull-through cache) and FROM it there, pinned by digest; or add the registry to allowedRegistries if the organisation controls and scans it.',
  check(resource, ctx, report) {
    let allowed: { patterns: readonly RegistryPattern[]; list: string } | undefined;
    for (const pulled of pulledImages(dockerfileBody(resource))) {
      allowed ??= allowedRegistries(ctx);
      const name = pulled.resolved.includes('/') ? pulled.resolved.split('/')[0] : pulled.resolved.split(/[:@]/)[0];
      const hidden = unresolvedVariables(name);
      if (hidden.length > 0) {
        report({ path: pulled.path, message: `${pulled.label} names its registry through ${hidden.map((v) => `\${${v}}`).join(', ')}, which has no default, so the build can pull from any registry` });
        continue;
      }
      const ref = imageReference(ctx, pulled.resolved);
      if (allowed.patterns.some((p) => registryPatternMatches(p, ref))) continue;
      const from = ref.implicitRegistry ? `registry '${ref.registry}' (it names no registry, so Docker pulls ${ref.name} from Docker Hub)` : `registry '${ref.registry}' (${ref.name})`;
      report({ path: pulled.path, message: `${pulled.label} comes from ${from}, which allowedRegistries does not allow (allowed: ${allowed.list})` });
    }
  },
};

function allowedRegistries(ctx: RuleContext): { patterns: readonly RegistryPattern[]; list: string } {
  return ctx.memo('docker-dockerfile-allowed-registry/allowed', () => {
    const entries = ctx.settings.allowedRegistries;
    return { patterns: entries.map(compileRegistryPattern), list: entries.length > 0 ? entries.join(', ') : 'none' };
  });
}
