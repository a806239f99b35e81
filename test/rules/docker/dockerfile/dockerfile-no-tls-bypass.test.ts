import { df, findings, goodDockerfile } from './fixtures';
import { dockerfileNoTlsBypass } from '../../../../lib/rules/docker/dockerfile/dockerfile-no-tls-bypass';

const at = (line: number, j: number, keyword: string, what: string) => `${line} stages[0].instructions[${j}]: stage 0 (FROM alpine) ${keyword} turns off ${what}`;

describe('docker-dockerfile-no-tls-bypass', () => {
  test.each([
    ['curl -k https://x', 'TLS certificate verification: curl -k'],
    ['curl -fsSLk https://x | sh', 'TLS certificate verification: curl -fsSLk'],
    ['curl --insecure -o /x https://x', 'TLS certificate verification: curl --insecure'],
    ['echo insecure >> ~/.curlrc', 'TLS certificate verification (.curlrc): insecure >> ~/.curlrc'],
    ['wget --no-check-certificate https://x', 'TLS certificate verification: --no-check-certificate'],
    ['yum install -y --nogpgcheck x', 'package signature verification: --nogpgcheck'],
    ['dnf install --setopt=gpgcheck=0 x', 'package signature verification: gpgcheck=0'],
    ['apt-get install -y --allow-unauthenticated x', 'package signature verification: --allow-unauthenticated'],
    ['apt-get install -y --force-yes x', 'package signature verification (apt-get --force-yes): --force-yes'],
    ['apt-get update --allow-insecure-repositories', 'repository signature verification: --allow-insecure-repositories'],
    ['apk add --allow-untrusted x.apk', 'package signature verification (apk): --allow-untrusted'],
    ['rpm -i --nosignature x.rpm', 'package signature verification (rpm): rpm -i --nosignature'],
    ['rpm -i --nodigest x.rpm', 'package signature verification (rpm): rpm -i --nodigest'],
    ['pip install --trusted-host pypi.internal x', 'TLS certificate verification (pip): --trusted-host'],
    ['npm config set strict-ssl false', 'TLS certificate verification (npm/yarn): strict-ssl false'],
    ['yarn config set strict-ssl false', 'TLS certificate verification (npm/yarn): strict-ssl false'],
    ['git config --global http.sslVerify false', 'TLS certificate verification (git): sslVerify false'],
    ['git -c http.sslVerify=false clone https://x', 'TLS certificate verification (git): sslVerify=false'],
    ['GIT_SSL_NO_VERIFY=1 git clone https://x', 'TLS certificate verification (git): GIT_SSL_NO_VERIFY=1'],
    ['NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci', 'TLS certificate verification (Node.js): NODE_TLS_REJECT_UNAUTHORIZED=0'],
    ['export PYTHONHTTPSVERIFY=0 && pip install x', 'TLS certificate verification (Python): PYTHONHTTPSVERIFY=0'],
    ['REQUESTS_CA_BUNDLE="" python x.py', 'TLS certificate verification (Python requests): REQUESTS_CA_BUNDLE=""'],
  ])('flags RUN %s', (command, what) => {
    expect(findings(dockerfileNoTlsBypass, df('FROM alpine', `RUN ${command}`))).toEqual([at(2, 0, 'RUN', what)]);
  });

  test('exec form, heredocs, continuations and ONBUILD', () => {
    expect(findings(dockerfileNoTlsBypass, df('FROM alpine', 'RUN ["sh", "-c", "curl -k https://x"]', 'RUN <<EOF', 'set -e', 'wget --no-check-certificate https://x', 'EOF', 'RUN apk add \\', '    --allow-untrusted x', 'ONBUILD RUN curl --insecure https://x'))).toEqual([
      at(2, 0, 'RUN', 'TLS certificate verification: curl -k'),
      at(3, 1, 'RUN', 'TLS certificate verification: --no-check-certificate'),
      at(7, 2, 'RUN', 'package signature verification (apk): --allow-untrusted'),
      at(9, 3, 'ONBUILD', 'TLS certificate verification: curl --insecure'),
    ]);
  });

  test('configuration files written by COPY here-documents', () => {
    expect(findings(dockerfileNoTlsBypass, df('FROM alpine', 'COPY <<EOF /root/.npmrc', 'strict-ssl=false', 'EOF', 'COPY <<EOF /etc/apt/apt.conf.d/99insecure', 'Acquire::https::Verify-Peer "false";', 'EOF', 'COPY <<EOF /etc/pip.conf', '[global]', 'trusted-host = pypi.internal', 'EOF'))).toEqual([
      at(2, 0, 'COPY', 'TLS certificate verification (npm/yarn): strict-ssl=false'),
      at(5, 1, 'COPY', 'TLS certificate verification (apt): Verify-Peer "false"'),
      at(8, 2, 'COPY', 'TLS certificate verification (pip): trusted-host = pypi.internal'),
    ]);
  });

  test('ENV that turns verification off', () => {
    expect(findings(dockerfileNoTlsBypass, df('FROM alpine', 'ENV NODE_TLS_REJECT_UNAUTHORIZED=0', 'ENV PYTHONHTTPSVERIFY 0', 'ENV GIT_SSL_NO_VERIFY=true REQUESTS_CA_BUNDLE=""', 'ENV NPM_CONFIG_STRICT_SSL=false PIP_TRUSTED_HOST=pypi.internal'))).toEqual([
      at(2, 0, 'ENV', 'TLS certificate verification (Node.js): NODE_TLS_REJECT_UNAUTHORIZED="0"'),
      at(3, 1, 'ENV', 'TLS certificate verification (Python): PYTHONHTTPSVERIFY="0"'),
      `${at(4, 2, 'ENV', 'TLS certificate verification (git): GIT_SSL_NO_VERIFY="true"')}; stage 0 (FROM alpine) ENV turns off TLS certificate verification (Python requests): REQUESTS_CA_BUNDLE=""`,
      `${at(5, 3, 'ENV', 'TLS certificate verification (npm): NPM_CONFIG_STRICT_SSL="false"')}; stage 0 (FROM alpine) ENV turns off TLS certificate verification (pip): PIP_TRUSTED_HOST="pypi.internal"`,
    ]);
  });

  test('passes verified downloads and look-alikes', () => {
    expect(findings(dockerfileNoTlsBypass, goodDockerfile())).toEqual([]);
    expect(
      findings(
        dockerfileNoTlsBypass,
        df(
          'FROM alpine',
          'RUN curl -fsSL -o /tmp/k https://x && sha256sum -c k.sha256',
          'RUN curl -fsSL https://x | kubectl apply -k ./overlay',
          'ENV NODE_TLS_REJECT_UNAUTHORIZED=1 REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca.pem GIT_SSL_NO_VERIFY=false',
          'RUN npm config set strict-ssl true && git config --global http.sslVerify true',
          'RUN apk add --no-cache curl && yum install -y --setopt=gpgcheck=1 x',
        ),
      ),
    ).toEqual([]);
  });
});
