// A Pulumi program (run under mocks in a child process by hipaa-chart.test.ts) whose chart the
// rule pack refuses: the program must fail with the message `cdk8s synth` gives.
import * as pulumi from '@pulumi/pulumi';
import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { HipaaChart } from '../../../lib/pulumi/hipaa-chart';

void pulumi.runtime.setMocks({
  newResource: (a) => {
    process.stdout.write(`registered ${a.type}\n`);
    return { id: `${a.name}-id`, state: a.inputs };
  },
  call: (a) => a.inputs,
}, 'hipaa', 'test', false);
new HipaaChart('legacy', { build: (app) => new kplus.Deployment(new Chart(app, 'legacy'), 'legacy', { containers: [{ image: 'nginx:latest' }] }) });
