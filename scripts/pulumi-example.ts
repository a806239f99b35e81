/**
 * `npm run example`, Pulumi part: runs examples/pulumi-eks under `pulumi.runtime.setMocks` (no
 * Pulumi CLI or AWS account is needed), then the AWS pack and the CrossGuard policies over what it
 * registered, as `pulumi preview --policy-pack examples/pulumi-policy-pack` would after an update.
 * Prints a summary; exits 1 on an unwaived AWS finding or a mandatory policy violation.
 */
import { buildStack } from '../bench/pulumi-stack';
import { awsPack } from '../lib/rules/aws';
import { checkRegistered, runProgram } from '../test/helpers/pulumi';
import { analyzeStack, asDeployed } from '../test/helpers/stack-analysis';

async function main(): Promise<void> {
  const registered = await runProgram(() => buildStack());
  const deployed = registered.flatMap(asDeployed);
  const objects = deployed.filter((r) => r.type.startsWith('kubernetes:') && r.type !== 'kubernetes:yaml/v2:ConfigGroup' && !r.type.startsWith('pulumi:')).length;
  const aws = checkRegistered(registered, undefined, { now: new Date() });
  const policies = analyzeStack(registered);
  const lines = [
    `examples/pulumi-eks under mocks: ${registered.length} resources registered (${registered.filter((r) => r.type.startsWith('aws:')).length} AWS), ${objects} Kubernetes objects in its charts`,
    `AWS pack (${awsPack.rules.length} rules): ${aws.unwaived.length} unwaived, ${aws.waived.length} waived` +
      (aws.waived.length ? ` (${aws.waived.map((f) => `${f.ruleId} on ${f.resource.name} until ${f.waiver?.expires}`).join('; ')})` : ''),
    `CrossGuard (${policies.policies} policies): ${policies.mandatory.length} mandatory violations, ${policies.advisory.length} advisory messages`,
    ...aws.unwaived.map((f) => `  ${f.ruleId} ${f.resource.kind} ${f.resource.name} ${f.path}: ${f.message}`),
    ...policies.mandatory.map((m) => `  ${m}`),
  ];
  console.log(lines.join('\n'));
  const passed = aws.passed && policies.mandatory.length === 0;
  console.log(passed ? 'PASSED' : 'FAILED');
  if (!passed) process.exit(1);
}

void main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
