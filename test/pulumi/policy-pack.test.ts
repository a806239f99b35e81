/**
 * The CrossGuard policy pack, tested by invoking its policies the way @pulumi/policy's server
 * does for a stack analysis (server.js makeAnalyzeStackRpcFun): policies in order, disabled ones
 * skipped, each with a fresh `resources` array and `getConfig()` returning that policy's own
 * config. `new PolicyPack` is never called: it starts a gRPC server.
 */
import type { Policies } from '@pulumi/policy';
import { Testing } from 'cdk8s';
import { HipaaNamespace, SecureDeployment } from '../../lib/cdk8s';
import * as engine from '../../lib/check/engine';
import { combinePacks, Rule, RulePack } from '../../lib/check/rule';
import { SettingsError } from '../../lib/check/settings-error';
import { WAIVERS_ANNOTATION } from '../../lib/check/waiver';
import { waiverTagKey } from '../../lib/check/waiver-tags';
import { HIPAA_NOT_CHECKED_POLICY, HIPAA_SETTINGS_POLICY, HIPAA_WAIVED_POLICY, hipaaPolicies, HipaaStackPolicy, PolicyStackResource } from '../../lib/pulumi';
import { awsPack } from '../../lib/rules/aws';
import { kubernetesPack } from '../../lib/rules/k8s';
import { container, newChart } from '../helpers/cdk8s';
import { daysFromNow, SOON } from '../helpers/dates';
import { compliantSet } from '../helpers/fixtures';
import { MTLS_RULE } from '../helpers/mesh';

// The policies are plain objects of @pulumi/policy's types (checked by the compiler here).
const typed: Policies = hipaaPolicies();
void typed;

const STACK = 'urn:pulumi:dev::clinic';

class NotApplicable extends Error {}

interface Violation { readonly policy: string; readonly level: string; readonly message: string; readonly urn?: string }
interface Run { readonly violations: Violation[]; readonly notApplicable: Record<string, string> }
type PolicyConfig = Record<string, string | Record<string, unknown>>;

/** Runs the policies as CrossGuard's stack analysis does. */
function analyze(policies: readonly HipaaStackPolicy[], resources: readonly PolicyStackResource[], config: PolicyConfig = {}): Run {
  const violations: Violation[] = [];
  const notApplicable: Record<string, string> = {};
  for (const p of policies) {
    const c = config[p.name];
    const level = (typeof c === 'string' ? c : (c?.enforcementLevel as string | undefined)) ?? p.enforcementLevel;
    if (level === 'disabled') continue;
    const args = {
      resources: resources.map((r) => ({ ...r })),
      getConfig: <T extends object>(): T => {
        if (c === undefined || typeof c === 'string') return {} as T;
        const { enforcementLevel: _l, ...rest } = c;
        return rest as T;
      },
      notApplicable: (reason?: string): never => {
        throw new NotApplicable(reason);
      },
    };
    try {
      p.validateStack(args, (message, urn) => violations.push({ policy: p.name, level, message, urn }));
    } catch (e) {
      if (!(e instanceof NotApplicable)) throw e;
      notApplicable[p.name] = e.message;
    }
  }
  return { violations, notApplicable };
}

/** A Kubernetes manifest as @pulumi/kubernetes registers it (inside the chart bridge's ConfigGroup). */
function k8s(manifest: any): PolicyStackResource {
  const apiVersion: string = manifest.apiVersion;
  const module = apiVersion.includes('/') ? apiVersion : `core/${apiVersion}`;
  const type = `kubernetes:${module}:${manifest.kind}`;
  const id = `${manifest.metadata.namespace ? `${manifest.metadata.namespace}/` : ''}${manifest.metadata.name}`;
  return { type, name: id, urn: `${STACK}::kubernetes:yaml/v2:ConfigGroup$${type}::${id}`, props: JSON.parse(JSON.stringify(manifest)) };
}

