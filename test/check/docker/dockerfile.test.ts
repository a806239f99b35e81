import { readDockerfile } from '../../../lib/check/docker/dockerfile';
import { dockerWords, nameValues, substitute, unresolvedVariables } from '../../../lib/check/docker/dockerfile-words';
import { DOCKERFILE } from '../../../lib/check/docker/kinds';
import type { ManifestError } from '../../../lib/check/manifest-error';
import type { Resource } from '../../../lib/check/resource';

function read(text: string): { resources: Resource[]; problems: string[] } {
  const problems: ManifestError[] = [];
  const resources = readDockerfile(text, 'app/Dockerfile', problems);
  return { resources, problems: problems.map((p) => p.message) };
}

function body(text: string): any {
  const { resources, problems } = read(text);
  expect(problems).toEqual([]);
  return resources[0].body;
}

const DIGEST = `sha256:${'0'.repeat(64)}`;

describe('readDockerfile', () => {
  test('one docker:Dockerfile per file: global ARGs, stages with AS names, lines of every stage, instruction and ARG', () => {
    const text = [
      'ARG REG=registry.example.com',
      'ARG VER',
      '',
      `FROM \${REG}/node:\${VER:-20}@${DIGEST} AS Build`,
      'WORKDIR /src',
      'RUN npm ci',
      '',
      'from build',
      'user 10001',
      '',
    ].join('\n');
    const { resources, problems } = read(text);
    expect(problems).toEqual([]);
    expect(resources).toEqual([
      {
        kind: DOCKERFILE,
        name: 'app/Dockerfile',
        source: { file: 'app/Dockerfile', line: 1 },
        body: {
          escape: '\\',
          args: [{ name: 'REG', value: 'registry.example.com' }, { name: 'VER' }],
          stages: [
            {
              index: 0,
              name: 'build',
              from: { image: `\${REG}/node:\${VER:-20}@${DIGEST}`, resolved: `registry.example.com/node:20@${DIGEST}` },
              instructions: [
                { keyword: 'WORKDIR', args: '/src', flags: [] },
                { keyword: 'RUN', args: 'npm ci', flags: [] },
              ],
            },
            { index: 1, from: { image: 'build', resolved: 'build', stage: 0 }, instructions: [{ keyword: 'USER', args: '10001', flags: [] }] },
          ],
        },
        lines: {
          'args[0]': 1,
          'args[1]': 2,
          'stages[0]': 4,
          'stages[0].instructions[0]': 5,
          'stages[0].instructions[1]': 6,
          'stages[1]': 8,
          'stages[1].instructions[0]': 9,
        },
        waivers: [],
      },
    ]);
  });

  test('ARG substitution in FROM: defaults, later ARGs built from earlier ones, unresolved variables left visible', () => {
    const b = body(['ARG REG', 'ARG NAME=${REG:-docker.io}/library/node', 'ARG TAG=20', 'FROM ${NAME}:$TAG', 'FROM ${REG}/x:${MISSING}', 'FROM ${REG:+set}plain', ''].join('\n'));
    expect(b.stages.map((s: any) => s.from.resolved)).toEqual(['docker.io/library/node:20', '${REG}/x:${MISSING}', 'plain']);
  });

  test('--platform on FROM, flags of RUN, ADD and COPY', () => {
    const b = body(
      [
        'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
        'RUN --mount=type=secret,id=x --mount=type=cache,target=/root/.cache go build ./...',
        `ADD --checksum=sha256:${'a'.repeat(64)} https://example.com/a.tgz /tmp/`,
        'COPY --chown=10001:10001 --chmod=0444 --link app /app',
        'COPY --from=build /out /app',
        '',
      ].join('\n'),
    );
    expect(b.stages[0].from).toEqual({ image: 'golang:1.22', resolved: 'golang:1.22', platform: '$BUILDPLATFORM' });
    expect(b.stages[0].instructions).toEqual([
      { keyword: 'RUN', args: 'go build ./...', flags: [{ name: 'mount', value: 'type=secret,id=x' }, { name: 'mount', value: 'type=cache,target=/root/.cache' }] },
      { keyword: 'ADD', args: 'https://example.com/a.tgz /tmp/', flags: [{ name: 'checksum', value: `sha256:${'a'.repeat(64)}` }] },
      { keyword: 'COPY', args: 'app /app', flags: [{ name: 'chown', value: '10001:10001' }, { name: 'chmod', value: '0444' }, { name: 'link' }] },
      { keyword: 'COPY', args: '/out /app', flags: [{ name: 'from', value: 'build' }] },
    ]);
  });

  test('line continuations are joined, with comment and empty lines inside dropped; the line is the first one', () => {
    const { resources } = read(['FROM alpine', 'RUN apk add \\', '  # curl -k in a comment is not run', '  curl \\', '', '  && echo done', 'USER 1', ''].join('\n'));
    expect(resources[0].body.stages[0].instructions).toEqual([
      { keyword: 'RUN', args: 'apk add   curl   && echo done', flags: [] },
      { keyword: 'USER', args: '1', flags: [] },
    ]);
    expect(resources[0].lines).toEqual({ 'stages[0]': 1, 'stages[0].instructions[0]': 2, 'stages[0].instructions[1]': 7 });
  });

  test('the escape directive makes ` the escape and continuation character; other directives are read past', () => {
    const b = body(['# syntax=docker/dockerfile:1', '# escape=`', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'RUN Write-Host `', '    C:\\path\\here', ''].join('\n'));
    expect(b.escape).toBe('`');
    expect(b.stages[0].instructions).toEqual([{ keyword: 'RUN', args: 'Write-Host     C:\\path\\here', flags: [] }]);
  });

  test('a directive after the first comment is a comment', () => {
    expect(body(['# a comment', '# escape=`', 'FROM alpine', ''].join('\n')).escape).toBe('\\');
  });

  test('exec (JSON) form keeps its words, spaces included; shell form and invalid JSON have no json', () => {
    const b = body(['FROM alpine', 'RUN ["sh", "-c", "curl -k https://x"]', 'CMD ["node", "server.js"]', 'ENTRYPOINT [not json]', 'USER ["1"]', ''].join('\n'));
    expect(b.stages[0].instructions).toEqual([
      { keyword: 'RUN', args: '["sh", "-c", "curl -k https://x"]', flags: [], json: ['sh', '-c', 'curl -k https://x'] },
      { keyword: 'CMD', args: '["node", "server.js"]', flags: [], json: ['node', 'server.js'] },
      { keyword: 'ENTRYPOINT', args: '[not json]', flags: [] },
      { keyword: 'USER', args: '["1"]', flags: [] },
    ]);
  });

  test('heredocs: RUN <<EOF, <<-EOF with tabs stripped, quoted delimiters, two in one COPY; instructions after them keep their lines', () => {
    const { resources } = read(
      ['FROM alpine', 'RUN <<EOF', 'set -e', '# not a comment: script text', 'EOF', 'RUN <<-"END" bash', '\tcurl -k https://x', '\tEND', 'COPY <<a <<b /dst/', 'A', 'a', 'B', 'b', 'COPY <<EOF /x', 'hello', 'EOF', 'USER 1', ''].join('\n'),
    );
    expect(resources[0].body.stages[0].instructions).toEqual([
      { keyword: 'RUN', args: '<<EOF', flags: [], heredocs: [{ name: 'EOF', content: 'set -e\n# not a comment: script text\n' }] },
      { keyword: 'RUN', args: '<<-"END" bash', flags: [], heredocs: [{ name: 'END', content: 'curl -k https://x\n' }] },
      { keyword: 'COPY', args: '<<a <<b /dst/', flags: [], heredocs: [{ name: 'a', content: 'A\n' }, { name: 'b', content: 'B\n' }] },
      { keyword: 'COPY', args: '<<EOF /x', flags: [], heredocs: [{ name: 'EOF', content: 'hello\n' }] },
      { keyword: 'USER', args: '1', flags: [] },
    ]);
    expect(resources[0].lines!['stages[0].instructions[4]']).toBe(17);
  });

  test('a here-string (<<<) is not a heredoc', () => {
    expect(body(['FROM alpine', 'RUN cat <<< "x"', ''].join('\n')).stages[0].instructions).toEqual([{ keyword: 'RUN', args: 'cat <<< "x"', flags: [] }]);
  });

  test('a lone continuation character is an empty line', () => {
    expect(body('FROM alpine\n  \\\nUSER 1\n').stages[0].instructions).toEqual([{ keyword: 'USER', args: '1', flags: [] }]);
    expect(body('FROM alpine\nUSER 1\n  \\\n').stages[0].instructions).toEqual([{ keyword: 'USER', args: '1', flags: [] }]);
  });

  test('CRLF line ends', () => {
    expect(body('FROM alpine\r\nUSER 1\r\n').stages[0].instructions).toEqual([{ keyword: 'USER', args: '1', flags: [] }]);
  });

  test('waiver comments anywhere become carried waivers with a line; a malformed one is a problem', () => {
    const { resources } = read(
      [
        '# hipaa-constructs.io/waiver/docker-dockerfile-healthcheck: expires=2026-08-01 owner=team@example.com ticket=SEC-1 reason=the orchestrator probes the service over HTTP instead',
        'FROM alpine',
        'RUN apk add x \\',
        '  #hipaa-constructs.io/waiver/docker-dockerfile-no-sudo: expires=2026-08-01 reason=legacy build needs it for now',
        '  y',
        '# hipaa-constructs.io/waiver/docker-dockerfile-from-digest expires=2026-08-01 reason=no colon after the rule id',
        '# an ordinary comment',
        '',
      ].join('\n'),
    );
    expect(resources[0].waivers).toEqual([
      { path: 'waivers[0]', waiver: { ruleId: 'docker-dockerfile-healthcheck', expires: '2026-08-01', owner: 'team@example.com', ticket: 'SEC-1', reason: 'the orchestrator probes the service over HTTP instead' } },
      { path: 'waivers[1]', waiver: { ruleId: 'docker-dockerfile-no-sudo', expires: '2026-08-01', reason: 'legacy build needs it for now' } },
      {
        path: 'waivers[2]',
        problem:
          "waiver comment must read '# hipaa-constructs.io/waiver/<rule-id>: expires=YYYY-MM-DD owner=<x> ticket=<y> reason=<text>' (owner and ticket optional; got '# hipaa-constructs.io/waiver/docker-dockerfile-from-digest expires=2026-08-01 reason=no colon after the rule id')",
      },
    ]);
    expect(resources[0].lines).toMatchObject({ 'waivers[0]': 1, 'waivers[1]': 4, 'waivers[2]': 6 });
  });

  test('a waiver comment without reason= is a problem', () => {
    expect(read('# hipaa-constructs.io/waiver/docker-dockerfile-no-sudo: expires=2026-08-01\nFROM alpine\n').resources[0].waivers).toEqual([
      {
        path: 'waivers[0]',
        problem:
          "waiver comment must read '# hipaa-constructs.io/waiver/<rule-id>: expires=YYYY-MM-DD owner=<x> ticket=<y> reason=<text>' (owner and ticket optional; got '# hipaa-constructs.io/waiver/docker-dockerfile-no-sudo: expires=2026-08-01')",
      },
    ]);
  });

  test.each([['binary', '\u0000\u0001\u0002'], ['lone <<', 'FROM a\nRUN <<\n'], ['trailing continuation', 'FROM a\nRUN \\'], ['only a continuation', '\\\n'], ['FROM flags only', 'FROM --platform=x\n'], ['heredoc name only', 'FROM a\nCOPY <<"" /x\n']])(
    'odd input never throws: %s',
    (_name, text) => {
      expect(() => read(text)).not.toThrow();
    },
  );

  describe('text that is not a Dockerfile is a ManifestError with file and line, never a throw', () => {
    const cases: Array<[string, string, string]> = [
      ['no FROM', '# only a comment\nRUN echo\n', 'app/Dockerfile:2: RUN comes before the first FROM: only ARG may (and parser directives, at the very top)'],
      ['no FROM at all', 'ARG X=1\n\n', 'app/Dockerfile:1: not a Dockerfile: it has no FROM instruction (a Dockerfile starts with FROM <image>, after optional ARGs)'],
      ['empty', '', 'app/Dockerfile:1: not a Dockerfile: it has no FROM instruction (a Dockerfile starts with FROM <image>, after optional ARGs)'],
      ['instruction before FROM', 'ARG X\nENV A=1\nFROM alpine\n', 'app/Dockerfile:2: ENV comes before the first FROM: only ARG may (and parser directives, at the very top)'],
      [
        'unknown instruction',
        'FROM alpine\nRUN a \\\n  b\nFOO bar\n',
        'app/Dockerfile:4: unknown instruction \'FOO\': a Dockerfile has only ADD, ARG, CMD, COPY, ENTRYPOINT, ENV, EXPOSE, FROM, HEALTHCHECK, LABEL, MAINTAINER, ONBUILD, RUN, SHELL, STOPSIGNAL, USER, VOLUME, WORKDIR',
      ],
      ['YAML', 'services:\n  api:\n    image: x\n', "app/Dockerfile:1: unknown instruction 'services:': a Dockerfile has only ADD, ARG, CMD, COPY, ENTRYPOINT, ENV, EXPOSE, FROM, HEALTHCHECK, LABEL, MAINTAINER, ONBUILD, RUN, SHELL, STOPSIGNAL, USER, VOLUME, WORKDIR"],
      ['unterminated heredoc', 'FROM alpine\nRUN <<EOF\necho hi\n', 'app/Dockerfile:2: the heredoc <<EOF of RUN is never closed: end it with a line that reads exactly EOF'],
      ['FROM without image', 'FROM\n', 'app/Dockerfile:1: FROM names no image: write FROM <image>[@sha256:<digest>] [AS <name>]'],
      ['FROM with extra words', 'FROM alpine latest\n', "app/Dockerfile:1: FROM takes an image and an optional AS <name> (got 'alpine latest')"],
      ['bad escape directive', '# escape=x\nFROM alpine\n', 'app/Dockerfile:1: invalid escape directive \'x\': the escape character must be \\ or `'],
    ];
    test.each(cases)('%s', (_name, text, message) => {
      const problems: ManifestError[] = [];
      expect(readDockerfile(text, 'app/Dockerfile', problems)).toEqual([]);
      expect(problems.map((p) => p.message)).toEqual([message]);
    });
  });
});

