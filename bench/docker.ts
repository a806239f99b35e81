/**
 * hipaa-check end to end on Docker inputs (issue 12): a repository of multi-stage Dockerfiles, one of
 * many Compose projects, and one Compose file with many services at two sizes (cost must grow
 * linearly: DESIGN principle 9). Each run in a fresh process, `check` and `bare` alternating, medians.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeDockerRepo } from './docker-inputs';

interface DockerRun { ms: number; cpuMs: number; objects: number; findings: number; peakRssMb: number }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

function measure(dir: string, runs: number): { check: DockerRun; bare: DockerRun } {
  const here = __dirname;
  const once = (mode: string): DockerRun => JSON.parse(execFileSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', path.join(here, 'docker-worker.ts'), mode, dir],
    { cwd: path.join(here, '..'), encoding: 'utf8', env: { ...process.env, TS_NODE_PROJECT: path.join(here, '..', 'test', 'tsconfig.json') } },
  ));
  const samples: Record<string, DockerRun[]> = { bare: [], check: [] };
  for (let i = 0; i < runs; i++) for (const mode of ['bare', 'check']) samples[mode].push(once(mode));
  const summary = (rs: DockerRun[]): DockerRun => ({
    ...rs[0],
    ms: median(rs.map((r) => r.ms)),
    cpuMs: median(rs.map((r) => r.cpuMs)),
    peakRssMb: Math.max(...rs.map((r) => r.peakRssMb)),
  });
  return { check: summary(samples.check), bare: summary(samples.bare) };
}

/** Runs the Docker shapes; pushes one target (linear growth of the big Compose file). */
export function dockerBench(log: (s: string) => void, targets: boolean[], runs = 3): void {
  log(`== hipaa-check end to end on Docker inputs (fresh processes, alternating with a bare parse, median of ${runs} each) ==`);
  const shapes: Array<{ label: string; dockerfiles: number; projects: number; services: number; unit: string }> = [
    { label: '2,000 multi-stage Dockerfiles (40 lines, 3 stages)', dockerfiles: 2000, projects: 0, services: 0, unit: 'Dockerfiles' },
    { label: '200 Compose projects of 12 services', dockerfiles: 0, projects: 200, services: 12, unit: 'objects' },
    { label: 'one Compose file of 1,000 services', dockerfiles: 0, projects: 1, services: 1000, unit: 'objects' },
    { label: 'one Compose file of 4,000 services', dockerfiles: 0, projects: 1, services: 4000, unit: 'objects' },
  ];
  const perObject: number[] = [];
  for (const shape of shapes) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-bench-docker-'));
    try {
      writeDockerRepo(dir, shape.dockerfiles, shape.projects, shape.services);
      const { check, bare } = measure(dir, runs);
      const rate = check.objects / (check.ms / 1000);
      if (shape.projects === 1) perObject.push(check.ms / check.objects);
      log(`${shape.label}: hipaa-check --format json ${fmt(check.ms)} ms = ${fmt(rate)} ${shape.unit === 'Dockerfiles' ? 'Dockerfiles' : 'objects (services, networks, projects)'}/s, ` +
        `${check.findings} findings, peak RSS ${fmt(check.peakRssMb)} MB; bare parse ${fmt(bare.ms)} ms (${(check.ms / bare.ms).toFixed(2)}x)`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const growth = perObject[1] / perObject[0];
  targets.push(growth <= 1.3);
  log(`per-object time, one Compose file of 4,000 / 1,000 services: ${growth.toFixed(2)}x (target <= 1.3x: linear) ${growth <= 1.3 ? 'OK' : 'MISSED'}`);
}
