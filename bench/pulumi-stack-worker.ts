/**
 * Runs the whole HIPAA stack (pulumi-stack.ts) under `pulumi.runtime.setMocks` in a fresh
 * process (the mocks of the component tests), then the CrossGuard policy pack over what it
 * registered, as a stack analysis would: the objects of each yaml/v2 ConfigGroup become its
 * children (`kubernetes:<group>/<version>:<Kind>`), as the Kubernetes provider registers them.
 * Prints JSON: resources registered, by type, the program's and the policies' time, and the
 * mandatory violations the policy pack reported.
 */
import { buildStack } from './pulumi-stack';
import { runProgram } from '../test/helpers/pulumi';
import { analyzeStack, asDeployed } from '../test/helpers/stack-analysis';

/** What one run of the worker prints (JSON). */
export interface StackRun {
  resources: number;
  byType: Record<string, number>;
  firstProgramMs: number;
  programMs: number;
  policiesMs: number;
  policies: number;
  mandatory: string[];
}

async function main(): Promise<void> {
  // The first run loads cdk8s and the constructs (compiled on the fly here); the second is the program's own cost.
  let start = process.hrtime.bigint();
  await runProgram(() => buildStack());
  const firstProgramMs = Number(process.hrtime.bigint() - start) / 1e6;
  start = process.hrtime.bigint();
  const registered = await runProgram(() => buildStack());
  const programMs = Number(process.hrtime.bigint() - start) / 1e6;

  const byType: Record<string, number> = {};
  for (const r of registered) byType[r.type] = (byType[r.type] ?? 0) + 1;
  for (const r of registered.flatMap(asDeployed)) {
    if (r.type.startsWith('kubernetes:') && r.type !== 'kubernetes:yaml/v2:ConfigGroup') byType[r.type] = (byType[r.type] ?? 0) + 1;
  }
  const policyStart = process.hrtime.bigint();
  const { policies, mandatory } = analyzeStack(registered);
  const policiesMs = Number(process.hrtime.bigint() - policyStart) / 1e6;
  const run: StackRun = { resources: registered.length, byType, firstProgramMs, programMs, policiesMs, policies, mandatory };
  process.stdout.write(JSON.stringify(run));
}

void main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e));
  process.exit(1);
});
