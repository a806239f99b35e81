import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fakeContext } from './fake-context';
import { HipaaValidationPlugin, HipaaValidationPluginOptions, HipaaValidationPluginProps } from '../../lib/plugin';
import { REPORT_FILES } from '../../lib/report/formats';
import { TEST_NOW, TEST_SOON } from '../helpers/rule-test';
import { SAMPLE_YAML, samplePack } from '../report/sample';

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-plugin-'));
  fs.mkdirSync(path.join(tmp, 'dist'));
  fs.writeFileSync(path.join(tmp, 'dist', 'app.k8s.yaml'), SAMPLE_YAML);
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

const OPTIONS = (): HipaaValidationPluginOptions => ({ cwd: tmp, now: TEST_NOW, recordGitCommit: false, pack: samplePack });

async function validate(props: HipaaValidationPluginProps = {}, manifests = ['dist/app.k8s.yaml'], metadata = {}, options: Partial<HipaaValidationPluginOptions> = {}) {
  const { ctx, recorded } = fakeContext(manifests, metadata);
  await new HipaaValidationPlugin(props, { ...OPTIONS(), ...options }).validate(ctx);
  return recorded;
}

describe('HipaaValidationPlugin.validate', () => {
  test('one violation per rule with open findings, citations in the name, a location per finding with its line', async () => {
    const r = await validate();
    expect(r.violations).toEqual([
      {
        ruleName: 'test-no-privileged — Containers must not be privileged [164.312(a)(1), 164.312(c)(1)]',
        recommendation: 'A privileged container has every capability and all host devices.',
        fix: 'Remove securityContext.privileged.',
        violatingResources: [
          { resourceName: 'api', locations: ['spec.template.spec.containers[0].securityContext.privileged (line 7)'], manifestPath: 'dist/app.k8s.yaml' },
        ],
      },
      {
        ruleName: 'test-pull-always — Containers must use imagePullPolicy: Always [164.312(d)]',
        recommendation: 'Always re-checks registry credentials on every start.',
        fix: 'Set spec.template.spec.containers[0].imagePullPolicy: Always.',
        violatingResources: [
          { resourceName: 'api', locations: ['spec.template.spec.containers[0].imagePullPolicy (line 7)'], manifestPath: 'dist/app.k8s.yaml' },
          { resourceName: 'legacy', locations: ['spec.template.spec.containers[0].imagePullPolicy (line 42)'], manifestPath: 'dist/app.k8s.yaml' },
        ],
      },
      expect.objectContaining({ ruleName: expect.stringMatching(/^waiver-expired — /) }),
    ]);
    expect(r.submitted).toEqual({
      status: 'failure',
      metadata: {
        'Rule pack': 'sample (2 rules)',
        'Objects': '4',
        'Fail on': 'error',
        'Errors': '2',
        'Warnings': '2',
        'Waived': '1',
        'Baselined': '0',
        'Reports': 'none',
      },
    });
  });
});
