/**
 * The example app's evidence, as `npx cdk8s synth` writes it (main.ts: the app's check with
 * CLINIC_EVIDENCE, run in examples/cdk8s-app): every report, and an HTML report in which an auditor
 * finds the records-api/portal flows, the egress to the database subnet, the vendor and its BAA, and
 * can follow each citation to its rules and findings. One synth for the file.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { CLINIC_EVIDENCE, ClinicChart, REPORTING_DB_SUBNET } from '../../examples/cdk8s-app/clinic-chart';
import { HipaaValidation } from '../../lib/cdk8s';
import { REPORT_FILES } from '../../lib/report/formats';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'cdk8s-app');

let reports: string;
let html: string;

beforeAll(() => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-evidence-'));
  reports = path.join(tmp, 'compliance');
  const cwd = process.cwd();
  // As `npx cdk8s synth` runs it: in the example's folder, so the register path resolves there.
  process.chdir(EXAMPLE);
  try {
    const app = new App({ outdir: path.join(tmp, 'dist') });
    HipaaValidation.enable(app, { ...CLINIC_EVIDENCE, reports });
    new ClinicChart(app, 'clinic');
    app.synth();
  } finally {
    process.chdir(cwd);
  }
  html = fs.readFileSync(path.join(reports, REPORT_FILES.html), 'utf8');
});

/** The text of an HTML fragment: tags dropped, entities of the report's escaping decoded, spaces collapsed. */
function text(fragment: string): string {
  return fragment.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}

/** The rows of the table with `class`, each as the text of its cells. */
function rows(tableClass: string): string[][] {
  const start = html.indexOf(`<table class="${tableClass}">`);
  expect(start).toBeGreaterThan(0);
  const table = html.slice(start, html.indexOf('</table>', start));
  return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].filter((r) => !r[1].includes('scope="col"'))
    .map((r) => [...r[1].matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => text(c[1])));
}

