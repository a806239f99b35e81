import type { RuleContext } from '../../../check/context';
import { COMPOSE_SERVICE } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { compileRegistryPattern, imageReference, RegistryPattern, registryPatternMatches } from '../../k8s/workload/image-reference';
import { interpolatedVariables, shown } from '../support/compose-interpolation';
import { pulledImage, serviceLabel } from '../support/compose-service';

/** Images from allowed registries. */
export const composeAllowedRegistry: Rule = {
  id: 'docker-compose-allowed-registry',
  title: 'A Compose service\'s image must come from an allowed registry',
  description:
    'Images pulled from public or unknown registries bypass the organisation\'s scanning, signing and retention, and a ' +
    'typo-squatted or compromised upstream image would run next to PHI. Only registries listed in allowedRegistries ' +
    '(hipaa-check --allowed-registry; a host, a host and path prefix, `*` for one DNS label) are accepted; a reference without ' +
    'a registry is resolved as Docker does (nginx is docker.io/library/nginx). An image interpolated from the environment is ' +
    'flagged when its registry part is interpolated. A service built here (build: present) is not checked: its Dockerfile is.',
  severity: 'error',
  controls: ['164.312(c)(1)'],
  kinds: [COMPOSE_SERVICE],
  fix: 'Push the image to an allowed registry and reference it from there, pinned by digest; or, if the organisation controls and scans that registry, add it to allowedRegistries (hipaa-check --allowed-registry).',
  check(resource, ctx, report) {
    const image = pulledImage(resource);
    if (image === undefined) return;
    const who = serviceLabel(resource);
    const allowed = allowedPatterns(ctx);
    const list = ctx.settings.allowedRegistries.join(', ');
    const registryPart = image.split('/')[0];
    if (image.includes('/') && interpolatedVariables(registryPart).length > 0) {
      report({ path: 'image', message: `${who} takes the registry of its image from the environment (image ${shown(image)}), which the checker cannot match against allowedRegistries (allowed: ${list})` });
      return;
    }
    const ref = imageReference(ctx, image);
    if (allowed.some((p) => registryPatternMatches(p, ref))) return;
    report({ path: 'image', message: `${who} uses image ${shown(image)} from ${ref.registry}${ref.implicitRegistry ? ' (no registry written: Docker Hub)' : ''}, which allowedRegistries does not allow (allowed: ${list})` });
  },
};

function allowedPatterns(ctx: RuleContext): readonly RegistryPattern[] {
  return ctx.memo('docker-compose-allowed-registry/patterns', () => ctx.settings.allowedRegistries.map(compileRegistryPattern));
}
