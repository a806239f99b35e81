import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { check } from '../../lib/check/engine';
import { parseManifests } from '../../lib/check/manifests';
import type { RulePack } from '../../lib/check/rule';
import { CliIo, EXIT_FAILED, EXIT_USAGE, hipaaCheck } from '../../lib/cli/hipaa-check';
import { TEST_NOW } from '../helpers/rule-test';
import { samplePack } from '../report/sample';

/** No rules of its own: what the run reports comes from the BAA rules the register adds. */
const NO_RULES: RulePack = { name: 'none', description: 'No rules.', rules: [] };

const REGISTER = `apiVersion: hipaa-constructs.io/v1
kind: BaaRegister
vendors:
  - id: aws
    name: AWS
    provider: aws
    baa: {status: signed, signed: 2025-03-01, reviewBy: 2027-03-01, ref: "AWS Artifact, org o-abc"}
    services: [s3, kms, ecr, eks, logs, secretsmanager, backup]
    match: {registries: ["*.dkr.ecr.*.amazonaws.com"], accounts: ["123456789012"]}
  - id: labs
    name: Acme Labs
    baa: {status: signed, signed: 2024-01-01, expires: 2026-01-31, ref: "contract L-9"}
    match: {cidrs: [198.51.100.0/24]}
internal: {cidrs: [10.0.0.0/8]}
`;

const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/records-api@sha256:' + 'a'.repeat(64);

const MANIFESTS = `apiVersion: v1
kind: Namespace
metadata: {name: clinic, labels: {hipaa-constructs.io/phi: "true"}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: records-api, namespace: clinic}
spec:
  selector: {matchLabels: {app: records-api}}
  template:
    metadata: {labels: {app: records-api}}
    spec:
      containers:
        - {name: api, image: "${IMAGE}"}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: records-api-egress, namespace: clinic}
spec:
  podSelector: {matchLabels: {app: records-api}}
  policyTypes: [Egress]
  egress:
    - to: [{ipBlock: {cidr: 198.51.100.0/24}}]
    - to: [{ipBlock: {cidr: 203.0.113.0/24}}]
`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hipaa-check-baa-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

function run(args: string[], pack: RulePack = NO_RULES, io: Partial<CliIo> = {}): Run {
  let stdout = '';
  let stderr = '';
  const code = hipaaCheck(
    args,
    { cwd: tmp, now: TEST_NOW, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), ...io },
    { pack, toolVersion: '9.9.9', recordGitCommit: false },
  );
  return { code, stdout, stderr };
}

function write(name: string, text: string): void {
  fs.writeFileSync(path.join(tmp, name), text);
}

describe('hipaa-check --baa-register', () => {
  test('a broken register: every problem on standard error, one line each, exit 2, no report', () => {
    write('app.yaml', MANIFESTS);
    write('hipaa-baa.yaml', `apiVersion: hipaa-constructs.io/v1
kind: BaaRegister
vendors:
  - id: aws
    baa: {status: signed}
    match: {registries: ["ghcr.io/*"]}
  - id: aws
    baa: {status: none}
    match: {hosts: [api.example.com]}
`);
    expect(run(['app.yaml', '--baa-register', 'hipaa-baa.yaml'])).toEqual({
      code: EXIT_USAGE,
      stdout: '',
      stderr:
        'hipaa-check: hipaa-baa.yaml:5: vendors[0].baa.signed: is missing for a signed BAA; give the day it was signed (YYYY-MM-DD)\n' +
        'hipaa-check: hipaa-baa.yaml:6: vendors[0].match.registries: "ghcr.io/*" is not a registry pattern: \'*\' stands for one DNS label of the host; ' +
        'it cannot be used in the path; write a registry host, optionally with a path prefix (ghcr.io/acme); * stands for one DNS label\n' +
        'hipaa-check: hipaa-baa.yaml:7: vendors[1].id: "aws" is already the id of vendors[0] (line 4); give every vendor its own id, or merge the two entries\n',
    });
  });

  test('a missing register file: exit 2 naming it', () => {
    write('app.yaml', MANIFESTS);
    expect(run(['app.yaml', '--baa-register', 'nope.yaml'])).toEqual({
      code: EXIT_USAGE,
      stdout: '',
      stderr: 'hipaa-check: nope.yaml: cannot read the BAA register (no such file); give the path of a hipaa-baa.yaml file\n',
    });
  });

  test('a valid register adds the BAA rules: waivers may name them', () => {
    write('app.yaml', MANIFESTS);
    write('hipaa-baa.yaml', REGISTER);
    write('waivers.yaml', '- ruleId: baa-phi-egress\n  reason: The lab link is being moved behind the VPN this quarter.\n  expires: 2026-09-30\n');
    const withRegister = run(['app.yaml', '--baa-register', 'hipaa-baa.yaml', '--waivers', 'waivers.yaml']);
    expect(withRegister.stderr).toBe('');
    const without = run(['app.yaml', '--waivers', 'waivers.yaml']);
    expect(without.code).toBe(EXIT_USAGE);
    expect(without.stderr).toContain('baa-phi-egress');
  });

  test('the engine runs a pack without BAA rules on a register without complaint', () => {
    const resources = parseManifests(MANIFESTS, 'app.yaml');
    const result = check(resources, samplePack, { now: TEST_NOW, baaRegister: { vendors: [], internal: { cidrs: [], hosts: [] } } });
    expect(result.findings.every((f) => !f.ruleId.startsWith('baa-'))).toBe(true);
  });

  // End to end through the data-flow graph builder (lib/flows).
  test('one covered vendor, one expired, one unregistered destination: exact findings, exit 1', () => {
    write('app.yaml', MANIFESTS);
    write('hipaa-baa.yaml', REGISTER);
    const r = run(['app.yaml', '--baa-register', 'hipaa-baa.yaml', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(EXIT_FAILED);
    const findings = JSON.parse(r.stdout).findings.map((f: any) => `${f.ruleId} ${f.object.kind}/${f.object.name} ${f.path}: ${f.message}`);
    expect(findings).toEqual([
      'baa-expired NetworkPolicy/records-api-egress spec.egress[0].to[0].ipBlock.cidr: ' +
        'lets workload clinic/records-api send PHI to IP block 198.51.100.0/24 of vendor Acme Labs (labs), whose BAA is no longer in force ' +
        '(Acme Labs: BAA signed 2024-01-01 (contract L-9) expired 2026-01-31)',
      'baa-phi-egress NetworkPolicy/records-api-egress spec.egress[1].to[0].ipBlock.cidr: ' +
        'lets workload clinic/records-api send PHI to IP block 203.0.113.0/24, which no vendor of the BAA register matches',
    ]);
    // The ECR registry of the listed account is covered: no finding on the Deployment.
    expect(findings.filter((f: string) => f.includes('Deployment/'))).toEqual([]);
  });
});
