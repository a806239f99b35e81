import { df, findings, goodDockerfile } from './fixtures';
import { dockerfileNoSshPort } from '../../../../lib/rules/docker/dockerfile/dockerfile-no-ssh-port';

describe('docker-dockerfile-no-ssh-port', () => {
  test('flags 22 in every spelling', () => {
    expect(findings(dockerfileNoSshPort, df('FROM alpine', 'EXPOSE 22', 'expose 8080 22/tcp', 'EXPOSE 20-25/TCP', 'EXPOSE 1-1024'))).toEqual([
      '2 stages[0].instructions[0]: stage 0 (FROM alpine) EXPOSE "22" exposes port 22 (SSH)',
      '3 stages[0].instructions[1]: stage 0 (FROM alpine) EXPOSE "22/tcp" exposes port 22 (SSH)',
      '4 stages[0].instructions[2]: stage 0 (FROM alpine) EXPOSE "20-25/TCP" exposes port 22 (SSH)',
      '5 stages[0].instructions[3]: stage 0 (FROM alpine) EXPOSE "1-1024" exposes port 22 (SSH)',
    ]);
  });

  test('flags a variable that resolves to 22 (ARG, ENV, default)', () => {
    expect(findings(dockerfileNoSshPort, df('ARG SSH_PORT=22', 'FROM alpine', 'ARG SSH_PORT', 'EXPOSE ${SSH_PORT}', 'ENV P=22', 'EXPOSE $P/tcp ${OTHER:-22}'))).toEqual([
      '4 stages[0].instructions[1]: stage 0 (FROM alpine) EXPOSE "${SSH_PORT}", which is "22" exposes port 22 (SSH)',
      '6 stages[0].instructions[3]: stage 0 (FROM alpine) EXPOSE "$P/tcp", which is "22/tcp" exposes port 22 (SSH); stage 0 (FROM alpine) EXPOSE "${OTHER:-22}", which is "22" exposes port 22 (SSH)',
    ]);
  });

  test('passes other ports, udp 22, ranges without 22 and unresolved variables', () => {
    expect(findings(dockerfileNoSshPort, goodDockerfile())).toEqual([]);
    expect(findings(dockerfileNoSshPort, df('FROM alpine', 'EXPOSE 2222 220 8000-8100 22/udp ${PORT}'))).toEqual([]);
  });
});
