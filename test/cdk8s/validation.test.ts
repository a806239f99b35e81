import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { addWaivers, HipaaNamespace, HipaaValidation, SecureDeployment } from '../../lib/cdk8s';
import { latestWaiverExpiry, WAIVERS_ANNOTATION } from '../../lib/check/waiver';
import { PHI_LABEL } from '../../lib/labels';
import { phiServiceExposure } from '../../lib/rules/k8s/exposure/phi-service-exposure';
import { runAsNonRoot } from '../../lib/rules/k8s/pod-security/run-as-non-root';
import { imageRegistry } from '../../lib/rules/k8s/workload/image-registry';
import { container } from '../helpers/cdk8s';
import { SOON } from '../helpers/dates';

const ONE_RULE = { name: 'one', description: 'one rule', rules: [runAsNonRoot] };

/** A third-party Deployment (not built with our constructs) whose container may run as root. */
function thirdParty(chart: Chart, id = 'vendor'): ApiObject {
  return new ApiObject(chart, id, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: id },
    spec: {
      selector: { matchLabels: { app: id } },
      template: { metadata: { labels: { app: id } }, spec: { containers: [{ name: 'main', image: 'vendor/app' }] } },
    },
  });
}

const EXPECTED = [
  "hipaa-constructs: refusing to synthesize chart 'test': 1 unwaived finding.",
  "- [k8s-run-as-non-root] test/vendor (Deployment clinic/vendor) spec.template.spec.containers[0].securityContext.runAsNonRoot: container 'main' may run as root: neither it nor the pod sets runAsNonRoot: true",
  '    fix: Set spec.template.spec.securityContext.runAsNonRoot: true (it covers every container), or spec.template.spec.containers[0].securityContext.runAsNonRoot: true.',
  'Fix each finding, or accept it with a waiver (addWaivers / the waivers prop) that gives a reason and an expiry date.',
].join('\n');