describe('examples/cdk8s-app: the evidence its synth writes', () => {
  test('writes every report: SARIF, JSON, Markdown, HTML, JUnit, OSCAL assessment results and the data-flow graph (DOT)', () => {
    expect(fs.readdirSync(reports).sort()).toEqual(Object.values(REPORT_FILES).sort());
    const sarif = JSON.parse(fs.readFileSync(path.join(reports, REPORT_FILES.sarif), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    const oscal = JSON.parse(fs.readFileSync(path.join(reports, REPORT_FILES.oscal), 'utf8'));
    expect(Object.keys(oscal)).toEqual(['assessment-results']);
    expect(fs.readFileSync(path.join(reports, REPORT_FILES.junit), 'utf8')).toMatch(/^<\?xml [^>]*\?>\n<testsuites /);
    expect(fs.readFileSync(path.join(reports, REPORT_FILES.dot), 'utf8')).toContain(`"cidr:${REPORTING_DB_SUBNET}"`);
    expect(fs.readFileSync(path.join(reports, REPORT_FILES.markdown), 'utf8')).toContain('```mermaid');
  });

  test('the HTML report\'s verdict is PASSED, with the two waived findings and the register named', () => {
    expect(text(html.slice(html.indexOf('<p class="verdict'), html.indexOf('</p>', html.indexOf('<p class="verdict'))))).toMatch(/^PASSED /);
    const counts = Object.fromEntries(rows('counts').map(([k, v]) => [k, v]));
    expect(counts).toMatchObject({ 'New (open) errors': '0', 'New (open) warnings': '0', 'Baselined (accepted debt, still listed)': '0', 'Waived (accepted with a reason and expiry)': '2' });
    expect(Object.fromEntries(rows('settings').map(([k, v]) => [k, v]))['BAA register']).toBe('hipaa-baa.yaml (1 vendor)');
  });

  test('the flow table holds portal <- ingress controller (8443), records-api <- portal (8080), records-api -> records-db (5432) and records-api -> the database subnet (5432), and the diagram is drawn', () => {
    const flows = rows('flows').map(([from, to, ports, transport, , , vendor]) => ({ from, to, ports, transport, vendor }));
    const workload = (name: string) => expect.stringMatching(new RegExp(`^(clinic-)?${name}(-[0-9a-f]{8})? \\(workload, patient-records, PHI\\)$`));
    expect(flows).toEqual(expect.arrayContaining([
      { from: 'ingress controller (ingress controller)', to: workload('patient-portal'), ports: 'TCP/8443', transport: 'MTLS', vendor: '—' },
      { from: workload('patient-portal'), to: workload('records-api'), ports: 'TCP/8080', transport: 'MTLS', vendor: '—' },
      { from: workload('records-api'), to: workload('records-db'), ports: 'TCP/5432', transport: 'MTLS', vendor: '—' },
      {
        from: workload('records-api'),
        to: `${REPORTING_DB_SUBNET} (external cidr)`,
        ports: 'TCP/5432',
        transport: 'UNKNOWN', // an IP block says nothing of TLS; the example's comment does
        vendor: expect.stringMatching(/^COVERED aws ?: Amazon Web Services: BAA signed 2025-03-01 \(AWS Artifact, organization agreement\)/),
      },
    ]));
    const section = html.slice(html.indexOf('<section id="flows"'), html.indexOf('</section>', html.indexOf('<section id="flows"')));
    const svg = /<svg[^>]*>[\s\S]*?<\/svg>/.exec(section)?.[0] ?? '';
    for (const label of ['records-api', 'patient-portal', 'records-db', REPORTING_DB_SUBNET, 'ingress controller']) expect(svg).toContain(label);
  });

  test('the vendor table: AWS with its signed BAA, covering the ECR registry, the backup bucket, Secrets Manager and the RDS subnet; no PHI destination unregistered', () => {
    const [aws, ...others] = rows('vendors');
    expect(others).toEqual([]);
    const [vendor, services, matches, baa, signed, , reviewBy, ref, destinations] = aws;
    expect({ vendor, services, baa, signed, reviewBy, ref }).toEqual({
      vendor: 'Amazon Web Services (aws) provider aws',
      services: 'eks, ec2, ebs, ecr, s3, kms, secretsmanager, logs, rds',
      baa: 'SIGNED every account of the organization',
      signed: '2025-03-01',
      reviewBy: '2027-11-30',
      ref: 'AWS Artifact, organization agreement',
    });
    expect(matches).toContain(`CIDRs: ${REPORTING_DB_SUBNET}`);
    for (const destination of [
      's3://clinic-phi-backups (backup target) COVERED',
      `${REPORTING_DB_SUBNET} (external cidr) COVERED`,
      '123456789012.dkr.ecr.us-east-1.amazonaws.com (registry) COVERED',
      'AWS Secrets Manager (us-east-1) (secret store) COVERED',
    ]) expect(destinations).toContain(destination);
    // Every destination resolves: the internet the clients come from receives nothing, so it is not listed.
    expect(html).not.toContain('<h3>Destinations no vendor of the register matches</h3>');
    expect(html).toContain('<p>Every external destination of the data-flow graph resolved to a vendor or to the organisation\'s own network.</p>');
  });

  test('an auditor can follow every citation to its evidence: each citation row links its rules, every link lands on an element of the report, and every finding of a rule is listed under it', () => {
    const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    const links = [...html.matchAll(/<a href="#([^"]+)"/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(100);
    expect(links.filter((l) => !ids.has(l))).toEqual([]);
    const matrix = html.slice(html.indexOf('<table class="matrix">'), html.indexOf('</table>', html.indexOf('<table class="matrix">')));
    const citationRows = [...matrix.matchAll(/<tr id="(cit-[^"]+)"[^>]*>([\s\S]*?)<\/tr>/g)];
    expect(citationRows.length).toBeGreaterThanOrEqual(20);
    for (const [, id, row] of citationRows) {
      const status = /class="status st-([a-z-]+)"/.exec(row)![1];
      const rules = [...row.matchAll(/<a href="#rule-([^"]+)"/g)].map((m) => m[1]);
      // PASS, PASS (waivers) and NOT EVIDENCED each name the rules behind them; NOT CHECKED has none by definition.
      expect([id, status, status === 'not-checked' || rules.length > 0]).toEqual([id, status, true]);
    }
    expect(matrix).toContain('<tr id="cit-164.308-b-1"');
    expect(matrix).toContain('<tr id="cit-164.314-a-1"');
    // The two waived findings sit under their rules, with the construct path and the waiver.
    for (const rule of ['k8s-service-account-token', 'k8s-phi-namespace-mtls']) {
      const start = html.indexOf(`<details class="rule" id="rule-${rule}"`);
      const body = html.slice(start, html.indexOf('</details>', start));
      expect(body).toMatch(/<tr id="f-[0-9a-f]+" data-status="waived">/);
      expect(text(body)).toMatch(/construct clinic\/[^ ]+ .*Waived until 2027-11-30: /);
    }
  });
});
