import { RuleContext, RuleSettings } from '../../../lib/check/context';
import { DEFAULT_MIN_EGRESS_PREFIX } from '../../../lib/check/egress-prefix';
import { check } from '../../../lib/check/engine';
import { fromManifest } from '../../../lib/check/resource';
import { PHI_LABEL } from '../../../lib/labels';
import { phiServiceExposure } from '../../../lib/rules/k8s/exposure/phi-service-exposure';
import {
  classifiedWorkloads,
  isPhiNamespace,
  objectPhiReason,
  phiNamespaces,
  phiWorkloads,
} from '../../../lib/rules/k8s/phi-classification';
import { violations, TEST_NOW } from '../../helpers/rule-test';
import { workloadOfKind } from '../../helpers/workloads';

type Label = 'true' | 'false' | 'unlabelled';
type NsState = Label | 'absent';

const NS_STATES: readonly NsState[] = ['true', 'false', 'unlabelled', 'absent'];
const WL_STATES: readonly Label[] = ['true', 'false', 'unlabelled'];

function namespaceObject(state: NsState): any[] {
  if (state === 'absent') return [];
  const labels = state === 'unlabelled' ? { owner: 'team-a' } : { [PHI_LABEL]: state };
  return [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'app', labels } }];
}

function workload(state: Label): any {
  const w = workloadOfKind('Deployment', { namespace: 'app', phi: state === 'unlabelled' ? undefined : state });
  if (state === 'unlabelled') {
    delete w.metadata.labels[PHI_LABEL];
    delete w.spec.template.metadata.labels[PHI_LABEL];
  }
  return w;
}

function nodePort(): any {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'api', namespace: 'app' },
    spec: { type: 'NodePort', selector: { 'app.kubernetes.io/name': 'api' }, ports: [{ port: 80 }] },
  };
}

function context(manifests: any[], unclassifiedIsPhi: boolean): RuleContext {
  const settings: RuleSettings = { allowedRegistries: [], kubernetesVersion: '1.28', defaultNamespace: 'default', now: TEST_NOW, unclassifiedIsPhi, minEgressPrefix: DEFAULT_MIN_EGRESS_PREFIX };
  return new RuleContext(manifests.map((m) => fromManifest(m)), settings);
}

/** The intended truth table: the namespace's "true" or the workload's "true" make PHI; only an explicit "false" on both makes not PHI. */
function expectedPhi(ns: NsState, wl: Label, unclassifiedIsPhi: boolean): boolean {
  if (ns === 'true' || wl === 'true') return true;
  const nsUnclassified = ns === 'unlabelled' || ns === 'absent';
  return unclassifiedIsPhi && (nsUnclassified || wl === 'unlabelled');
}

const CASES = NS_STATES.flatMap((ns) => WL_STATES.flatMap((wl) => [true, false].map((on) => [ns, wl, on] as const)));

