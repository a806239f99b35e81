import { df, findings, goodDockerfile } from './fixtures';
import { dockerfileNoSudo } from '../../../../lib/rules/docker/dockerfile/dockerfile-no-sudo';

describe('docker-dockerfile-no-sudo', () => {
  test('flags installing and invoking sudo, in shell form, exec form and heredocs', () => {
    expect(findings(dockerfileNoSudo, df('FROM debian', 'RUN apt-get update && apt-get install -y curl sudo', 'RUN sudo chown app /data', 'RUN ["sudo", "make", "install"]', 'RUN <<EOF', 'set -e', 'sudo -u app ./migrate', 'EOF', 'RUN apk add --no-cache sudo'))).toEqual([
      '2 stages[0].instructions[0]: stage 0 (FROM debian) RUN installs sudo (apt-get install -y curl sudo)',
      '3 stages[0].instructions[1]: stage 0 (FROM debian) RUN invokes sudo (sudo chown app /data)',
      '4 stages[0].instructions[2]: stage 0 (FROM debian) RUN invokes sudo (sudo make install)',
      '5 stages[0].instructions[3]: stage 0 (FROM debian) RUN invokes sudo (sudo -u app ./migrate)',
      '9 stages[0].instructions[4]: stage 0 (FROM debian) RUN installs sudo (apk add --no-cache sudo)',
    ]);
  });

  test('passes sudo-free images and look-alikes', () => {
    expect(findings(dockerfileNoSudo, goodDockerfile())).toEqual([]);
    expect(findings(dockerfileNoSudo, df('FROM debian', 'RUN rm -f /etc/sudoers.d/app && echo pseudo > /x && ./sudo-check.sh'))).toEqual([]);
  });
});