describe('Dockerfile words', () => {
  test('dockerWords: quotes grouped and removed, escapes kept', () => {
    expect(dockerWords('a "b c" \'d e\' f\\ g "h\\"i"')).toEqual(['a', 'b c', 'd e', 'f g', 'h"i']);
    expect(dockerWords('a` b', '`')).toEqual(['a b']);
  });

  test('nameValues: KEY=value pairs, the legacy ENV form, ARG without value', () => {
    expect(nameValues('A=1 B="two words" C=')).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: 'two words' }, { name: 'C', value: '' }]);
    expect(nameValues('NAME some value')).toEqual([{ name: 'NAME', value: 'some value' }]);
    expect(nameValues('X Y=2', '\\', false)).toEqual([{ name: 'X' }, { name: 'Y', value: '2' }]);
  });

  test('substitute: $V, ${V}, defaults and alternatives; unknown and escaped variables stay', () => {
    const vars = new Map<string, string | undefined>([['A', 'a'], ['E', ''], ['U', undefined]]);
    expect(substitute('$A ${A} ${E:-d} ${E-d} ${U:-x} ${A:+alt} ${E:+alt} ${B} \\$A', vars)).toBe('a a d  x alt  ${B} \\$A');
    expect(unresolvedVariables('${B}/x:$C')).toEqual(['B', 'C']);
  });
});