function aws(type: string, name: string, props: Record<string, any>): PolicyStackResource {
  return { type, name, urn: `${STACK}::hipaa-constructs:aws:KmsKey$${type}::${name}`, props };
}

/** What a stack holds besides the checked resources. */
const OTHERS: PolicyStackResource[] = [
  { type: 'pulumi:pulumi:Stack', name: 'clinic-dev', urn: `${STACK}::pulumi:pulumi:Stack::clinic-dev`, props: {} },
  { type: 'pulumi:providers:kubernetes', name: 'eks', urn: `${STACK}::pulumi:providers:kubernetes::eks`, props: { kubeconfig: '{}' } },
  { type: 'kubernetes:yaml/v2:ConfigGroup', name: 'clinic', urn: `${STACK}::kubernetes:yaml/v2:ConfigGroup::clinic`, props: { resources: [] } },
  { type: 'hipaa-constructs:aws:KmsKey', name: 'phi', urn: `${STACK}::hipaa-constructs:aws:KmsKey::phi`, props: {} },
];

const KEY_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'KeyAdministration',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::123456789012:role/key-admin' },
      Action: ['kms:CreateAlias', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*', 'kms:Revoke*', 'kms:Disable*', 'kms:Get*', 'kms:TagResource', 'kms:UntagResource', 'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion'],
      Resource: '*',
    },
    {
      Sid: 'KeyUse',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::123456789012:role/clinic-api' },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      Resource: '*',
    },
  ],
});

/** A key as HipaaKmsKey creates it: rotation on, 30-day deletion window, separated key policy. */
function compliantKey(extra: Record<string, any> = {}): PolicyStackResource {
  return aws('aws:kms/key:Key', 'phi-key', {
    description: 'PHI data key',
    enableKeyRotation: true,
    rotationPeriodInDays: 365,
    deletionWindowInDays: 30,
    keyUsage: 'ENCRYPT_DECRYPT',
    customerMasterKeySpec: 'SYMMETRIC_DEFAULT',
    multiRegion: false,
    isEnabled: true,
    policy: KEY_POLICY,
    arn: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    ...extra,
  });
}

/** The objects of a HipaaNamespace and a SecureDeployment synthesized with cdk8s, with the platform's image policy. */
function secureDeploymentStack(): PolicyStackResource[] {
  const chart = newChart();
  new HipaaNamespace(chart, 'clinic', { owner: 'platform-team' });
  new SecureDeployment(chart, 'api', { containers: [container()] });
  return chart.node.root.node.children.flatMap((c) => Testing.synth(c as typeof chart)).map(k8s);
}

// A test rule on KMS keys, so that AWS findings, tag waivers and unknown values are exercised
// whatever the AWS groups hold.
const rotation: Rule = {
  id: 'test-kms-rotation',
  title: 'KMS keys rotate',
  description: 'A test rule.',
  severity: 'error',
  controls: ['164.312(a)(2)(iv)'],
  kinds: ['aws:kms/key:Key'],
  fix: 'Set enableKeyRotation: true.',
  check(resource, _ctx, report) {
    if (resource.body.enableKeyRotation !== true) report({ path: 'enableKeyRotation', message: `key rotation is ${JSON.stringify(resource.body.enableKeyRotation)}` });
  },
};
const testPack: RulePack = combinePacks('test', 'Kubernetes rules and a test AWS rule', kubernetesPack, { name: 'aws-test', description: 'test', rules: [rotation] });

const mandatory = (run: Run) => run.violations.filter((v) => v.level === 'mandatory');

