import { ApiObject, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { addWaivers, HipaaNamespace, HipaaValidation, SecureDeployment, waiversOf } from '../../lib/cdk8s';
import { latestWaiverExpiry, Waiver, WAIVERS_ANNOTATION } from '../../lib/check/waiver';
import { privileged } from '../../lib/rules/k8s/pod-security/privileged';
import { container, newChart, ofKind } from '../helpers/cdk8s';
import { daysFromNow, SOON } from '../helpers/dates';
import { apartFromMtls } from '../helpers/mesh';

const PRIVILEGED_ONLY = { name: 'privileged', description: 'one rule', rules: [privileged] };
const reason = 'Vendor binary writes to /var/lib/app; volume is encrypted, SEC-142.';
const LATEST = latestWaiverExpiry(new Date(), 12);
const MISSING_EXPIRY =
  `expires is missing: give the last day the waiver holds (YYYY-MM-DD, at most 12 months ahead, i.e. ${LATEST} or earlier), ` +
  'so the accepted risk is evaluated again (45 CFR 164.308(a)(8))';

/** A third-party Deployment (not built with our constructs) with a privileged container and a sidecar. */
function vendor(scope: Construct, id = 'vendor', proxyPrivileged = false): ApiObject {
  return new ApiObject(scope, id, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: id },
    spec: {
      selector: { matchLabels: { app: id } },
      template: {
        metadata: { labels: { app: id } },
        spec: { containers: [{ name: 'main', image: 'vendor/app', securityContext: { privileged: true } }, { name: 'proxy', image: 'vendor/proxy', securityContext: { privileged: proxyPrivileged } }] },
      },
    },
  });
}

describe('addWaivers refuses what is not a list of waivers, clearly', () => {
  test.each<[string, unknown, string]>([
    ['one waiver object', { ruleId: 'k8s-privileged', reason, expires: SOON }, 'got one waiver object; wrap it in [ ]'],
    ['a string', 'k8s-privileged', 'got the string "k8s-privileged"'],
    ['undefined', undefined, 'got undefined'],
    ['null', null, 'got null'],
    ['a number', 3, 'got a number'],
  ])('%s', (_what, value, got) => {
    const chart = newChart();
    expect(() => addWaivers(vendor(chart), value as any)).toThrow(
      `[test/vendor] waivers: must be a list of waivers, e.g. [{ ruleId, reason, expires }] (${got}) (waiver-invalid).`,
    );
  });

  test('a list holding a string or a list', () => {
    expect(() => addWaivers(vendor(newChart()), ['k8s-privileged', []] as any)).toThrow(
      '[test/vendor] 2 invalid waivers:\n' +
        '- waivers[0] (waiver-invalid): a waiver must be an object with ruleId, reason and expires (got the string "k8s-privileged")\n' +
        '- waivers[1] (waiver-invalid): a waiver must be an object with ruleId, reason and expires (got a list)',
    );
  });

  test('the waivers prop of a construct, given one object', () => {
    expect(() => new SecureDeployment(newChart(), 'api', { containers: [container()], waivers: { ruleId: 'k8s-privileged', reason, expires: SOON } as any })).toThrow(
      '[test/api] waivers: must be a list of waivers, e.g. [{ ruleId, reason, expires }] (got one waiver object; wrap it in [ ]) (waiver-invalid).',
    );
    expect(() => new HipaaNamespace(newChart(), 'clinic', { owner: 'platform-team', waivers: 'k8s-privileged' as any })).toThrow(
      '[test/clinic] waivers: must be a list of waivers, e.g. [{ ruleId, reason, expires }] (got the string "k8s-privileged") (waiver-invalid).',
    );
  });
});

