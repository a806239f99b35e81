import { describeStage, instructionPath, stagePath, variablesAt } from './dockerfile-stages';
import type { DockerfileBody } from '../../../check/docker/dockerfile';
import { substitute } from '../../../check/docker/dockerfile-words';

/** An image a build pulls: the base of a stage, or the source of COPY --from / RUN --mount=from=. */
export interface PulledImage {
  /** Where findings point: the stage (its FROM line) or the instruction. */
  readonly path: string;
  /** The image with variables substituted, unresolved ones left visible. */
  readonly resolved: string;
  /** `stage 0 (FROM node:20) base image "node:20"`, `stage 1 (FROM x) COPY --from image "nginx:1"`. */
  readonly label: string;
}

const SCRATCH = 'scratch';

/**
 * Every image the Dockerfile pulls: each FROM that names neither an earlier stage nor scratch, and each
 * COPY --from= or RUN --mount=...,from= that names neither a stage (by name or index) nor scratch.
 */
export function pulledImages(body: DockerfileBody): PulledImage[] {
  const out: PulledImage[] = [];
  const names = new Set(body.stages.map((s) => s.name).filter((n): n is string => n !== undefined));
  for (const stage of body.stages) {
    const { image, resolved } = stage.from;
    if (stage.from.stage === undefined && resolved.toLowerCase() !== SCRATCH) {
      out.push({ path: stagePath(stage), resolved, label: `${describeStage(stage)} base image ${quoted(image, resolved)}` });
    }
    stage.instructions.forEach((ins, j) => {
      for (const f of ins.flags) {
        const written = ins.keyword === 'COPY' && f.name === 'from' ? f.value : ins.keyword === 'RUN' && f.name === 'mount' ? mountFrom(f.value) : undefined;
        if (written === undefined || written === '') continue;
        const value = substitute(written, variablesAt(body, stage, j), body.escape);
        const lower = value.toLowerCase();
        if (names.has(lower) || /^\d+$/.test(value) || lower === SCRATCH) continue;
        out.push({ path: instructionPath(stage, j), resolved: value, label: `${describeStage(stage)} ${ins.keyword} --${f.name === 'from' ? 'from' : 'mount from'} image ${quoted(written, value)}` });
      }
    });
  }
  return out;
}

/** The `from=` of a `--mount` value (`type=bind,from=builder,source=/out`). */
function mountFrom(value: string | undefined): string | undefined {
  return value?.split(',').find((p) => p.startsWith('from='))?.slice('from='.length);
}

/** `"node:20"`, or `"r.example.com/node:20" (ARGs substituted in "${REG}/node:${VER:-20}")` when the two differ. */
function quoted(written: string, resolved: string): string {
  return resolved === written ? `"${written}"` : `"${resolved}" (ARGs substituted in "${written}")`;
}