describe('HipaaValidation', () => {
  test('Testing.synth refuses a chart with an unwaived finding, naming path, rule, field and fix', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'clinic' });
    HipaaValidation.enable(chart, { pack: ONE_RULE });
    thirdParty(chart);
    expect(() => Testing.synth(chart)).toThrow(EXPECTED);
  });

  test('app.synth refuses too, and writes nothing', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-'));
    const app = new App({ outdir });
    const chart = new Chart(app, 'test', { namespace: 'clinic' });
    HipaaValidation.enable(chart, { pack: ONE_RULE });
    thirdParty(chart);
    expect(() => app.synth()).toThrow(EXPECTED);
    expect(fs.readdirSync(outdir)).toEqual([]);
  });

  test('a waiver through the construct API is written into the annotation and reported as waived', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'clinic' });
    HipaaValidation.enable(chart, { pack: ONE_RULE });
    const vendor = thirdParty(chart);
    const waiver = { ruleId: 'k8s-run-as-non-root', reason: 'Vendor image needs root to bind; isolated node pool, ticket SEC-12.', expires: SOON, owner: 'platform-team' };
    addWaivers(vendor, [waiver]);
    const [manifest] = Testing.synth(chart);
    expect(JSON.parse(manifest.metadata.annotations[WAIVERS_ANNOTATION])).toEqual([waiver]);
    const result = HipaaValidation.of(chart)!.check();
    expect(result.unwaived).toEqual([]);
    expect(result.waived.map((f) => [f.ruleId, f.waiver?.reason])).toEqual([['k8s-run-as-non-root', waiver.reason]]);
  });

  test('a waiver in an annotation on third-party YAML works the same way', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'clinic' });
    HipaaValidation.enable(chart, { pack: ONE_RULE });
    thirdParty(chart).metadata.addAnnotation(WAIVERS_ANNOTATION, JSON.stringify([{ ruleId: 'k8s-run-as-non-root', reason: 'Vendor image needs root; tracked in SEC-12.', expires: SOON }]));
    expect(() => Testing.synth(chart)).not.toThrow();
    expect(HipaaValidation.of(chart)!.check().waived).toHaveLength(1);
  });

  test('a construct waiver merged into a broken annotation keeps the broken entry, so it is still reported', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'clinic' });
    HipaaValidation.enable(chart, { pack: ONE_RULE });
    const vendor = thirdParty(chart);
    vendor.metadata.addAnnotation(WAIVERS_ANNOTATION, JSON.stringify([{ ruleId: 'k8s-run-as-non-root', reason: 'legacy' }]));
    addWaivers(vendor, [{ ruleId: 'k8s-run-as-non-root', reason: 'Vendor image needs root; tracked in SEC-12.', expires: SOON }]);
    expect(HipaaValidation.of(chart)!.check().unwaived.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([
      `waiver-invalid: waiver 0: expires is missing: give the last day the waiver holds (YYYY-MM-DD, at most 12 months ahead, i.e. ${latestWaiverExpiry(new Date(), 12)} or earlier), so the accepted risk is evaluated again (45 CFR 164.308(a)(8))`,
      'waiver-invalid: waiver 0: reason must be at least 20 characters and 3 different words saying why the risk is accepted and what compensates for it (got 6 characters, 1 word)',
    ]);
    expect(JSON.parse(vendor.metadata.toJson().annotations[WAIVERS_ANNOTATION])).toEqual([
      { ruleId: 'k8s-run-as-non-root', reason: 'legacy' },
      { ruleId: 'k8s-run-as-non-root', reason: 'Vendor image needs root; tracked in SEC-12.', expires: SOON },
    ]);
  });

  test('an expired waiver in an annotation is itself a finding and no longer waives', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'clinic' });
    HipaaValidation.enable(chart, { pack: ONE_RULE });
    thirdParty(chart).metadata.addAnnotation(WAIVERS_ANNOTATION, JSON.stringify([{ ruleId: 'k8s-run-as-non-root', reason: 'Vendor image needs root; tracked in SEC-12.', expires: '2020-01-31' }]));
    const result = HipaaValidation.of(chart)!.check();
    expect(result.unwaived.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([
      "k8s-run-as-non-root: container 'main' may run as root: neither it nor the pod sets runAsNonRoot: true",
      "waiver-expired: waiver of rule 'k8s-run-as-non-root' expired on 2020-01-31; it no longer applies",
    ]);
  });

  describe('waivers given through the API are checked at once', () => {
    test('a waiver without a reason', () => {
      const chart = new Chart(Testing.app(), 'test');
      expect(() => addWaivers(thirdParty(chart), [{ ruleId: 'k8s-run-as-non-root', reason: '', expires: SOON }])).toThrow(
        "[test/vendor] waivers[0] for rule 'k8s-run-as-non-root' (waiver-invalid): reason must be at least 20 characters and 3 different words saying why the risk is accepted and what compensates for it (got 0 characters, 0 words).",
      );
    });

    test('an expired waiver', () => {
      const chart = new Chart(Testing.app(), 'test');
      expect(() => addWaivers(thirdParty(chart), [{ ruleId: 'k8s-run-as-non-root', reason: 'Vendor image needs root; tracked in SEC-12.', expires: '2020-01-31' }])).toThrow(
        "[test/vendor] waivers[0] for rule 'k8s-run-as-non-root' expired on 2020-01-31 (waiver-expired): fix the finding it covered and remove the waiver, or review the risk and set a new expiry date.",
      );
    });

    test('a waiver for a rule that does not exist', () => {
      const chart = new Chart(Testing.app(), 'test');
      expect(() => addWaivers(thirdParty(chart), [{ ruleId: 'k8s-no-such-rule', reason: 'Vendor image needs root; tracked in SEC-12.', expires: SOON }])).toThrow(
        "[test/vendor] waivers[0] for rule 'k8s-no-such-rule' (waiver-invalid): ruleId 'k8s-no-such-rule' is not a known rule.",
      );
    });
  });

  describe('charts of one app see each other', () => {
    function apps(withPlatform: boolean) {
      const app = Testing.app();
      if (withPlatform) new HipaaNamespace(new Chart(app, 'platform'), 'clinic', { owner: 'platform-team' });
      const workloads = new Chart(app, 'workloads', { namespace: 'clinic' });
      new SecureDeployment(workloads, 'api', { containers: [container()] });
      return { app, workloads };
    }

    test("a platform chart's HipaaNamespace covers an app chart's workloads", () => {
      const { app, workloads } = apps(true);
      expect(HipaaValidation.of(workloads)!.check().findings).toEqual([]);
      expect(() => app.synth()).not.toThrow();
    });

    test('without it, the app chart is refused: its namespace has no default deny', () => {
      const { workloads } = apps(false);
      expect(() => Testing.synth(workloads)).toThrow(
        '[k8s-namespace-default-deny] workloads/api/Resource (Deployment clinic/workloads-api-c8',
      );
    });
  });

  test('enable is idempotent and later calls change the settings', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'clinic' });
    const first = HipaaValidation.enable(chart, { pack: { name: 'registry', description: 'registry only', rules: [imageRegistry] } });
    new ApiObject(chart, 'pod', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'pod' },
      spec: { containers: [{ name: 'main', image: `ghcr.io/acme/api@sha256:${'e'.repeat(64)}` }] },
    });
    expect(first.check().unwaived.map((f) => f.ruleId)).toEqual(['k8s-image-registry']);
    expect(HipaaValidation.enable(chart, { allowedRegistries: ['ghcr.io/acme'] })).toBe(first);
    expect(first.check().unwaived).toEqual([]);
  });

  test('unclassifiedIsPhi: a NodePort in front of an unlabelled workload is refused by default, accepted when turned off', () => {
    const build = (props: { unclassifiedIsPhi?: boolean }) => {
      const chart = new Chart(Testing.app(), 'test', { namespace: 'public' });
      HipaaValidation.enable(chart, { pack: { name: 'exposure', description: 'exposure', rules: [phiServiceExposure] }, ...props });
      new ApiObject(chart, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'public', labels: { [PHI_LABEL]: 'false' } } });
      thirdParty(chart);
      new ApiObject(chart, 'svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'vendor' }, spec: { type: 'NodePort', selector: { app: 'vendor' }, ports: [{ port: 80 }] } });
      return chart;
    };
    expect(() => Testing.synth(build({}))).toThrow(
      "- [k8s-phi-service-exposure] test/svc (Service public/vendor) spec.type: type NodePort exposes the Service outside the cluster network, and it selects workload Deployment 'vendor', which is not classified by a hipaa-constructs.io/phi label and so counts as PHI",
    );
    expect(() => Testing.synth(build({ unclassifiedIsPhi: true }))).toThrow(/k8s-phi-service-exposure/);
    expect(Testing.synth(build({ unclassifiedIsPhi: false }))).toHaveLength(3);
  });

  test('an unclassifiedIsPhi that is not a boolean is refused when it is given, naming the chart', () => {
    const chart = new Chart(Testing.app(), 'test');
    expect(() => HipaaValidation.enable(chart, { unclassifiedIsPhi: 'false' as unknown as boolean })).toThrow(
      '[test] unclassifiedIsPhi must be true or false, got "false" (string).',
    );
  });

  test('an allowed registry the rules could not use is refused when it is given', () => {
    const chart = new Chart(Testing.app(), 'test');
    expect(() => HipaaValidation.enable(chart, { allowedRegistries: ['https://ghcr.io/acme'] })).toThrow(
      '[test] allowedRegistries: allowedRegistries entry "https://ghcr.io/acme" is not valid: write the registry without a scheme, e.g. "ghcr.io/acme" (k8s-image-registry).',
    );
  });
});