describe('every waiver needs an expiry within the review period and a reason in words (164.308(a)(8))', () => {
  test('every problem of every waiver is reported at once, with path, field and fix', () => {
    const chart = newChart();
    expect(() => new SecureDeployment(chart, 'api', {
      containers: [container()],
      waivers: [
        { ruleId: 'k8s-read-only-root-filesystem', reason } as Waiver,
        { ruleId: 'k8s-read-only-root-filesystem', reason: 'xxxxxxxxxxxxxxxxxxxxxxxx', expires: SOON },
        { ruleId: 'k8s-read-only-root-filesystem', reason, expires: daysFromNow(400) },
        { ruleId: 'k8s-read-only-root-filesystem', reason, expires: SOON },
      ],
    })).toThrow(
      '[test/api] 3 invalid waivers:\n' +
        `- waivers[0] for rule 'k8s-read-only-root-filesystem' (waiver-invalid): ${MISSING_EXPIRY}\n` +
        "- waivers[1] for rule 'k8s-read-only-root-filesystem' (waiver-invalid): reason must be at least 20 characters and 3 different words saying why the risk is accepted and what compensates for it (got 24 characters, 1 word)\n" +
        `- waivers[2] for rule 'k8s-read-only-root-filesystem' (waiver-invalid): expires ${daysFromNow(400)} is more than 12 months ahead (latest allowed: ${LATEST}): ` +
        'a waiver is evaluated again at least that often (45 CFR 164.308(a)(8)); set an earlier date, or raise maxWaiverMonths (hipaa-check: --max-waiver-months) if your review period is longer',
    );
  });

  test('the last allowed day is accepted', () => {
    expect(() => addWaivers(vendor(newChart()), [{ ruleId: 'k8s-privileged', reason, expires: LATEST }])).not.toThrow();
  });

  test('maxWaiverMonths: an option of addWaivers, or set for a chart by HipaaValidation.enable', () => {
    const far = { ruleId: 'k8s-privileged', reason, expires: daysFromNow(500) };
    expect(() => addWaivers(vendor(newChart()), [far], { maxWaiverMonths: 24 })).not.toThrow();
    expect(() => addWaivers(vendor(newChart()), [{ ...far, expires: daysFromNow(100) }], { maxWaiverMonths: 3 })).toThrow(
      `[test/vendor] waivers[0] for rule 'k8s-privileged' (waiver-invalid): expires ${daysFromNow(100)} is more than 3 months ahead`,
    );
    const chart = newChart();
    HipaaValidation.enable(chart, { maxWaiverMonths: 24 });
    expect(() => addWaivers(vendor(chart), [far])).not.toThrow();
    expect(() => new SecureDeployment(chart, 'api', { containers: [container()], waivers: [{ ...far, ruleId: 'k8s-read-only-root-filesystem' }] })).not.toThrow();
    // The same limit applies to the annotation at synth.
    expect(HipaaValidation.of(chart)!.check().findings.filter((f) => f.ruleId.startsWith('waiver-'))).toEqual([]);
  });

  test('a bad maxWaiverMonths is refused where it is given', () => {
    expect(() => HipaaValidation.enable(newChart(), { maxWaiverMonths: 60 })).toThrow(
      '[test] maxWaiverMonths must be a whole number of months from 1 to 36 (got 60): waivers are evaluated again at least that often (45 CFR 164.308(a)(8)) (waiver-invalid).',
    );
    expect(() => addWaivers(vendor(newChart()), [], { maxWaiverMonths: 0 })).toThrow(
      '[test/vendor] maxWaiverMonths must be a whole number of months from 1 to 36 (got 0): waivers are evaluated again at least that often (45 CFR 164.308(a)(8)) (waiver-invalid).',
    );
  });

  test("HipaaValidation's own waivers are checked when they are given", () => {
    expect(() => HipaaValidation.enable(newChart(), { waivers: [{ ruleId: 'k8s-privileged', reason, expires: daysFromNow(400), target: { kind: 'Deployment' } }] })).toThrow(
      `[test] waivers[0] (rule 'k8s-privileged', waiver-invalid): expires ${daysFromNow(400)} is more than 12 months ahead (latest allowed: ${LATEST})`,
    );
    expect(() => HipaaValidation.enable(newChart(), { waivers: { ruleId: 'k8s-privileged' } as any, maxWaiverMonths: 99 })).toThrow(
      '[test] 2 problems:\n' +
        '- maxWaiverMonths must be a whole number of months from 1 to 36 (got 99): waivers are evaluated again at least that often (45 CFR 164.308(a)(8)) (waiver-invalid)\n' +
        '- waivers: must be a list of waivers, e.g. [{ ruleId, reason, expires }] (got one waiver object; wrap it in [ ]) (waiver-invalid)',
    );
  });
});

