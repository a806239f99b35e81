/**
 * Helpers of the daemon.json rule tests: fixtures are daemon.json text, read through the real reader
 * (lib/check/docker/daemon-json.ts) and checked at the fixed test time.
 */
import { TEST_NOW } from './rule-test';
import { readDaemonConfig } from '../../lib/check/docker/daemon-json';
import { check, CheckOptions, CheckResult } from '../../lib/check/engine';
import type { Resource } from '../../lib/check/resource';
import type { Rule } from '../../lib/check/rule';

/** The file name fixtures are read as. */
export const DAEMON_FILE = 'etc/docker/daemon.json';

/** A daemon.json that passes every daemon rule. */
export const COMPLIANT_DAEMON: Record<string, unknown> = {
  'authorization-plugins': ['opa-docker-authz'],
  'default-ulimits': {
    nofile: { Name: 'nofile', Hard: 65536, Soft: 65536 },
    nproc: { Name: 'nproc', Hard: 8192, Soft: 8192 },
  },
  'icc': false,
  'live-restore': true,
  'log-driver': 'awslogs',
  'log-opts': { 'awslogs-group': '/hipaa/docker', 'awslogs-region': 'us-east-1' },
  'no-new-privileges': true,
  'userland-proxy': false,
  'userns-remap': 'default',
};

/** The compliant daemon.json as pretty JSON text with some keys replaced (a value of undefined removes the key). */
export function daemonText(overrides: Record<string, unknown> = {}): string {
  const body: Record<string, unknown> = { ...COMPLIANT_DAEMON };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete body[k];
    else body[k] = v;
  }
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** Reads daemon.json text through the reader, failing the test on a read problem. */
export function readDaemon(text: string, file = DAEMON_FILE): Resource[] {
  const problems: Error[] = [];
  const resources = readDaemonConfig(text, file, problems as any);
  expect(problems.map((p) => p.message)).toEqual([]);
  return resources;
}

/** Runs one rule over daemon.json text and returns the result. */
export function runDaemonRule(rule: Rule, text: string, options: CheckOptions & { file?: string } = {}): CheckResult {
  return check(readDaemon(text, options.file), { name: 'test', description: 'test', rules: [rule] }, { now: TEST_NOW, ...options });
}

/** Runs one rule over daemon.json text and returns `line path: message` of each unwaived finding. */
export function daemonViolations(rule: Rule, text: string, file?: string): string[] {
  return runDaemonRule(rule, text, { file }).unwaived.map((f) => `${f.source?.line} ${f.path}: ${f.message}`);
}
