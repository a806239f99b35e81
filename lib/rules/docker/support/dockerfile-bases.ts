import type { DockerfileBody, DockerfileStage } from '../../../check/docker/dockerfile';

/** The stages whose FROM pulls an image: neither an earlier stage (`FROM build`) nor `scratch`. */
export function imageStages(body: DockerfileBody): DockerfileStage[] {
  return body.stages.filter((s) => s.from.stage === undefined && s.from.resolved.toLowerCase() !== 'scratch');
}

/** `"node:20"`, or `"${REG}/node:20" (after ARG substitution of "${REG}/node:${VER:-20}")` when the two differ. */
export function describeBase(stage: DockerfileStage): string {
  const { image, resolved } = stage.from;
  return resolved === image ? `"${image}"` : `"${resolved}" (ARGs substituted in "${image}")`;
}
