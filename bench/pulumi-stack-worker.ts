/**
 * Runs the whole HIPAA stack (pulumi-stack.ts) under `pulumi.runtime.setMocks` in a fresh
 * process (the mocks of the component tests), then the CrossGuard policy pack over what it
 * registered, as a stack analysis would: the objects of each yaml/v2 ConfigGroup become its
 * children (`kubernetes:<group>/<version>:<Kind>`), as the Kubernetes provider registers them.
 * Prints JSON: resources registered, by type, the program's and the policies' time, and the
 * mandatory violations the policy pack reported.
 */
import { buildStack } from './pulumi-stack';
import * as hp from '../lib/pulumi';
import type { PolicyStackResource } from '../lib/pulumi';
import { Registered, runProgram } from '../test/helpers/pulumi';

interface StackRun {
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
  await runProgram(() => buildStack(hp));
  const firstProgramMs = Number(process.hrtime.bigint() - start) / 1e6;
  start = process.hrtime.bigint();
  const registered = await runProgram(() => buildStack(hp));
  const programMs = Number(process.hrtime.bigint() - start) / 1e6;

  const byType: Record<string, number> = {};
  for (const r of registered) byType[r.type] = (byType[r.type] ?? 0) + 1;

  const resources = registered.flatMap(asDeployed);
  for (const r of resources) if (r.type.startsWith('kubernetes:') && r.type !== 'kubernetes:yaml/v2:ConfigGroup') byType[r.type] = (byType[r.type] ?? 0) + 1;
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
  const run: StackRun = { resources: registered.length, byType, firstProgramMs, programMs, policiesMs, policies: policies.length, mandatory };
  process.stdout.write(JSON.stringify(run));
}

const NOT_APPLICABLE = new Error('not applicable');

/** A registered resource as CrossGuard sees it after deployment: a ConfigGroup with the objects it applies. */
function asDeployed(r: Registered): PolicyStackResource[] {
  const self = { type: r.type, name: r.name, urn: r.urn ?? r.name, props: r.inputs };
  if (r.type !== 'kubernetes:yaml/v2:ConfigGroup') return [self];
  const objects: any[] = Array.isArray(r.inputs.objs) ? r.inputs.objs : [];
  return [self, ...objects.map((m) => {
    const type = `kubernetes:${String(m.apiVersion).includes('/') ? m.apiVersion : `core/${m.apiVersion}`}:${m.kind}`;
    const name = `${m.metadata?.namespace ? `${m.metadata.namespace}/` : ''}${m.metadata?.name}`;
    return { type, name, urn: `${self.urn}$${type}::${name}`, props: m };
  })];
}

void main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e));
  process.exit(1);
});
