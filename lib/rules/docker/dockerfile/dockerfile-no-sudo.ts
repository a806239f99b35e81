import { DOCKERFILE } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { commandTexts, describeStage, dockerfileBody, instructionPath } from '../support/dockerfile-stages';

const SUDO = /(?<![\w./-])sudo(?![\w.-])/;
const INSTALL = /\b(?:apt-get|apt|apk|yum|dnf|microdnf|zypper|pacman|tdnf)\b[^;&|\n]*\b(?:install|add|-S)\b[^;&|\n]*(?<![\w./-])sudo(?![\w.-])/;

/** No sudo in the image: it is a way back to root for whoever runs in the container. */
export const dockerfileNoSudo: Rule = {
  id: 'docker-dockerfile-no-sudo',
  title: 'A Dockerfile must neither install nor invoke sudo',
  description:
    'sudo in an image is a way back from the non-root USER to root, with a setuid binary and a sudoers policy that ' +
    'nobody reviews with the image; invoking it in RUN means the step needed root and should run before USER. It ' +
    'also behaves unpredictably without a TTY. CIS Docker Benchmark 4.x, hadolint DL3004, Checkov CKV2_DOCKER_1.',
  severity: 'error',
  controls: ['164.312(a)(1)'],
  kinds: [DOCKERFILE],
  fix: 'Run the step that needs root before USER (as root), drop sudo from the installed packages, and switch to the non-root USER afterwards; use gosu/su-exec only in an entrypoint that drops privileges.',
  check(resource, _ctx, report) {
    const body = dockerfileBody(resource);
    for (const stage of body.stages) {
      stage.instructions.forEach((ins, j) => {
        if (ins.keyword !== 'RUN' && ins.keyword !== 'ONBUILD') return;
        for (const text of commandTexts(ins)) {
          if (!SUDO.test(text)) continue;
          const installs = INSTALL.exec(text);
          report({ path: instructionPath(stage, j), message: `${describeStage(stage)} ${ins.keyword} ${installs ? `installs sudo (${installs[0].trim()})` : `invokes sudo (${firstLineWith(text)})`}` });
        }
      });
    }
  },
};

function firstLineWith(text: string): string {
  const line = text.split('\n').find((l) => SUDO.test(l)) ?? text;
  const trimmed = line.trim();
  return trimmed.length > 80 ? `${trimmed.slice(0, 77)}...` : trimmed;
}