describe('a waiver limited to one container', () => {
  function chartWithVendor(waiver: Waiver): { chart: Chart; obj: ApiObject } {
    const chart = newChart('ops');
    HipaaValidation.enable(chart, { pack: PRIVILEGED_ONLY });
    const obj = vendor(chart, 'vendor', true);
    addWaivers(obj, [waiver]);
    return { chart, obj };
  }

  test('is written with its container and waives only that container; the report shows it', () => {
    const { chart } = chartWithVendor({ ruleId: 'k8s-privileged', reason, expires: SOON, container: 'main' });
    const result = HipaaValidation.of(chart)!.check();
    expect(result.waived.map((f) => `${f.path} (${f.waiver?.container})`)).toEqual(['spec.template.spec.containers[0].securityContext.privileged (main)']);
    expect(apartFromMtls(result.unwaived).map((f) => f.path)).toEqual(['spec.template.spec.containers[1].securityContext.privileged']);
    expect(() => Testing.synth(chart)).toThrow("- [k8s-privileged] test/vendor (Deployment ops/vendor) spec.template.spec.containers[1].securityContext.privileged: container 'proxy'");
  });

  test('on a SecureDeployment, goes into the annotation with its container', () => {
    const chart = newChart();
    new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
    const waiver = { ruleId: 'k8s-read-only-root-filesystem', reason, expires: SOON, container: 'api' };
    const api = new SecureDeployment(chart, 'api', { containers: [container({ securityContext: { readOnlyRootFilesystem: false } })], waivers: [waiver] });
    api.exposeViaService({ ports: [{ port: 8080 }] });
    const manifests = Testing.synth(chart);
    expect(JSON.parse(ofKind(manifests, 'Deployment')[0].metadata.annotations[WAIVERS_ANNOTATION])).toEqual([waiver]);
    // The Service made by exposeViaService has no containers, so a container waiver is not passed on.
    expect(ofKind(manifests, 'Service')[0].metadata.annotations).toBeUndefined();
    expect(HipaaValidation.of(chart)!.check().waived.map((f) => `${f.ruleId} ${f.path}`)).toEqual([
      'k8s-read-only-root-filesystem spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem',
    ]);
  });

  test('a sidecar added later is not covered by a waiver for the main container', () => {
    const chart = newChart();
    new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
    const api = new SecureDeployment(chart, 'api', {
      containers: [container({ securityContext: { readOnlyRootFilesystem: false } })],
      waivers: [{ ruleId: 'k8s-read-only-root-filesystem', reason, expires: SOON, container: 'api' }],
    });
    api.addContainer(container({ name: 'sidecar', portNumber: 9090, securityContext: { readOnlyRootFilesystem: false } }));
    expect(() => Testing.synth(chart)).toThrow(
      "spec.template.spec.containers[1].securityContext.readOnlyRootFilesystem: container 'sidecar' sets readOnlyRootFilesystem: false",
    );
    const result = HipaaValidation.of(chart)!.check();
    expect(result.waived.map((f) => f.path)).toEqual(['spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem']);
    expect(apartFromMtls(result.unwaived).map((f) => f.path)).toEqual(['spec.template.spec.containers[1].securityContext.readOnlyRootFilesystem']);
  });

  test('an unknown container is refused at synth, naming the construct, the field, the containers there are and the fix', () => {
    const { chart } = chartWithVendor({ ruleId: 'k8s-privileged', reason, expires: SOON, container: 'mian' });
    expect(() => Testing.synth(chart)).toThrow(
      "[test/vendor] waivers[0].container: waiver of rule 'k8s-privileged' names container 'mian', which no pod it covers has " +
        "(Deployment 'vendor': the pod has no container of that name (it has container 'main', container 'proxy')) (waiver-invalid): " +
        'name one of those containers, or leave container out to waive the rule for the whole pod.',
    );
  });
});

