/**
 * The Pulumi side: load time of `hipaa-constructs/pulumi` (dist/pulumi) against requiring exactly
 * the packages and submodules it requires itself (@pulumi/pulumi, the @pulumi/aws submodules,
 * @pulumi/kubernetes provider and yaml/v2, ...), computed from what the entry requires, not
 * listed by hand; target <= 1.1x (issue 11). Then the whole stack (pulumi-stack.ts) under mocks:
 * resources registered, the program's time, and the CrossGuard policy pack over it.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import type { StackRun } from './pulumi-stack-worker';

const ROOT = path.join(__dirname, '..');
const ENTRY = path.join(ROOT, 'dist', 'pulumi');
const ENV = { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'test', 'tsconfig.json') };

function node(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: ENV });
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * The modules files of the compiled package require by a bare name (not `./...`) while the entry
 * loads, in a fresh process: the entry's own dependencies, at the depth it names them.
 */
export function externalRequestsOf(entry: string): string[] {
  const script = `
    const Module = require('module');
    const path = require('path');
    const dist = ${JSON.stringify(path.join(ROOT, 'dist') + path.sep)};
    const seen = new Set();
    const load = Module._load;
    Module._load = function (request, parent) {
      if (parent && parent.filename && parent.filename.startsWith(dist) && !request.startsWith('.') && !path.isAbsolute(request)
        && !Module.isBuiltin(request)) seen.add(request);
      return load.apply(this, arguments);
    };
    require(${JSON.stringify(entry)});
    process.stdout.write(JSON.stringify([...seen].sort()));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }));
}


export function pulumiBench(log: (s: string) => void, targets: boolean[], loadRuns = 11, stackRuns = 5): void {
  const deps = externalRequestsOf(ENTRY);
  log(`== hipaa-constructs/pulumi load time (fresh processes, alternating, median of ${loadRuns} each) ==`);
  log(`  the entry requires: ${deps.join(', ')}`);
  const loadOnce = (target: string) => Number(node(['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'load-worker.ts'), target]));
  const samples: Record<string, number[]> = { ours: [], deps: [] };
  for (let i = 0; i < loadRuns; i++) {
    samples.ours.push(loadOnce(ENTRY));
    samples.deps.push(loadOnce(deps.join(',')));
  }
  const ours = median(samples.ours);
  const bare = median(samples.deps);
  const ratio = ours / bare;
  targets.push(ratio <= 1.1);
  log(`hipaa-constructs/pulumi ${ours.toFixed(0)} ms, its dependencies alone ${bare.toFixed(0)} ms: ${ratio.toFixed(2)}x (target <= 1.1x) ${ratio <= 1.1 ? 'OK' : 'MISSED'}`);

  log(`== the whole stack under mocks, then the CrossGuard policy pack over it (fresh processes, median of ${stackRuns}) ==`);
  const runs: StackRun[] = [];
  for (let i = 0; i < stackRuns; i++) runs.push(JSON.parse(node(['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'pulumi-stack-worker.ts')])));
  const run = runs[0];
  const types = Object.entries(run.byType).sort(([a], [b]) => (a < b ? -1 : 1)).map(([t, n]) => `${t} ${n}`).join(', ');
  log(`${run.resources} resources registered, with the objects the ConfigGroups apply: ${types}`);
  log(`program under mocks: median ${median(runs.map((r) => r.programMs)).toFixed(0)} ms ` +
    `(first run in the process, loading cdk8s and the constructs: ${median(runs.map((r) => r.firstProgramMs)).toFixed(0)} ms); ` +
    `${run.policies} policies over the stack: median ${median(runs.map((r) => r.policiesMs)).toFixed(0)} ms (one rule-engine run)`);
  const passed = run.mandatory.length === 0;
  targets.push(passed);
  log(passed ? 'policy pack: no mandatory violation on the stack OK' : `policy pack: ${run.mandatory.length} mandatory violations MISSED:\n  ${run.mandatory.join('\n  ')}`);
}
