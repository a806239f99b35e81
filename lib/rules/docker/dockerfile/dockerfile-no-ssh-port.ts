import { dockerWords, substitute } from '../../../check/docker/dockerfile-words';
import { DOCKERFILE } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { describeStage, dockerfileBody, instructionPath, variablesAt } from '../support/dockerfile-stages';

const PORT = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i;

/** No SSH into containers: access goes through the orchestrator, audited. */
export const dockerfileNoSshPort: Rule = {
  id: 'docker-dockerfile-no-ssh-port',
  title: 'A Dockerfile must not EXPOSE port 22 (SSH)',
  description:
    'An SSH server in a container is a second, unaudited way in, with its own keys to manage and rotate, next to PHI. ' +
    'Operators reach containers through docker exec / kubectl exec, which the platform authenticates and logs. Every ' +
    'spelling counts: 22, 22/tcp, a range that includes 22, and a variable (EXPOSE ${SSH_PORT}) that the Dockerfile ' +
    'sets to 22. CIS Docker Benchmark 5.7 (no sshd in containers), Checkov CKV_DOCKER_1.',
  severity: 'error',
  controls: ['164.312(e)(1)', '164.312(a)(1)'],
  kinds: [DOCKERFILE],
  fix: 'Remove port 22 from EXPOSE and the SSH server from the image; use docker exec or kubectl exec (audited) for access.',
  check(resource, _ctx, report) {
    const body = dockerfileBody(resource);
    for (const stage of body.stages) {
      stage.instructions.forEach((ins, j) => {
        if (ins.keyword !== 'EXPOSE') return;
        const vars = variablesAt(body, stage, j);
        for (const written of dockerWords(ins.args, body.escape)) {
          const port = substitute(written, vars, body.escape);
          const m = PORT.exec(port);
          if (!m) continue;
          const low = Number(m[1]);
          const high = m[2] === undefined ? low : Number(m[2]);
          if (low > 22 || high < 22 || (m[3] !== undefined && m[3].toLowerCase() !== 'tcp')) continue;
          const spelled = port === written ? `"${written}"` : `"${written}", which is "${port}"`;
          report({ path: instructionPath(stage, j), message: `${describeStage(stage)} EXPOSE ${spelled} exposes port 22 (SSH)` });
        }
      });
    }
  },
};
