import { nameValues } from '../../../check/docker/dockerfile-words';
import { DOCKERFILE } from '../../../check/docker/kinds';
import type { Rule } from '../../../check/rule';
import { commandTexts, describeStage, dockerfileBody, instructionPath } from '../support/dockerfile-stages';

/** Command-line spellings that turn off certificate or signature checks, with what they turn off. */
const COMMAND_BYPASSES: ReadonlyArray<readonly [RegExp, string]> = [
  // curl's -k, also inside a cluster of short options (-fsSLk), up to the end of the command.
  [/\bcurl\b[^;&|\n]*?\s(?:--insecure\b|-[A-Za-z]*k[A-Za-z]*(?=\s|$))/, 'TLS certificate verification'],
  [/\binsecure\b[^;&|\n]*>>?\s*\S*\.curlrc\b/, 'TLS certificate verification (.curlrc)'],
  [/--no-check-certificate\b/, 'TLS certificate verification'],
  [/\bcheck_certificate\s*=\s*off\b/, 'TLS certificate verification (.wgetrc)'],
  [/--nogpgcheck\b|\bgpgcheck\s*=\s*(?:0|false|no)\b|--no-gpg-checks\b/i, 'package signature verification'],
  [/--allow-unauthenticated\b|\bAllowUnauthenticated\b[^;&|\n]*\btrue\b/i, 'package signature verification'],
  [/--force-yes\b/, 'package signature verification (apt-get --force-yes)'],
  [/--allow-insecure-repositories\b|\bAllowInsecureRepositories\b[^;&|\n]*\btrue\b|\btrusted=yes\b/i, 'repository signature verification'],
  [/\bVerify-(?:Peer|Host)\b[^;&|\n]*?\bfalse\b["']?/i, 'TLS certificate verification (apt)'],
  [/--allow-untrusted\b/, 'package signature verification (apk)'],
  [/\brpm\b[^;&|\n]*?--(?:nosignature|nodigest)\b|--no(?:signature|digest)\b/, 'package signature verification (rpm)'],
  [/--trusted-host\b|\btrusted-host\b\s*[= ]\s*\S+/, 'TLS certificate verification (pip)'],
  [/\bstrict-ssl\b["']?\s*(?:=|\s)\s*["']?false\b|--strict-ssl[= ]false\b/i, 'TLS certificate verification (npm/yarn)'],
  [/\bsslVerify\b["']?\s*(?:=|\s)\s*["']?(?:false|0|no|off)\b/i, 'TLS certificate verification (git)'],
  [/--no-verify-ssl\b|--insecure-skip-tls-verify\b|\bdisable-tls\b\s+true\b|--disable-tls\b/, 'TLS certificate verification'],
];

/** Environment variables that turn off verification, with the values that do. */
const ENV_BYPASSES: Readonly<Record<string, { readonly when: (value: string) => boolean; readonly what: string }>> = {
  NODE_TLS_REJECT_UNAUTHORIZED: { when: (v) => v === '0', what: 'TLS certificate verification (Node.js)' },
  PYTHONHTTPSVERIFY: { when: (v) => v === '0', what: 'TLS certificate verification (Python)' },
  GIT_SSL_NO_VERIFY: { when: (v) => v !== '' && !/^(?:0|false|no)$/i.test(v), what: 'TLS certificate verification (git)' },
  REQUESTS_CA_BUNDLE: { when: (v) => v === '', what: 'TLS certificate verification (Python requests)' },
  CURL_CA_BUNDLE: { when: (v) => v === '', what: 'TLS certificate verification (curl, Python requests)' },
  NPM_CONFIG_STRICT_SSL: { when: (v) => /^(?:false|0|no)$/i.test(v), what: 'TLS certificate verification (npm)' },
  YARN_STRICT_SSL: { when: (v) => /^(?:false|0|no)$/i.test(v), what: 'TLS certificate verification (yarn)' },
  PIP_TRUSTED_HOST: { when: (v) => v !== '', what: 'TLS certificate verification (pip)' },
  GOINSECURE: { when: (v) => v !== '', what: 'TLS certificate verification (Go)' },
  GOFLAGS: { when: (v) => /-insecure\b/.test(v), what: 'TLS certificate verification (Go)' },
};
const ASSIGNMENT = /\b([A-Z][A-Z0-9_]*)=("[^"]*"|'[^']*'|[^\s;&|]*)/g;

/** No build step turns off TLS certificate or package signature verification. */
export const dockerfileNoTlsBypass: Rule = {
  id: 'docker-dockerfile-no-tls-bypass',
  title: 'A Dockerfile must not turn off TLS certificate or package signature verification',
  description:
    'curl -k, wget --no-check-certificate, --nogpgcheck, --allow-unauthenticated, apk --allow-untrusted, pip ' +
    '--trusted-host, npm strict-ssl false, git http.sslVerify false, NODE_TLS_REJECT_UNAUTHORIZED=0 and their kin let ' +
    'anyone on the network path replace what the build downloads, so code nobody reviewed lands in an image that ' +
    'handles PHI; in ENV they also turn verification off for the running service\'s own connections. Checked in RUN ' +
    '(shell form, exec form and here-documents), ONBUILD, ENV, and configuration files written by COPY <<EOF.',
  severity: 'error',
  controls: ['164.312(c)(1)', '164.312(e)(1)'],
  kinds: [DOCKERFILE],
  fix: 'Remove the bypass and install the CA that signs the internal endpoint instead (COPY the CA certificate, update-ca-certificates; NODE_EXTRA_CA_CERTS, PIP_CERT, REQUESTS_CA_BUNDLE=/path, npm config set cafile); import the repository\'s signing key rather than skipping signatures.',
  check(resource, _ctx, report) {
    const body = dockerfileBody(resource);
    for (const stage of body.stages) {
      stage.instructions.forEach((ins, j) => {
        const at = (what: string, spelling: string) =>
          report({ path: instructionPath(stage, j), message: `${describeStage(stage)} ${ins.keyword} turns off ${what}: ${spelling.trim()}` });
        if (ins.keyword === 'ENV') {
          for (const nv of nameValues(ins.args, body.escape)) {
            const bypass = ENV_BYPASSES[nv.name];
            if (bypass?.when(nv.value ?? '')) at(bypass.what, `${nv.name}=${JSON.stringify(nv.value ?? '')}`);
          }
          return;
        }
        const copied = ins.keyword === 'COPY' || ins.keyword === 'ADD';
        if (ins.keyword !== 'RUN' && ins.keyword !== 'ONBUILD' && !copied) return;
        // A COPY here-document writes a configuration file (.npmrc, pip.conf, apt.conf.d): its text counts too.
        for (const text of copied ? (ins.heredocs ?? []).map((h) => h.content) : commandTexts(ins)) {
          for (const [re, what] of COMMAND_BYPASSES) {
            const m = re.exec(text);
            if (m) at(what, m[0]);
          }
          ASSIGNMENT.lastIndex = 0;
          for (let m = ASSIGNMENT.exec(text); m !== null; m = ASSIGNMENT.exec(text)) {
            const value = m[2].replace(/^(["'])(.*)\1$/, '$2');
            const bypass = ENV_BYPASSES[m[1]];
            if (bypass?.when(value)) at(bypass.what, m[0]);
          }
        }
      });
    }
  },
};
