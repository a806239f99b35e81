/**
 * How the Dockerfile reader was chosen (issue 12): correctness on the constructs the rules read and
 * throughput on a ~40-line multi-stage Dockerfile, for the hand-written reader (lib/check/docker/
 * dockerfile.ts) and, when they are installed, dockerfile-ast (rcjsuen, the VS Code Docker language
 * server's parser) and docker-file-parser. Neither library is a dependency; to compare, install them
 * outside the project and point NODE_PATH at them:
 *
 *   (cd /tmp/dfp && npm i dockerfile-ast docker-file-parser)
 *   NODE_PATH=/tmp/dfp/node_modules npx ts-node --transpile-only -P test/tsconfig.json bench/dockerfile-parse.ts
 */
import { readDockerfile } from '../lib/check/docker/dockerfile';
import type { DockerfileBody } from '../lib/check/docker/dockerfile';
import type { ManifestError } from '../lib/check/manifest-error';

/** A realistic ~40-line Dockerfile with every construct the rules read. */
const SAMPLE = `# syntax=docker/dockerfile:1
ARG REGISTRY=123456789012.dkr.ecr.us-east-1.amazonaws.com
ARG NODE_VERSION=20
FROM --platform=$BUILDPLATFORM \${REGISTRY}/node:\${NODE_VERSION:-20}-alpine@sha256:${'a'.repeat(64)} AS deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc \\
    # install exactly what the lock file says
    npm ci --omit=dev \\
    && npm cache clean --force

FROM deps AS build
COPY --chown=10001:10001 tsconfig.json ./
COPY src ./src
RUN npm run build
RUN <<EOF
set -eu
node --version
test -f dist/server.js
EOF
COPY <<EOF /src/dist/version.txt
1.0.0
EOF

from \${REGISTRY}/distroless/nodejs20:nonroot@sha256:${'b'.repeat(64)} as runtime
ARG PORT=8443
ENV NODE_ENV=production PORT=\${PORT} DB_PASSWORD_FILE=/run/secrets/db_password
ADD --checksum=sha256:${'c'.repeat(64)} https://example.com/ca-bundle.crt /etc/ssl/certs/internal.crt
COPY --from=build /src/dist /app
COPY --from=deps /src/node_modules /app/node_modules
LABEL org.opencontainers.image.source="https://github.com/acme/api" \\
      org.opencontainers.image.licenses="Apache-2.0"
EXPOSE \${PORT}/tcp
HEALTHCHECK --interval=30s --timeout=3s --retries=3 \\
  CMD ["/nodejs/bin/node", "/app/healthcheck.js"]
USER 10001:10001
WORKDIR /app
STOPSIGNAL SIGTERM
ENTRYPOINT ["/nodejs/bin/node"]
CMD ["/app/server.js"]
`;

/** What each parser makes of one construct: true when what the rules need comes out right. */
interface Case {
  readonly construct: string;
  readonly text: string;
  /** For the hand-written reader's body. */
  readonly ours: (b: DockerfileBody) => boolean;
  /** For dockerfile-ast's Dockerfile. */
  readonly ast: (d: any, text: string) => boolean;
  /** For docker-file-parser's instruction list. */
  readonly dfp: (list: any[]) => boolean;
}

