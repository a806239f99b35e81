import { unresolvedVariables, substitute } from '../../../check/docker/dockerfile-words';
import { DOCKERFILE } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { containerUser } from '../support/container-user';
import { describeStage, dockerfileBody, finalStage, instructionPath, lastInstructionOf, stageChain, stagePath, variablesAt } from '../support/dockerfile-stages';

/** The image runs as a numeric non-root UID, so a runtime can verify it is not root. */
export const dockerfileNonRootUser: Rule = {
  id: 'docker-dockerfile-non-root-user',
  title: 'The final stage of a Dockerfile must run as a non-root numeric UID (USER 10001)',
  description:
    'A container that runs as root turns any code execution in it into root on the container\'s file system and, after ' +
    'one kernel or runtime escape, on the host that holds PHI. The image\'s user is the USER of its final stage, or ' +
    'of the stage it builds on (FROM <stage>); without any USER it is root, also for FROM scratch. Every spelling of ' +
    'root counts (root, 0, +0, 000, root:root, 0:0). A user name is refused too: Kubernetes runAsNonRoot and admission ' +
    'policies can only verify a numeric UID, and the name may map to 0 in the image\'s /etc/passwd.',
  severity: 'error',
  controls: ['164.312(a)(1)'],
  kinds: [DOCKERFILE],
  fix: 'End the final stage with a numeric non-root user, e.g. RUN adduser -D -u 10001 app (or nothing, on distroless/scratch) and USER 10001:10001.',
  check(resource, _ctx, report) {
    const body = dockerfileBody(resource);
    const final = finalStage(body);
    const chain = stageChain(body, final);
    const found = lastInstructionOf(body, 'USER');
    if (found !== undefined) {
      const { stage, index: j } = found;
      const ins = stage.instructions[j];
      const written = ins.args.trim();
      const user = substitute(written, variablesAt(body, stage, j), body.escape);
      const where = stage === final ? `USER ${written}` : `USER ${written} in ${describeStage(stage)}`;
      const path = instructionPath(stage, j);
      const unresolved = unresolvedVariables(user);
      if (unresolved.length > 0) {
        const why = unresolved.map((v) => (body.args.some((a) => a.name === v) ? `\${${v}} is a global ARG, which a stage sees only after ARG ${v}` : `\${${v}} has no value in the Dockerfile`));
        report({ path, message: `${describeStage(final)} runs as a user that cannot be verified (${where}): ${why.join('; ')}`, fix: 'Write the numeric UID itself (USER 10001:10001) rather than a build argument.' });
        return;
      }
      const { user: uid, kind } = containerUser(user);
      if (kind === 'root') {
        report({ path, message: `${describeStage(final)} runs as root (${where}${user !== written ? `, which is "${user}"` : ''})` });
      } else if (kind === 'name') {
        report({
          path,
          message: `${describeStage(final)} runs as user name "${uid}" (${where}): Kubernetes runAsNonRoot cannot verify a user name, and the name may be UID 0 in the image`,
          fix: 'Write the user\'s numeric UID (USER 10001:10001), created with that UID in the image.',
        });
      }
      return;
    }
    const scratch = final.from.resolved.toLowerCase() === 'scratch' ? ' (FROM scratch is no exception: with no USER the process runs as UID 0)' : '';
    report({ path: stagePath(final), message: `${describeStage(final)} runs as root: no USER in it${chain.length > 1 ? ' or the stages it builds on' : ''}${scratch}` });
  },
};
