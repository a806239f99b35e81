import { df, findings, goodDockerfile } from './fixtures';
import { dockerfileNoKeyFiles } from '../../../../lib/rules/docker/dockerfile/dockerfile-no-key-files';

describe('docker-dockerfile-no-key-files', () => {
  test.each([
    ['.env', 'an environment file (.env) of credentials'],
    ['config/.env.production', 'an environment file (.env) of credentials'],
    ['tls/server.pem', 'a private key or certificate file'],
    ['server.key', 'a private key or certificate file'],
    ['id_rsa', 'an SSH private key'],
    ['keys/id_ed25519', 'an SSH private key'],
    ['client.p12', 'a key store'],
    ['cert.pfx', 'a key store'],
    ['.npmrc', 'a credentials file'],
    ['.pypirc', 'a credentials file'],
    ['.netrc', 'a credentials file'],
    ['credentials', 'a credentials file'],
    ['.aws/', 'AWS credentials (.aws/)'],
    ['home/.ssh/config', 'SSH keys (.ssh/)'],
    ['*.pem', 'a private key or certificate file'],
    ['.docker/config.json', 'registry credentials (.docker/config.json)'],
    ['secrets/', 'a secrets directory'],
  ])('flags COPY of %s', (source, what) => {
    expect(findings(dockerfileNoKeyFiles, df('FROM alpine', `COPY ${source} /app/`))).toEqual([`2 stages[0].instructions[0]: stage 0 (FROM alpine) COPY copies "${source}" into the image: ${what}`]);
  });

  test('ADD, exec form, several sources, COPY --from of a stage', () => {
    expect(findings(dockerfileNoKeyFiles, df('FROM alpine AS keys', 'ADD ["id_rsa", "/root/.ssh/"]', 'FROM alpine', 'COPY app.js .env ./', 'COPY --from=keys /root/.ssh/id_rsa /x'))).toEqual([
      '2 stages[0].instructions[0]: stage 0 (FROM alpine AS keys) ADD copies "id_rsa" into the image: an SSH private key',
      '4 stages[1].instructions[0]: stage 1 (FROM alpine) COPY copies ".env" into the image: an environment file (.env) of credentials',
      '5 stages[1].instructions[1]: stage 1 (FROM alpine) COPY copies "/root/.ssh/id_rsa" from keys into the image: an SSH private key',
    ]);
  });

  test('passes public keys, .env templates, ordinary files, heredocs and downloads', () => {
    expect(findings(dockerfileNoKeyFiles, goodDockerfile())).toEqual([]);
    expect(findings(dockerfileNoKeyFiles, df('FROM alpine', 'COPY id_rsa.pub .env.example src/keyboard.js .docker/entrypoint.sh /app/', 'COPY <<EOF /app/.env', 'LOG=info', 'EOF', 'ADD https://example.com/repo.key /etc/apt/keyrings/'))).toEqual([]);
  });
});
