/**
 * Runs the whole HIPAA stack (pulumi-stack.ts) under `pulumi.runtime.setMocks` in a fresh
 * process, then the CrossGuard policy pack over what it registered, as a stack analysis would.
 * Prints JSON: resources registered, by type, the program's and the policies' time, and the
 * mandatory violations the policy pack reported.
 */
import * as path from 'path';
import { buildStack } from './pulumi-stack';
import { runProgram } from '../test/helpers/pulumi';

interface StackRun {
  resources: number;
  byType: Record<string, number>;
  programMs: number;
  policiesMs: number;
  policies: number;
  mandatory: string[];
}

async function main(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled entry, as users load it
  const hp = require(path.join(__dirname, '..', 'dist', 'pulumi')) as typeof import('../lib/pulumi');
  const start = process.hrtime.bigint();
  const registered = await runProgram(() => buildStack(hp));
  const programMs = Number(process.hrtime.bigint() - start) / 1e6;

  const byType: Record<string, number> = {};
  for (const r of registered) byType[r.type] = (byType[r.type] ?? 0) + 1;

  const resources = registered.map((r) => ({ type: r.type, name: r.name, urn: r.urn ?? r.name, props: r.inputs }));
  const policyStart = process.hrtime.bigint();
  const policies = hp.hipaaPolicies();
  const mandatory: string[] = [];
  for (const p of policies) {
    const args = {
      resources: resources.map((r) => ({ ...r })),
      getConfig: <T extends object>() => ({}) as T,
      notApplicable: (): never => {
        throw NOT_APPLICABLE;
      },
    };
    try {
      p.validateStack(args, (message) => {
        if (p.enforcementLevel === 'mandatory') mandatory.push(`${p.name}: ${message}`);
      });
    } catch (e) {
      if (e !== NOT_APPLICABLE) throw e;
    }
  }
  const policiesMs = Number(process.hrtime.bigint() - policyStart) / 1e6;
  const run: StackRun = { resources: registered.length, byType, programMs, policiesMs, policies: policies.length, mandatory };
  process.stdout.write(JSON.stringify(run));
}

const NOT_APPLICABLE = new Error('not applicable');

void main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e));
  process.exit(1);
});