describe('PHI classification fails closed', () => {
  test('the truth table has every combination, and only an explicit "false" (or the option off) makes a workload not PHI', () => {
    expect(CASES).toHaveLength(24);
    const notPhi = CASES.filter(([ns, wl, on]) => !expectedPhi(ns, wl, on));
    expect(notPhi).toEqual([
      ['false', 'false', true],
      ['false', 'false', false],
      ['false', 'unlabelled', false],
      ['unlabelled', 'false', false],
      ['unlabelled', 'unlabelled', false],
      ['absent', 'false', false],
      ['absent', 'unlabelled', false],
    ]);
  });

  test.each(CASES)('namespace %s, workload %s, unclassifiedIsPhi %s', (ns, wl, on) => {
    const manifests = [...namespaceObject(ns), workload(wl), nodePort()];
    const ctx = context(manifests, on);
    const phi = expectedPhi(ns, wl, on);
    expect((phiWorkloads(ctx).get('app') ?? []).map((w) => w.resource.name)).toEqual(phi ? ['api'] : []);
    expect(classifiedWorkloads(ctx).get('app')?.map((w) => w.phi !== undefined)).toEqual([phi]);
    const nsPhi = ns === 'true' || (on && (ns === 'unlabelled' || ns === 'absent'));
    expect(phiNamespaces(ctx).has('app')).toBe(nsPhi);
    expect(isPhiNamespace(ctx, 'app')).toBe(nsPhi);
    // The NodePort Service in front of the workload is flagged exactly when the workload is PHI.
    expect(violations(phiServiceExposure, manifests, { unclassifiedIsPhi: on })).toHaveLength(phi ? 1 : 0);
  });

  test('a namespace with a mislabelled Namespace object ("yes", a YAML boolean) is unclassified', () => {
    for (const value of ['yes', true, 'TRUE', '']) {
      const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'app', labels: { [PHI_LABEL]: value } } };
      expect(phiNamespaces(context([ns], true)).has('app')).toBe(true);
      expect(phiNamespaces(context([ns], false)).has('app')).toBe(false);
    }
  });

  test('a workload with any of its labels "true" is PHI; one with "false" on the object and "yes" on the pods is unclassified', () => {
    const w = workload('false');
    w.spec.template.metadata.labels[PHI_LABEL] = 'true';
    expect(phiWorkloads(context([...namespaceObject('false'), w], false)).get('app')?.map((x) => x.phi)).toEqual(['labelled']);
    w.spec.template.metadata.labels[PHI_LABEL] = 'yes';
    expect(phiWorkloads(context([...namespaceObject('false'), w], true)).get('app')?.map((x) => x.phi)).toEqual(['unclassified']);
    expect(phiWorkloads(context([...namespaceObject('false'), w], false)).get('app')).toBeUndefined();
  });

  test('a CronJob whose job template alone says "false" is classified not PHI; a Pod is classified by its own labels', () => {
    const cj = workloadOfKind('CronJob', { namespace: 'app' });
    delete cj.metadata.labels[PHI_LABEL];
    delete cj.spec.jobTemplate.spec.template.metadata.labels[PHI_LABEL];
    cj.spec.jobTemplate.metadata.labels = { [PHI_LABEL]: 'false' };
    const pod = workloadOfKind('Pod', { name: 'one-off', namespace: 'app', phi: 'false' });
    expect(phiWorkloads(context([...namespaceObject('false'), cj, pod], true)).get('app')).toBeUndefined();
  });

  test('namespaces that objects land in without a Namespace object are PHI while unclassified counts as PHI; cluster-scoped objects add none', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } };
    const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader' } };
    const crd = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'widgets' } };
    expect([...phiNamespaces(context([cm, crd], true))].sort()).toEqual(['default', 'widgets']);
    expect([...phiNamespaces(context([role], true))]).toEqual([]);
    expect([...phiNamespaces(context([cm, crd], false))]).toEqual([]);
  });

  test('objectPhiReason: the namespace decides first, then the object\'s own label, then the option', () => {
    const secret = (labels?: Record<string, string>) => fromManifest({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'app', labels } });
    const inFalse = (on: boolean) => context(namespaceObject('false'), on);
    expect(objectPhiReason(context(namespaceObject('true'), false), secret({ [PHI_LABEL]: 'false' }))).toBe("in PHI namespace 'app'");
    expect(objectPhiReason(inFalse(false), secret({ [PHI_LABEL]: 'true' }))).toBe(`labelled ${PHI_LABEL}: "true"`);
    expect(objectPhiReason(inFalse(true), secret({ [PHI_LABEL]: 'false' }))).toBeUndefined();
    expect(objectPhiReason(inFalse(true), secret())).toMatch(/unclassified, it counts as PHI/);
    expect(objectPhiReason(inFalse(false), secret())).toBeUndefined();
  });

  test('the engine refuses an unclassifiedIsPhi that is not a boolean, naming the option', () => {
    const run = (value: unknown) => () => check([], { name: 't', description: 't', rules: [] }, { unclassifiedIsPhi: value as boolean });
    expect(run('false')).toThrow('Invalid check options: unclassifiedIsPhi must be true or false, got "false" (string)');
    expect(run(0)).toThrow('unclassifiedIsPhi must be true or false, got 0 (number)');
    expect(run(false)).not.toThrow();
    expect(run(undefined)).not.toThrow();
  });
});