describe('a waiver cannot override Pod Security Admission', () => {
  test("synth refuses a waived Pod Security rule that the HipaaNamespace's restricted level would still reject", () => {
    const chart = newChart();
    new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
    HipaaValidation.enable(chart, { pack: PRIVILEGED_ONLY });
    addWaivers(vendor(chart), [{ ruleId: 'k8s-privileged', reason, expires: SOON }]);
    expect(() => Testing.synth(chart)).toThrow(
      "- [waiver-blocked-by-admission] test/vendor (Deployment clinic/vendor) spec.template.spec.containers[0].securityContext.privileged: rule 'k8s-privileged' is waived here " +
        "(spec.template.spec.containers[0].securityContext.privileged), but namespace 'clinic' enforces Pod Security level 'restricted' (label pod-security.kubernetes.io/enforce), " +
        'which rejects pods breaking this baseline control at admission: a waiver cannot override admission, so the API server rejects the pods of this Deployment and they are never created\n' +
        "    fix: Make the pod meet the 'restricted' profile for k8s-privileged and remove the waiver, or run it in a namespace labelled pod-security.kubernetes.io/enforce: privileged, " +
        'which is a finding of k8s-pod-security-admission-labels that needs its own waiver with a reason.',
    );
  });

  test('the same waiver in a namespace the app does not restrict synthesizes', () => {
    const chart = newChart('ops');
    HipaaValidation.enable(chart, { pack: PRIVILEGED_ONLY });
    addWaivers(vendor(chart), [{ ruleId: 'k8s-privileged', reason, expires: SOON }]);
    expect(() => Testing.synth(chart)).not.toThrow();
  });
});

describe('waivers live on the construct tree', () => {
  test('a second loaded copy of the package sees waivers added by the first, and the other way round', () => {
    let second!: typeof import('../../lib/cdk8s');
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      second = require('../../lib/cdk8s');
    });
    expect(second.addWaivers).not.toBe(addWaivers); // really another copy

    const chart = newChart('ops');
    HipaaValidation.enable(chart, { pack: PRIVILEGED_ONLY });
    const obj = vendor(chart);
    second.addWaivers(obj, [{ ruleId: 'k8s-privileged', reason, expires: SOON }]);
    expect(waiversOf(obj)).toEqual([{ ruleId: 'k8s-privileged', reason, expires: SOON }]);
    const [deployment] = Testing.synth(chart);
    expect(JSON.parse(deployment.metadata.annotations[WAIVERS_ANNOTATION])).toEqual([{ ruleId: 'k8s-privileged', reason, expires: SOON }]);

    const other = vendor(newChart(), 'other');
    addWaivers(other, [{ ruleId: 'k8s-privileged', reason, expires: SOON }]);
    expect(second.waiversOf(other)).toHaveLength(1);
  });

  test('a maxWaiverMonths set by one copy holds for waivers added by the other', () => {
    let second!: typeof import('../../lib/cdk8s');
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      second = require('../../lib/cdk8s');
    });
    const chart = newChart('ops');
    HipaaValidation.enable(chart, { maxWaiverMonths: 3 });
    expect(() => second.addWaivers(vendor(chart), [{ ruleId: 'k8s-privileged', reason, expires: daysFromNow(120) }])).toThrow('is more than 3 months ahead');
  });

  test('the stored waiver is a copy: changing the caller\'s object later does not change it', () => {
    const obj = vendor(newChart());
    const w = { ruleId: 'k8s-privileged', reason, expires: SOON };
    addWaivers(obj, [w]);
    (w as any).reason = 'x';
    expect(waiversOf(obj)[0].reason).toBe(reason);
  });
});
