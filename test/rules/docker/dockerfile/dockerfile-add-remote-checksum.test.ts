import { df, findings, goodDockerfile } from './fixtures';
import { dockerfileAddRemoteChecksum } from '../../../../lib/rules/docker/dockerfile/dockerfile-add-remote-checksum';

const SHA = 'a'.repeat(64);
const COMMIT = 'b'.repeat(40);

describe('docker-dockerfile-add-remote-checksum', () => {
  test('flags ADD of a URL without a sha256 checksum, archives included', () => {
    expect(findings(dockerfileAddRemoteChecksum, df('FROM alpine', 'ADD https://example.com/tool.tar.gz /opt/', 'add http://example.com/x /x', 'ADD --checksum=md5:abc https://example.com/y /y', 'ADD ["https://example.com/z", "/z"]'))).toEqual([
      '2 stages[0].instructions[0]: stage 0 (FROM alpine) ADD downloads "https://example.com/tool.tar.gz" without --checksum',
      '3 stages[0].instructions[1]: stage 0 (FROM alpine) ADD downloads "http://example.com/x" without --checksum',
      '4 stages[0].instructions[2]: stage 0 (FROM alpine) ADD downloads "https://example.com/y" with --checksum=md5:abc, which is not sha256:<64 lower-case hex>',
      '5 stages[0].instructions[3]: stage 0 (FROM alpine) ADD downloads "https://example.com/z" without --checksum',
    ]);
  });

  test('flags Git sources not pinned to a commit', () => {
    expect(findings(dockerfileAddRemoteChecksum, df('FROM alpine', 'ADD https://github.com/acme/x.git /src', 'ADD git@github.com:acme/x.git#v1.2.3 /src', 'ADD --keep-git-dir https://github.com/acme/x.git#main:sub /src'))).toEqual([
      '2 stages[0].instructions[0]: stage 0 (FROM alpine) ADD fetches Git repository "https://github.com/acme/x.git" at its default branch, not a pinned commit',
      '3 stages[0].instructions[1]: stage 0 (FROM alpine) ADD fetches Git repository "git@github.com:acme/x.git#v1.2.3" at "v1.2.3", a branch or tag, not a pinned commit',
      '4 stages[0].instructions[2]: stage 0 (FROM alpine) ADD fetches Git repository "https://github.com/acme/x.git#main:sub" at "main", a branch or tag, not a pinned commit',
    ]);
  });

  test('passes checksummed downloads, commit-pinned Git, local ADD and COPY', () => {
    expect(findings(dockerfileAddRemoteChecksum, goodDockerfile())).toEqual([]);
    expect(
      findings(
        dockerfileAddRemoteChecksum,
        df('FROM alpine', `ADD --checksum=sha256:${SHA} https://example.com/tool.tar.gz /opt/`, `ADD https://github.com/acme/x.git#${COMMIT} /src`, `ADD --checksum=${COMMIT} git@github.com:acme/x.git /src`, 'ADD app.tar.gz /app/', 'COPY https-notes.txt /x'),
      ),
    ).toEqual([]);
  });
});