describe('hipaaPolicies', () => {
  test('one policy per rule (name = id, description = title, mandatory for errors), the engine rules, settings first', () => {
    const policies = hipaaPolicies();
    const rules = [...kubernetesPack.rules, ...awsPack.rules];
    expect(policies[0].name).toBe(HIPAA_SETTINGS_POLICY);
    expect(policies.map((p) => p.name)).toEqual([
      HIPAA_SETTINGS_POLICY, ...rules.map((r) => r.id),
      'waiver-invalid', 'waiver-expired', 'waiver-blocked-by-admission', 'engine-rule-error',
      HIPAA_WAIVED_POLICY, HIPAA_NOT_CHECKED_POLICY,
    ]);
    const byName = new Map(policies.map((p) => [p.name, p]));
    for (const r of rules) {
      expect(byName.get(r.id)).toMatchObject({ description: r.title, enforcementLevel: r.severity === 'error' ? 'mandatory' : 'advisory', remediationSteps: r.fix });
    }
    expect(byName.get(MTLS_RULE)!.enforcementLevel).toBe('advisory');
    expect(byName.get('k8s-run-as-non-root')!.enforcementLevel).toBe('mandatory');
    expect(byName.get(HIPAA_WAIVED_POLICY)!.enforcementLevel).toBe('advisory');
    expect(Object.keys(byName.get(HIPAA_SETTINGS_POLICY)!.configSchema!.properties)).toEqual(['waivers', 'allowedRegistries', 'kubernetesVersion', 'maxWaiverMonths', 'unclassifiedIsPhi']);
  });

  test('a compliant stack (SecureDeployment synthesized with cdk8s, a compliant KMS key) has no mandatory violation', () => {
    const run = analyze(hipaaPolicies(), [...OTHERS, ...secureDeploymentStack(), compliantKey()]);
    expect(mandatory(run)).toEqual([]);
    // The one advisory: the PHI namespace has no mesh (as for every construct without one).
    expect(run.violations.map((v) => v.policy)).toEqual([MTLS_RULE]);
    // Rules of kinds the stack does not hold are not applicable.
    expect(run.notApplicable['k8s-cronjob-concurrency'] ?? run.notApplicable['k8s-ingress-tls']).toMatch(/^the stack has no /);
    expect(run.notApplicable['k8s-run-as-non-root']).toBeUndefined();
  });

  test('the engine runs once per stack validation, not once per policy', () => {
    const resources = [...secureDeploymentStack(), compliantKey()]; // synth runs its own check
    const spy = jest.spyOn(engine, 'check');
    try {
      const policies = hipaaPolicies();
      analyze(policies, resources);
      expect(spy).toHaveBeenCalledTimes(1);
      analyze(policies, resources);
      expect(spy).toHaveBeenCalledTimes(1);
      // A changed stack (the update after a preview) is checked again.
      analyze(policies, [...resources.slice(1), compliantKey({ description: 'PHI key' })]);
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
  });

  test('a noncompliant stack: each rule policy reports its findings with the resource, path, fix and citations', () => {
    const objects = compliantSet() as any[];
    const deployment = objects.find((o) => o.kind === 'Deployment');
    delete deployment.spec.template.spec.securityContext.runAsNonRoot;
    delete deployment.spec.template.spec.containers[0].securityContext.runAsNonRoot;
    const stack = [...objects.map(k8s), compliantKey({ enableKeyRotation: false })];
    const run = analyze(hipaaPolicies({ pack: testPack }), stack);
    expect(mandatory(run)).toEqual([
      {
        policy: 'k8s-run-as-non-root',
        level: 'mandatory',
        urn: `${STACK}::kubernetes:yaml/v2:ConfigGroup$kubernetes:apps/v1:Deployment::clinic/api`,
        message: `${STACK}::kubernetes:yaml/v2:ConfigGroup$kubernetes:apps/v1:Deployment::clinic/api spec.template.spec.containers[0].securityContext.runAsNonRoot: ` +
          "container 'api' may run as root: neither it nor the pod sets runAsNonRoot: true " +
          'Fix: Set spec.template.spec.securityContext.runAsNonRoot: true (it covers every container), or spec.template.spec.containers[0].securityContext.runAsNonRoot: true. ' +
          '(HIPAA 164.312(a)(1), 164.312(c)(1))',
      },
      {
        policy: 'test-kms-rotation',
        level: 'mandatory',
        urn: `${STACK}::hipaa-constructs:aws:KmsKey$aws:kms/key:Key::phi-key`,
        message: `${STACK}::hipaa-constructs:aws:KmsKey$aws:kms/key:Key::phi-key enableKeyRotation: key rotation is false Fix: Set enableKeyRotation: true. (HIPAA 164.312(a)(2)(iv))`,
      },
    ]);
  });

  test('waivers carried by the resources: a Kubernetes annotation and an AWS waiver tag', () => {
    const objects = compliantSet() as any[];
    const deployment = objects.find((o) => o.kind === 'Deployment');
    deployment.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem = false;
    deployment.metadata.annotations = {
      [WAIVERS_ANNOTATION]: JSON.stringify([{ ruleId: 'k8s-read-only-root-filesystem', reason: 'Vendor image writes its cache under /var/lib, compensated by file integrity monitoring', expires: SOON, owner: 'platform-team' }]),
    };
    const key = compliantKey({ enableKeyRotation: false, tags: { [waiverTagKey('test-kms-rotation')]: `expires=${SOON} ticket=SEC-12 reason=Imported key material cannot be rotated by KMS, rotated yearly by hand` } });
    const run = analyze(hipaaPolicies({ pack: testPack }), [...objects.map(k8s), key]);
    expect(mandatory(run)).toEqual([]);
    expect(run.violations.filter((v) => v.policy === HIPAA_WAIVED_POLICY)).toEqual([
      {
        policy: HIPAA_WAIVED_POLICY,
        level: 'advisory',
        urn: key.urn,
        message: `${key.urn} enableKeyRotation: test-kms-rotation (error) waived until ${SOON} (ticket SEC-12): Imported key material cannot be rotated by KMS, rotated yearly by hand. ` +
          'Finding: key rotation is false (HIPAA 164.312(a)(2)(iv))',
      },
      {
        policy: HIPAA_WAIVED_POLICY,
        level: 'advisory',
        urn: `${STACK}::kubernetes:yaml/v2:ConfigGroup$kubernetes:apps/v1:Deployment::clinic/api`,
        message: `${STACK}::kubernetes:yaml/v2:ConfigGroup$kubernetes:apps/v1:Deployment::clinic/api spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem: ` +
          `k8s-read-only-root-filesystem (error) waived until ${SOON} (owner platform-team): Vendor image writes its cache under /var/lib, compensated by file integrity monitoring. ` +
          "Finding: container 'api' sets readOnlyRootFilesystem: false, so its root filesystem is writable (HIPAA 164.312(c)(1), 164.310(d)(2)(iv))",
      },
    ]);
  });

  test('waivers from the policy pack config (hipaa-settings), in the waivers-file format, with targets', () => {
    const stack = [compliantKey({ enableKeyRotation: false }), { ...compliantKey({ enableKeyRotation: false }), name: 'logs-key', urn: `${STACK}::aws:kms/key:Key::logs-key` }];
    const config = {
      [HIPAA_SETTINGS_POLICY]: {
        waivers: [{ ruleId: 'test-kms-rotation', reason: 'Imported key material cannot be rotated by KMS, rotated yearly by hand', expires: SOON, target: { kind: 'aws:kms/key:Key', name: 'phi-key' } }],
      },
    };
    const run = analyze(hipaaPolicies({ pack: testPack }), stack, config);
    expect(mandatory(run).map((v) => `${v.policy} ${v.urn}`)).toEqual([`test-kms-rotation ${STACK}::aws:kms/key:Key::logs-key`]);
    expect(run.violations.filter((v) => v.policy === HIPAA_WAIVED_POLICY).map((v) => v.urn)).toEqual([stack[0].urn]);
    // Waivers given in code apply as well; the config adds to them.
    const both = analyze(hipaaPolicies({ pack: testPack, waivers: [{ ruleId: 'test-kms-rotation', reason: 'Logs key rotation is handled by the log archive team', expires: SOON, target: { name: 'logs-key' } }] }), stack, config);
    expect(mandatory(both)).toEqual([]);
    // Without the settings policy, its config is not read: the findings stand (fail closed).
    const disabled = analyze(hipaaPolicies({ pack: testPack }), stack, { ...config, [HIPAA_SETTINGS_POLICY]: 'disabled' });
    expect(mandatory(disabled).map((v) => v.policy)).toEqual(['test-kms-rotation', 'test-kms-rotation']);
  });

  test('expired and invalid waivers are reported by the engine rules\' policies, and the findings stand', () => {
    const key = compliantKey({ enableKeyRotation: false, tags: { [waiverTagKey('test-kms-rotation')]: `expires=${daysFromNow(-1)} reason=Imported key material cannot be rotated by KMS, rotated yearly by hand` } });
    const bad = { ...compliantKey({ enableKeyRotation: false, tags: { [waiverTagKey('test-kms-rotation')]: `expires=${SOON} reason=legacy` } }), name: 'bad', urn: `${STACK}::aws:kms/key:Key::bad` };
    const run = analyze(hipaaPolicies({ pack: testPack }), [key, bad]);
    expect(mandatory(run).map((v) => `${v.policy}: ${v.message}`)).toEqual([
      `test-kms-rotation: ${bad.urn} enableKeyRotation: key rotation is false Fix: Set enableKeyRotation: true. (HIPAA 164.312(a)(2)(iv))`,
      `test-kms-rotation: ${key.urn} enableKeyRotation: key rotation is false Fix: Set enableKeyRotation: true. (HIPAA 164.312(a)(2)(iv))`,
      expect.stringMatching(new RegExp(`^waiver-invalid: ${escape(bad.urn)} tags\\["hipaa-constructs.io/waiver/test-kms-rotation"\\]: tag hipaa-constructs.io/waiver/test-kms-rotation: reason must be at least 20 characters .+ Fix: .+ \\(HIPAA 164.308\\(a\\)\\(1\\)\\(ii\\)\\(B\\), 164.308\\(a\\)\\(8\\), 164.316\\(b\\)\\(2\\)\\(i\\)\\)$`)),
      `waiver-expired: ${key.urn} tags["hipaa-constructs.io/waiver/test-kms-rotation"]: waiver of rule 'test-kms-rotation' expired on ${daysFromNow(-1)}; it no longer applies ` +
        'Fix: Fix the underlying finding and remove the waiver, or review the risk and set a new expiry date. (HIPAA 164.308(a)(1)(ii)(B), 164.308(a)(8), 164.316(b)(2)(i))',
    ]);
  });

  test('invalid config is reported by hipaa-settings with every problem; bad waivers are left out, bad options fall back to defaults', () => {
    const config = {
      [HIPAA_SETTINGS_POLICY]: {
        waivers: [
          { ruleId: 'test-kms-rotation', reason: 'legacy', expires: SOON },
          { ruleId: 'no-such-rule', reason: 'Imported key material cannot be rotated by KMS', expires: daysFromNow(800), target: { cluster: 'prod' } },
        ],
        allowedRegistries: ['https://ghcr.io/acme'],
        kubernetesVersion: 'latest',
        maxWaiverMonths: 48,
        unclassifiedIsPhi: 'yes',
        registries: ['ghcr.io'],
      },
    };
    const run = analyze(hipaaPolicies({ pack: testPack }), [compliantKey({ enableKeyRotation: false })], config);
    expect(run.violations.filter((v) => v.policy === HIPAA_SETTINGS_POLICY).map((v) => v.message)).toEqual([
      "hipaa-settings config: unknown setting 'registries' (allowed: waivers, allowedRegistries, kubernetesVersion, maxWaiverMonths, unclassifiedIsPhi)",
      'hipaa-settings config: maxWaiverMonths must be a whole number of months from 1 to 36 (got 48): waivers are evaluated again at least that often (45 CFR 164.308(a)(8))',
      'hipaa-settings config: kubernetesVersion must be a minor version such as 1.28 (got "latest")',
      'hipaa-settings config: unclassifiedIsPhi must be true or false (got "yes")',
      'hipaa-settings config: allowedRegistries[0]: allowedRegistries entry "https://ghcr.io/acme" is not valid: write the registry without a scheme, e.g. "ghcr.io/acme"',
      "hipaa-settings config: waivers[0] (rule 'test-kms-rotation'): reason must be at least 20 characters and 3 different words saying why the risk is accepted and what compensates for it (got 6 characters, 1 word)",
      "hipaa-settings config: waivers[1] (rule 'no-such-rule'): ruleId 'no-such-rule' is not a known rule; " +
        `expires ${daysFromNow(800)} is more than 12 months ahead (latest allowed: ${latest12()}): a waiver is evaluated again at least that often (45 CFR 164.308(a)(8)); ` +
        "set an earlier date, or raise maxWaiverMonths (hipaa-check: --max-waiver-months) if your review period is longer; unknown field 'target.cluster' (allowed: kind, namespace, name)",
    ]);
    expect(run.violations.filter((v) => v.policy === HIPAA_SETTINGS_POLICY).every((v) => v.level === 'mandatory')).toBe(true);
    // The bad waiver accepted nothing.
    expect(mandatory(run).filter((v) => v.policy === 'test-kms-rotation')).toHaveLength(1);
  });

  test('invalid settings given in code are refused at once, every problem in one error', () => {
    expect(() => hipaaPolicies({ maxWaiverMonths: 0, waivers: [{ ruleId: 'k8s-nope', reason: 'Imported key material cannot be rotated', expires: SOON }] })).toThrow(
      'Invalid hipaaPolicies() settings: maxWaiverMonths must be a whole number of months from 1 to 36 (got 0): waivers are evaluated again at least that often (45 CFR 164.308(a)(8)); ' +
        "waivers[0] (rule 'k8s-nope'): ruleId 'k8s-nope' is not a known rule",
    );
    expect(() => hipaaPolicies({ waivers: { ruleId: 'k8s-run-as-non-root' } as any })).toThrow(
      'Invalid hipaaPolicies() settings: waivers must be a list of waivers, e.g. [{ ruleId, reason, expires }] (got one waiver object; wrap it in [ ]) (waiver-invalid).',
    );
  });

  test('settings from config reach the rules: allowedRegistries', () => {
    const objects = secureDeploymentStack();
    const config = { [HIPAA_SETTINGS_POLICY]: { allowedRegistries: ['ghcr.io/acme'] } };
    const run = analyze(hipaaPolicies(), objects, config);
    expect(mandatory(run).map((v) => v.policy)).toContain('k8s-image-registry');
  });

  test('a rule that fails on a resource is reported by engine-rule-error; a setting no rule can use stops the check and hipaa-settings says so', () => {
    const failing: Rule = { ...rotation, id: 'test-failing', check: () => { throw new TypeError('cannot read properties of undefined'); } };
    const withFailing = combinePacks('test', 'failing', testPack, { name: 'failing', description: 'test', rules: [failing] });
    const key = compliantKey();
    const run = analyze(hipaaPolicies({ pack: withFailing }), [key]);
    expect(mandatory(run).map((v) => `${v.policy}: ${v.message}`)).toEqual([
      `engine-rule-error: ${key.urn}: rule 'test-failing' failed on this object and did not check it: TypeError: cannot read properties of undefined ` +
        'Fix: Report the rule, the object and the error message to the maintainers of the rule pack. Until it is fixed, check the object by hand for what the rule looks for. ' +
        '(HIPAA 164.308(a)(1)(ii)(B), 164.312(a)(2)(iv))',
    ]);

    const settings: Rule = { ...rotation, id: 'test-settings', check: () => { throw new SettingsError('allowedRegistries entry "" is not valid: it is empty'); } };
    const stopped = analyze(hipaaPolicies({ pack: combinePacks('test', 'settings', testPack, { name: 's', description: 'test', rules: [settings] }) }), [compliantKey({ enableKeyRotation: false })]);
    expect(stopped.violations).toEqual([{
      policy: HIPAA_SETTINGS_POLICY,
      level: 'mandatory',
      message: 'The HIPAA rules could not run, nothing was checked: allowedRegistries entry "" is not valid: it is empty',
      urn: undefined,
    }]);
  });

  describe('values unknown during preview', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { unknownCheckingProxy } = require('@pulumi/policy') as { unknownCheckingProxy(o: object): any };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sentinels = require('@pulumi/policy/proxy') as { unknownBooleanValue: string; unknownStringValue: string };

    test('a rule that reads an unknown value is skipped on that resource and listed; rules on known values run', () => {
      const unknownRotation = compliantKey({ enableKeyRotation: sentinels.unknownBooleanValue });
      const unknownArn = { ...compliantKey({ enableKeyRotation: false, arn: sentinels.unknownStringValue }), name: 'b', urn: `${STACK}::aws:kms/key:Key::b` };
      // As CrossGuard hands them: behind the proxy that throws on unknown values.
      const stack = [unknownRotation, unknownArn].map((r) => ({ ...r, props: unknownCheckingProxy(r.props) }));
      const run = analyze(hipaaPolicies({ pack: testPack }), stack);
      expect(mandatory(run).map((v) => `${v.policy} ${v.urn}`)).toEqual([`test-kms-rotation ${unknownArn.urn}`]);
      expect(run.violations.filter((v) => v.policy === HIPAA_NOT_CHECKED_POLICY)).toEqual([{
        policy: HIPAA_NOT_CHECKED_POLICY,
        level: 'advisory',
        urn: unknownRotation.urn,
        message: `${unknownRotation.urn}: rule test-kms-rotation not checked during preview: enableKeyRotation is unknown until the resources it depends on are created; ` +
          'the rule runs when the stack is analysed after the update',
      }]);
    });

    test('unknown values inside a Kubernetes object skip only the rules that read them; an unknown waiver tag waives nothing', () => {
      const objects = compliantSet() as any[];
      const deployment = objects.find((o) => o.kind === 'Deployment');
      deployment.spec.template.spec.containers[0].image = sentinels.unknownStringValue;
      const key = compliantKey({ enableKeyRotation: false, tags: { [waiverTagKey('test-kms-rotation')]: sentinels.unknownStringValue } });
      const stack = [...objects.map(k8s), key].map((r) => ({ ...r, props: unknownCheckingProxy(r.props) }));
      const run = analyze(hipaaPolicies({ pack: testPack }), stack);
      expect(mandatory(run).map((v) => v.policy)).toEqual(['test-kms-rotation']);
      const skipped = run.violations.filter((v) => v.policy === HIPAA_NOT_CHECKED_POLICY).map((v) => v.message.replace(/^.*: rule (\S+) not checked during preview: (\S+) is.*$/, '$1 $2'));
      expect(skipped.length).toBeGreaterThan(0);
      for (const s of skipped) expect(s).toMatch(/^k8s-\S+ spec\.template\.spec\.containers\[0\]\.image$/);
      expect(skipped).toContain('k8s-image-registry spec.template.spec.containers[0].image');
    });
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The latest expiry a 12-month review period allows today. */
function latest12(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { latestWaiverExpiry } = require('../../lib/check/waiver') as typeof import('../../lib/check/waiver');
  return latestWaiverExpiry(new Date(), 12);
}
