/**
 * What the Dockerfile rules ask of a read Dockerfile (lib/check/docker/dockerfile.ts): its stages, how
 * messages name them, which variables an instruction sees, the shell text a RUN runs. Not a rule.
 */
import type { DockerfileBody, DockerfileInstruction, DockerfileStage } from '../../../check/docker/dockerfile';
import { nameValues, substitute } from '../../../check/docker/dockerfile-words';
import type { Resource } from '../../../check/resource';

/** The body of a `docker:Dockerfile` object. */
export function dockerfileBody(resource: Resource): DockerfileBody {
  return resource.body as DockerfileBody;
}

/** The stage the image is: the last one. */
export function finalStage(body: DockerfileBody): DockerfileStage {
  return body.stages[body.stages.length - 1];
}

/** `stage 2 (FROM node:20 AS build)`: the 0-based index `COPY --from` counts with, and its FROM as written. */
export function describeStage(stage: DockerfileStage): string {
  return `stage ${stage.index} (FROM ${stage.from.image}${stage.name !== undefined ? ` AS ${stage.name}` : ''})`;
}

/** Path of an instruction, where a finding about it points (its line). */
export function instructionPath(stage: DockerfileStage, j: number): string {
  return `stages[${stage.index}].instructions[${j}]`;
}

/** Path of a stage (its FROM line). */
export function stagePath(stage: DockerfileStage): string {
  return `stages[${stage.index}]`;
}

/** The stages an image is built on, base first, ending with `stage` (`FROM build` follows `build`). */
export function stageChain(body: DockerfileBody, stage: DockerfileStage): DockerfileStage[] {
  const chain: DockerfileStage[] = [stage];
  for (let s = stage; s.from.stage !== undefined && s.from.stage < s.index; ) {
    s = body.stages[s.from.stage];
    chain.unshift(s);
  }
  return chain;
}

/**
 * The variables instruction `before` of `stage` sees, as a build without `--build-arg` would: ENV of the
 * stages it builds on and of its own earlier instructions, and ARGs it declares (a bare `ARG NAME` takes
 * the global ARG's default). Values are substituted as they are declared.
 */
export function variablesAt(body: DockerfileBody, stage: DockerfileStage, before: number): Map<string, string | undefined> {
  const globals = new Map<string, string | undefined>();
  for (const a of body.args) globals.set(a.name, a.value === undefined ? undefined : substitute(a.value, globals, body.escape));
  // ENV crosses FROM <stage>; ARG does not.
  let env = new Map<string, string | undefined>();
  let seen = env;
  for (const s of stageChain(body, stage)) {
    const own = s === stage;
    seen = new Map(env);
    const nextEnv = new Map(env);
    const end = own ? before : s.instructions.length;
    for (let j = 0; j < end; j++) {
      const ins = s.instructions[j];
      if (ins.keyword === 'ENV') {
        for (const nv of nameValues(ins.args, body.escape)) {
          const value = nv.value === undefined ? undefined : substitute(nv.value, seen, body.escape);
          seen.set(nv.name, value);
          nextEnv.set(nv.name, value);
        }
      } else if (ins.keyword === 'ARG') {
        for (const nv of nameValues(ins.args, body.escape, false)) {
          if (nv.value === undefined && seen.has(nv.name)) continue;
          seen.set(nv.name, nv.value === undefined ? globals.get(nv.name) : substitute(nv.value, seen, body.escape));
        }
      }
    }
    env = nextEnv;
  }
  return seen;
}

/**
 * The shell text an instruction runs or carries, one entry per piece: the shell form's arguments, the
 * exec form's words joined by spaces, and each here-document's content.
 */
export function commandTexts(ins: DockerfileInstruction): string[] {
  const texts = [ins.json !== undefined ? ins.json.join(' ') : ins.args];
  for (const h of ins.heredocs ?? []) texts.push(h.content);
  return texts;
}

/** The instruction of the image that is in force: the last of its keyword in the final stage, or in the stages it builds on. */
export interface ImageInstruction {
  /** The stage that holds it. */
  readonly stage: DockerfileStage;
  /** Its index in that stage's instructions. */
  readonly index: number;
}

/** The last instruction of `keyword` along the final stage's chain (USER, HEALTHCHECK...). @returns undefined when no stage of the chain has one */
export function lastInstructionOf(body: DockerfileBody, keyword: string): ImageInstruction | undefined {
  const chain = stageChain(body, finalStage(body));
  for (let c = chain.length - 1; c >= 0; c--) {
    const stage = chain[c];
    for (let j = stage.instructions.length - 1; j >= 0; j--) {
      if (stage.instructions[j].keyword === keyword) return { stage, index: j };
    }
  }
  return undefined;
}
