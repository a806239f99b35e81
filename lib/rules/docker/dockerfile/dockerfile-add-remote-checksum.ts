import { DOCKERFILE } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { copySources } from '../support/dockerfile-copy-sources';
import { describeStage, dockerfileBody, instructionPath } from '../support/dockerfile-stages';

const URL = /^(?:https?|ftp):\/\//i;
/** A Git source as BuildKit's ADD recognises it: git@host:repo, git://, ssh://, or an http(s) URL ending in .git (before #ref). */
const GIT = /^(?:git@[^:]+:|git:\/\/|ssh:\/\/|git\+)|^https?:\/\/[^#]*\.git(?:#|$)/i;
const SHA256 = /^sha256:[0-9a-f]{64}$/;
const COMMIT = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** What ADD downloads is checked against a known content hash. */
export const dockerfileAddRemoteChecksum: Rule = {
  id: 'docker-dockerfile-add-remote-checksum',
  title: 'ADD of a URL must carry --checksum=sha256:<hash>, and ADD of a Git repository must pin a commit',
  description:
    'ADD <url> puts whatever the server returns today into the image, unverified: a compromised or hijacked download ' +
    'becomes part of an image that handles PHI, and no rebuild is reproducible. --checksum=sha256:<hash> makes the build ' +
    'fail when the content changes. A Git source is pinned by a full commit id (#<40 hex> or --checksum=<commit>); a branch ' +
    'or tag can be moved. Prefer COPY of files reviewed into the repository, or a RUN that downloads and verifies a signature.',
  severity: 'error',
  controls: ['164.312(c)(1)', '164.312(c)(2)'],
  kinds: [DOCKERFILE],
  fix: 'Add --checksum=sha256:<hash of the file> to the ADD (sha256sum prints it), pin a Git source to its commit (ADD https://github.com/acme/x.git#<commit> /src), or COPY the file from the repository instead.',
  check(resource, _ctx, report) {
    const body = dockerfileBody(resource);
    for (const stage of body.stages) {
      stage.instructions.forEach((ins, j) => {
        if (ins.keyword !== 'ADD') return;
        const checksum = ins.flags.find((f) => f.name === 'checksum')?.value;
        const path = instructionPath(stage, j);
        for (const source of copySources(ins, body.escape)) {
          if (GIT.test(source)) {
            const ref = source.includes('#') ? source.slice(source.indexOf('#') + 1).split(':')[0] : '';
            if (COMMIT.test(ref) || (checksum !== undefined && COMMIT.test(checksum))) continue;
            report({ path, message: `${describeStage(stage)} ADD fetches Git repository "${source}" ${ref === '' ? 'at its default branch' : `at "${ref}", a branch or tag`}, not a pinned commit` });
          } else if (URL.test(source)) {
            if (checksum !== undefined && SHA256.test(checksum)) continue;
            report({ path, message: `${describeStage(stage)} ADD downloads "${source}" ${checksum === undefined ? 'without --checksum' : `with --checksum=${checksum}, which is not sha256:<64 lower-case hex>`}` });
          }
        }
      });
    }
  },
};
