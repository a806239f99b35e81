import { df, findings, goodDockerfile } from './fixtures';
import { dockerfileHealthcheck } from '../../../../lib/rules/docker/dockerfile/dockerfile-healthcheck';

describe('docker-dockerfile-healthcheck', () => {
  test('flags a final stage without HEALTHCHECK, also when only another stage has one', () => {
    expect(findings(dockerfileHealthcheck, df('FROM alpine', 'USER 1'))).toEqual(['1 stages[0]: stage 0 (FROM alpine) has no HEALTHCHECK']);
    expect(findings(dockerfileHealthcheck, df('FROM alpine AS build', 'HEALTHCHECK CMD true', 'FROM alpine', 'COPY --from=build /x /x'))).toEqual(['3 stages[1]: stage 1 (FROM alpine) has no HEALTHCHECK']);
    expect(findings(dockerfileHealthcheck, df('FROM alpine AS a', 'FROM a'))).toEqual(['2 stages[1]: stage 1 (FROM a) has no HEALTHCHECK in it or the stages it builds on']);
  });

  test('flags HEALTHCHECK NONE, in the final stage or inherited', () => {
    expect(findings(dockerfileHealthcheck, df('FROM alpine', 'HEALTHCHECK CMD true', 'healthcheck none'))).toEqual(['3 stages[0].instructions[1]: stage 0 (FROM alpine) turns its health check off (HEALTHCHECK NONE)']);
    expect(findings(dockerfileHealthcheck, df('FROM alpine AS base', 'HEALTHCHECK NONE', 'FROM base AS app'))).toEqual([
      '2 stages[0].instructions[0]: stage 1 (FROM base AS app) turns its health check off (HEALTHCHECK NONE in stage 0 (FROM alpine AS base))',
    ]);
  });

  test('passes a health check in the final stage or inherited through FROM <stage>, a later one overriding NONE', () => {
    expect(findings(dockerfileHealthcheck, goodDockerfile())).toEqual([]);
    expect(findings(dockerfileHealthcheck, df('FROM alpine AS base', 'HEALTHCHECK --interval=5s CMD ["/bin/check"]', 'FROM base'))).toEqual([]);
    expect(findings(dockerfileHealthcheck, df('FROM alpine AS base', 'HEALTHCHECK NONE', 'FROM base', 'HEALTHCHECK CMD /bin/check'))).toEqual([]);
  });
});
