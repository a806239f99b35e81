import { DOCKERFILE } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { describeStage, dockerfileBody, finalStage, instructionPath, lastInstructionOf, stageChain, stagePath } from '../support/dockerfile-stages';

/** The image says how to tell that it works, so the runtime can restart or stop routing to it. */
export const dockerfileHealthcheck: Rule = {
  id: 'docker-dockerfile-healthcheck',
  title: 'The final stage of a Dockerfile must declare a HEALTHCHECK (not HEALTHCHECK NONE)',
  description:
    'Without a health check Docker and Compose consider a hung or half-started service healthy: it keeps receiving ' +
    'requests, dependants start against it (depends_on: condition: service_healthy), and nobody is told, so PHI ' +
    'becomes unavailable without a record of it. Keeping PHI available is part of the contingency plan, so this is an ' +
    'error, not advice. The image\'s health check is the last HEALTHCHECK of its final stage or of the stages it builds on ' +
    '(FROM <stage>); one inherited from a base image cannot be seen in the Dockerfile and does not count (fail closed); ' +
    'HEALTHCHECK NONE turns an inherited one off and fails.',
  severity: 'error',
  controls: ['164.308(a)(7)(ii)(B)', '164.312(b)'],
  kinds: [DOCKERFILE],
  fix: 'Add to the final stage a check of the service itself, e.g. HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD ["/app/healthcheck"] (an exec-form probe that needs no shell or curl in a minimal image).',
  check(resource, _ctx, report) {
    const body = dockerfileBody(resource);
    const final = finalStage(body);
    const chain = stageChain(body, final);
    const found = lastInstructionOf(body, 'HEALTHCHECK');
    if (found !== undefined) {
      const { stage, index } = found;
      if (stage.instructions[index].args.trim().toUpperCase() === 'NONE') {
        report({ path: instructionPath(stage, index), message: `${describeStage(final)} turns its health check off (HEALTHCHECK NONE${stage === final ? '' : ` in ${describeStage(stage)}`})` });
      }
      return;
    }
    report({ path: stagePath(final), message: `${describeStage(final)} has no HEALTHCHECK${chain.length > 1 ? ' in it or the stages it builds on' : ''}` });
  },
};
