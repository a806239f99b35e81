import { createHash } from 'crypto';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { BaaRegisterError, parseBaaRegister, readBaaRegister } from '../../lib/baa/read-baa-register';

/** The problems a register's text has, as the CLI prints them. */
function problems(text: string): readonly string[] {
  try {
    parseBaaRegister(text, 'hipaa-baa.yaml');
  } catch (e) {
    if (e instanceof BaaRegisterError) return e.problems;
    throw e;
  }
  throw new Error('the register was accepted');
}

const GOOD = `apiVersion: hipaa-constructs.io/v1
kind: BaaRegister
vendors:
  - id: aws
    name: Amazon Web Services
    provider: aws
    baa: {status: signed, signed: 2025-03-01, reviewBy: 2027-03-01, ref: "AWS Artifact, org o-abc"}
    services: [s3, kms, ecr, eks, logs, secretsmanager, backup, sagemaker-geospatial]
    match: {hosts: ["*.amazonaws.com"], registries: ["*.dkr.ecr.*.amazonaws.com"], accounts: ["123456789012"]}
  - id: dockerhub
    baa: {status: none}
    match: {registries: [docker.io]}
internal: {cidrs: [10.0.0.0/8], hosts: ["*.internal.example.com"]}
`;

describe('parseBaaRegister', () => {
  test('reads a register: vendors in file order with their lines, internal network; a service off the eligible list still loads', () => {
    const register = parseBaaRegister(GOOD, 'hipaa-baa.yaml');
    expect(register).toEqual({
      file: 'hipaa-baa.yaml',
      vendors: [
        {
          id: 'aws',
          name: 'Amazon Web Services',
          provider: 'aws',
          baa: { status: 'signed', signed: '2025-03-01', reviewBy: '2027-03-01', ref: 'AWS Artifact, org o-abc' },
          services: ['s3', 'kms', 'ecr', 'eks', 'logs', 'secretsmanager', 'backup', 'sagemaker-geospatial'],
          match: { hosts: ['*.amazonaws.com'], registries: ['*.dkr.ecr.*.amazonaws.com'], accounts: ['123456789012'] },
          line: 4,
        },
        { id: 'dockerhub', baa: { status: 'none' }, match: { registries: ['docker.io'] }, line: 10 },
      ],
      internal: { cidrs: ['10.0.0.0/8'], hosts: ['*.internal.example.com'] },
    });
  });

  test('reads JSON too, and a register without internal has an empty internal network', () => {
    const register = parseBaaRegister(JSON.stringify({ apiVersion: 'hipaa-constructs.io/v1', kind: 'BaaRegister', vendors: [] }), 'hipaa-baa.json');
    expect(register).toEqual({ file: 'hipaa-baa.json', vendors: [], internal: { cidrs: [], hosts: [] } });
  });

  test('a provider vendor needs no match: destinations of its provider match it', () => {
    const register = parseBaaRegister('apiVersion: hipaa-constructs.io/v1\nkind: BaaRegister\nvendors:\n  - {id: aws, provider: aws, baa: {status: none}}\n', 'r.yaml');
    expect(register.vendors[0].match).toEqual({});
  });

  test('a singular key for a plural one names the plural', () => {
    const text = 'apiVersion: hipaa-constructs.io/v1\nkind: BaaRegister\nvendors:\n  - id: dockerhub\n    baa: {status: none}\n    match: {registry: [docker.io], host: [hub.docker.com]}\n';
    expect(problems(text)).toEqual([
      "hipaa-baa.yaml:6: vendors[0].match.registry: is not a field of vendors[0].match (did you mean 'registries'?); use only cidrs, hosts, registries, buckets, logDestinations, secretStores, accounts",
      "hipaa-baa.yaml:6: vendors[0].match.host: is not a field of vendors[0].match (did you mean 'hosts'?); use only cidrs, hosts, registries, buckets, logDestinations, secretStores, accounts",
      'hipaa-baa.yaml:6: vendors[0].match: names nothing to match; give at least one of cidrs, hosts, registries, buckets, logDestinations, secretStores, accounts',
    ]);
  });

  test('reports every problem at once, each with file, line, field, what is wrong and how to fix it', () => {
    const text = `apiVersion: hipaa-constructs.io/v2
kind: BaaRegistry
vendor: []
vendors:
  - id: aws
    name: Amazon Web Services
    provider: AWS
    baa: {status: signed, reviewBy: 2026-02-30, ref: "AWS Artifact"}
    services: [s3, KMS]
    match: {hosts: ["*.amazonaws.com", "https://x.com/a", "a*.b.com"], registries: ["ghcr.io/*"], accounts: [123456789012], cidr: [1.2.3.4/8]}
  - id: aws
    baa: {status: sined}
    match: {cidrs: [10.0.0.1/8, 300.1.1.1/32, "2001:db8::/129"]}
  - id: Bad_Id
    baa: {status: none, expirse: 2020-01-01}
    match: {}
  - just a string
  - id: late
    baa: {status: signed, signed: 2025-06-01, expires: 2025-01-01, scope: 7}
    match: {hosts: ["*"], buckets: ["*"], logDestinations: [""]}
internal:
  cidrs: 10.0.0.0/8
`;
    expect(problems(text)).toEqual([
      "hipaa-baa.yaml:1: vendor: is not a field of a BAA register (did you mean 'vendors'?); use only apiVersion, kind, vendors, internal",
      'hipaa-baa.yaml:1: apiVersion: is "hipaa-constructs.io/v2"; write apiVersion: hipaa-constructs.io/v1',
      'hipaa-baa.yaml:1: kind: is "BaaRegistry"; write kind: BaaRegister',
      "hipaa-baa.yaml:5: vendors[0].provider: \"AWS\" is not a provider id (did you mean 'aws'?); use a lower-case id; aws has a shipped HIPAA-eligible services list",
      'hipaa-baa.yaml:8: vendors[0].baa.reviewBy: "2026-02-30" is not a date; write a calendar day as YYYY-MM-DD, e.g. 2026-03-01',
      'hipaa-baa.yaml:8: vendors[0].baa.signed: is missing for a signed BAA; give the day it was signed (YYYY-MM-DD)',
      "hipaa-baa.yaml:5: vendors[0].services: \"KMS\" is not a service id; use the service's id in lower case, as the provider's ARNs name it (s3, secretsmanager, logs)",
      "hipaa-baa.yaml:10: vendors[0].match.cidr: is not a field of vendors[0].match (did you mean 'cidrs'?); use only cidrs, hosts, registries, buckets, logDestinations, secretStores, accounts",
      'hipaa-baa.yaml:10: vendors[0].match.hosts: "https://x.com/a" is not a host pattern: it has a scheme (the host is "x.com"); write a host name; * stands for one DNS label, e.g. *.example.com',
      'hipaa-baa.yaml:10: vendors[0].match.hosts: "a*.b.com" is not a host pattern: \'*\' must be a whole DNS label (as in *.example.com), not part of "a*"; write a host name; * stands for one DNS label, e.g. *.example.com',
      'hipaa-baa.yaml:10: vendors[0].match.registries: "ghcr.io/*" is not a registry pattern: \'*\' stands for one DNS label of the host; it cannot be used in the path; write a registry host, optionally with a path prefix (ghcr.io/acme); * stands for one DNS label',
      'hipaa-baa.yaml:10: vendors[0].match.accounts[0]: must be a string, got the number 123456789012; quote it: "123456789012"',
      "hipaa-baa.yaml:12: vendors[1].baa.status: \"sined\" is not a BAA status (did you mean 'signed'?); use one of signed, pending, none, terminated",
      'hipaa-baa.yaml:13: vendors[1].match.cidrs: "10.0.0.1/8" is not a valid CIDR: bits are set past the /8 prefix; write the block as 10.0.0.0/8',
      'hipaa-baa.yaml:13: vendors[1].match.cidrs: "300.1.1.1/32" is not a valid CIDR: "300.1.1.1" is not an IPv4 address; write an IP block such as 10.0.0.0/8 or 2001:db8::/32',
      'hipaa-baa.yaml:13: vendors[1].match.cidrs: "2001:db8::/129" is not a valid CIDR: prefix length "129" is not a number from 0 to 128; write an IP block such as 10.0.0.0/8 or 2001:db8::/32',
      'hipaa-baa.yaml:11: vendors[1].id: "aws" is already the id of vendors[0] (line 5); give every vendor its own id, or merge the two entries',
      "hipaa-baa.yaml:14: vendors[2].id: \"Bad_Id\" is not a vendor id; use lower-case letters, digits and '-', e.g. aws or datadog",
      "hipaa-baa.yaml:15: vendors[2].baa.expirse: is not a field of vendors[2].baa (did you mean 'expires'?); use only status, signed, expires, reviewBy, ref, scope",
      'hipaa-baa.yaml:16: vendors[2].match: names nothing to match; give at least one of cidrs, hosts, registries, buckets, logDestinations, secretStores, accounts',
      'hipaa-baa.yaml:4: vendors[3]: must be a mapping with id, baa and match, got the string "just a string"; write the vendor as - id: ..., baa: {status: ...}, match: {...}',
      'hipaa-baa.yaml:19: vendors[4].baa.scope: must be a non-empty string, got the number 7; write text (quote it if YAML reads it as something else)',
      'hipaa-baa.yaml:19: vendors[4].baa.expires: 2025-01-01 is before the day it was signed (2025-06-01); correct one of the two dates',
      'hipaa-baa.yaml:20: vendors[4].match.hosts: "*" is not a host pattern: the pattern must name at least one label; a bare * would match every host; write a host name; * stands for one DNS label, e.g. *.example.com',
      'hipaa-baa.yaml:20: vendors[4].match.buckets: "*" is not a pattern: it must name more than *; a bare * would match everything; write a bucket name such as phi-backups or phi-backups-*',
      'hipaa-baa.yaml:20: vendors[4].match.logDestinations[0]: must be a non-empty string, got the string ""; list patterns, each a log destination such as cloudwatch:* or https://http-intake.logs.datadoghq.com',
      'hipaa-baa.yaml:21: internal.cidrs: must be a list of strings, got the string "10.0.0.0/8"; wrap it in a list: ["10.0.0.0/8"]',
    ]);
  });

  test('refuses a register that is not a mapping, an empty one, two documents and bad YAML, naming the line', () => {
    expect(problems('- id: aws\n')).toEqual([
      'hipaa-baa.yaml:1: (register): must be a mapping with apiVersion, kind, vendors and internal, got a list; see the example in the README',
    ]);
    expect(problems('# nothing yet\n')).toEqual([
      'hipaa-baa.yaml: the BAA register is empty; start it with apiVersion: hipaa-constructs.io/v1, kind: BaaRegister and a list of vendors',
    ]);
    expect(problems('apiVersion: hipaa-constructs.io/v1\nkind: BaaRegister\nvendors: []\n---\nvendors: []\n')).toEqual([
      'hipaa-baa.yaml:5: a BAA register is one YAML document; remove the second document (or merge it into the first)',
    ]);
    expect(problems('apiVersion: hipaa-constructs.io/v1\nvendors: [\n')).toEqual([
      expect.stringMatching(/^hipaa-baa\.yaml:3: not valid YAML: /),
    ]);
  });

  test('refuses a register without vendors, with vendors not a list, a vendor without id, baa or match', () => {
    expect(problems('apiVersion: hipaa-constructs.io/v1\nkind: BaaRegister\n')).toEqual([
      'hipaa-baa.yaml:1: vendors: is missing; list every vendor that can receive PHI (vendors: [] when there is none)',
    ]);
    expect(problems('apiVersion: hipaa-constructs.io/v1\nkind: BaaRegister\nvendors: {aws: {}}\n')).toEqual([
      'hipaa-baa.yaml:1: vendors: must be a list of vendors, got a mapping; write each vendor as a list item (- id: ...)',
    ]);
    expect(problems('apiVersion: hipaa-constructs.io/v1\nkind: BaaRegister\nvendors:\n  - name: Stripe\n')).toEqual([
      'hipaa-baa.yaml:4: vendors[0].id: is missing; give the vendor a stable id such as aws or datadog',
      'hipaa-baa.yaml:4: vendors[0].baa: is missing; record the BAA, e.g. baa: {status: signed, signed: 2025-03-01, ref: "contract 42"}, or baa: {status: none}',
      'hipaa-baa.yaml:4: vendors[0].match: is missing; say what of the vendor\'s the infrastructure sends to, e.g. match: {hosts: ["*.datadoghq.com"]}',
    ]);
  });
});

describe('readBaaRegister', () => {
  test('reads a file relative to cwd and records its sha256', () => {
    const dir = mkdtempSync(join(tmpdir(), 'baa-'));
    writeFileSync(join(dir, 'hipaa-baa.yaml'), GOOD);
    const register = readBaaRegister('hipaa-baa.yaml', dir);
    expect(register.file).toBe('hipaa-baa.yaml');
    expect(register.sha256).toBe(createHash('sha256').update(GOOD).digest('hex'));
    expect(register.vendors.map((v) => v.id)).toEqual(['aws', 'dockerhub']);
  });

  test('a missing file is one problem naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'baa-'));
    expect(() => readBaaRegister('nope.yaml', dir)).toThrow(new BaaRegisterError([
      'nope.yaml: cannot read the BAA register (no such file); give the path of a hipaa-baa.yaml file',
    ]));
  });
});