const CASES: Case[] = [
  {
    construct: 'multi-stage AS name, lower case',
    text: 'from node:20 as build\nRUN x\nfrom build\n',
    ours: (b) => b.stages.length === 2 && b.stages[0].name === 'build' && b.stages[1].from.stage === 0,
    ast: (d) => d.getFROMs().length === 2 && d.getFROMs()[0].getBuildStage() === 'build',
    dfp: (l) => l.filter((i) => i.name === 'FROM').length === 2 && /\bas build$/i.test(l[0].args),
  },
  {
    construct: '# escape=` directive after # syntax=',
    text: '# syntax=docker/dockerfile:1\n# escape=`\nFROM alpine\nRUN a `\n  b\n',
    ours: (b) => b.escape === '`' && b.stages[0].instructions[0].args === 'a   b',
    ast: (d) => d.getEscapeCharacter() === '`' && d.getInstructions().length === 2,
    dfp: (l) => l.length === 2 && String(l[1].args).includes('b'),
  },
  {
    construct: 'continuation with a comment line inside',
    text: 'FROM alpine\nRUN a \\\n  # curl -k in a comment\n  b\n',
    ours: (b) => b.stages[0].instructions[0].args === 'a   b',
    ast: (d) => !String(d.getInstructions()[1].getArgumentsContent()).includes('curl'),
    dfp: (l) => l.length === 2 && !JSON.stringify(l[1].args).includes('curl'),
  },
  {
    construct: 'exec form with spaces in a word',
    text: 'FROM alpine\nRUN ["sh", "-c", "curl -k x"]\n',
    ours: (b) => b.stages[0].instructions[0].json?.[2] === 'curl -k x',
    ast: (d) => d.getInstructions()[1].getJSONStrings().map((s: any) => s.getJSONValue())[2] === 'curl -k x',
    dfp: (l) => Array.isArray(l[1].args) && l[1].args[2] === 'curl -k x',
  },
  {
    construct: 'shell form',
    text: 'FROM alpine\nRUN apk add --no-cache curl\n',
    ours: (b) => b.stages[0].instructions[0].args === 'apk add --no-cache curl' && b.stages[0].instructions[0].json === undefined,
    ast: (d) => d.getInstructions()[1].getArgumentsContent() === 'apk add --no-cache curl',
    dfp: (l) => l[1].args === 'apk add --no-cache curl',
  },
  {
    construct: 'heredocs RUN <<EOF and COPY <<EOF /x',
    text: 'FROM alpine\nRUN <<EOF\ncurl -k x\nEOF\nCOPY <<EOF /x\nhi\nEOF\nUSER 1\n',
    ours: (b) => b.stages[0].instructions.length === 3 && b.stages[0].instructions[0].heredocs?.[0].content === 'curl -k x\n',
    ast: (d) => d.getInstructions().length === 4 && d.getInstructions()[1].getHeredocs().length === 1,
    dfp: (l) => l.length === 4,
  },
  {
    construct: 'ARG before FROM',
    text: 'ARG REG=r.example.com\nARG VER\nFROM ${REG}/node:${VER:-20}\n',
    ours: (b) => b.args.length === 2 && b.stages[0].from.image === '${REG}/node:${VER:-20}',
    ast: (d) => d.getInitialARGs().length === 2 && d.getFROMs()[0].getImageName() === '${REG}/node',
    dfp: (l) => l[0].name === 'ARG' && l[2].name === 'FROM',
  },
  {
    construct: 'ARG substitution in FROM (${VER:-20})',
    text: 'ARG REG=r.example.com\nARG VER\nFROM ${REG}/node:${VER:-20}\n',
    ours: (b) => b.stages[0].from.resolved === 'r.example.com/node:20',
    // Neither library substitutes: the caller would write it either way.
    ast: () => false,
    dfp: () => false,
  },
  {
    construct: '--platform on FROM',
    text: 'FROM --platform=linux/amd64 alpine\n',
    ours: (b) => b.stages[0].from.platform === 'linux/amd64' && b.stages[0].from.image === 'alpine',
    ast: (d) => d.getFROMs()[0].getPlatformFlag()?.getValue() === 'linux/amd64',
    dfp: (l) => !String(l[0].args).includes('--platform'),
  },
  {
    construct: 'RUN --mount=type=secret flag',
    text: 'FROM alpine\nRUN --mount=type=secret,id=x cat /run/secrets/x\n',
    ours: (b) => b.stages[0].instructions[0].flags[0]?.value === 'type=secret,id=x',
    ast: (d) => d.getInstructions()[1].getFlags()[0]?.getValue() === 'type=secret,id=x',
    dfp: (l) => !String(l[1].args).startsWith('--mount'),
  },
  {
    construct: 'ADD --checksum, COPY --chown flags',
    text: `FROM alpine\nADD --checksum=sha256:${'a'.repeat(64)} https://x/y /y\nCOPY --chown=1:1 a /a\n`,
    ours: (b) => b.stages[0].instructions[0].flags[0]?.name === 'checksum' && b.stages[0].instructions[1].flags[0]?.value === '1:1',
    ast: (d) => d.getInstructions()[1].getFlags()[0]?.getName() === 'checksum' && d.getInstructions()[2].getFlags()[0]?.getValue() === '1:1',
    dfp: (l) => Array.isArray(l[1].args) && !String(l[1].args[0]).startsWith('--'),
  },
  {
    construct: 'unterminated heredoc is an error',
    text: 'FROM alpine\nRUN <<EOF\necho\n',
    // Judged in main: the reader must report a problem; the libraries report none (they return a tree).
    ours: () => false,
    ast: () => false,
    dfp: () => false,
  },
];

function optional(name: string): any {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(name);
  } catch {
    return undefined;
  }
}

function ours(text: string): { body?: DockerfileBody; problems: ManifestError[] } {
  const problems: ManifestError[] = [];
  const [r] = readDockerfile(text, 'Dockerfile', problems);
  return { body: r?.body as DockerfileBody | undefined, problems };
}

function safely(f: () => boolean): boolean {
  try {
    return f();
  } catch {
    return false;
  }
}

/** Dockerfiles parsed per second: the best of five one-second-ish rounds. */
function throughput(parse: (text: string) => unknown): number {
  for (let i = 0; i < 200; i++) parse(SAMPLE);
  let best = 0;
  for (let round = 0; round < 5; round++) {
    const n = 2000;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) parse(SAMPLE);
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    best = Math.max(best, n / s);
  }
  return Math.round(best);
}

function main(): void {
  const ast = optional('dockerfile-ast');
  const dfp = optional('docker-file-parser');
  const mark = (ok: boolean | undefined) => (ok === undefined ? 'n/a' : ok ? 'yes' : 'NO');
  console.log('| construct | this reader | dockerfile-ast | docker-file-parser |\n|---|---|---|---|');
  for (const c of CASES) {
    const mine = ours(c.text);
    const unterminated = c.construct.startsWith('unterminated');
    const okOurs = unterminated ? mine.problems.length === 1 : mine.body !== undefined && safely(() => c.ours(mine.body!));
    const okAst = ast ? (unterminated ? false : safely(() => c.ast(ast.DockerfileParser.parse(c.text), c.text))) : undefined;
    const okDfp = dfp ? (unterminated ? false : safely(() => c.dfp(dfp.parse(c.text, { includeComments: false })))) : undefined;
    console.log(`| ${c.construct} | ${mark(okOurs)} | ${mark(okAst)} | ${mark(okDfp)} |`);
  }
  const lines = SAMPLE.split('\n').length - 1;
  console.log(`\nthroughput on a ${lines}-line Dockerfile (Dockerfiles/s, best of 5):`);
  console.log(`  this reader         ${throughput((t) => readDockerfile(t, 'Dockerfile', []))}`);
  if (ast) console.log(`  dockerfile-ast      ${throughput((t) => ast.DockerfileParser.parse(t).getInstructions())}`);
  if (dfp) console.log(`  docker-file-parser  ${throughput((t) => dfp.parse(t, { includeComments: false }))}`);
}

main();
