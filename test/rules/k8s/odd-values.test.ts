/**
 * Objects whose name, namespace, kind-specific fields or labels are not strings (what an
 * unrendered template or a hand-written mistake produces) never print `[object Object]` in a
 * message or fix of any rule of the pack.
 */
import { check } from '../../../lib/check/engine';
import { fromManifest } from '../../../lib/check/resource';
import { kubernetesPack } from '../../../lib/rules/k8s';
import { compliantSet } from '../../helpers/fixtures';
import { TEST_NOW } from '../../helpers/rule-test';

// (`{{ x }}` parses to a mapping keyed '[object Object]'; the manifest reader refuses such files as Helm templates.)
const ODD: unknown[] = [{ a: 1 }, ['x'], 42, true, null];

/** Every object of the compliant set, with `set(copy, odd)` applied, for each odd value. */
function variants(set: (o: any, v: unknown) => void): any[] {
  return ODD.flatMap((v) => compliantSet().map((o) => {
    const copy = JSON.parse(JSON.stringify(o));
    set(copy, v);
    return copy;
  }));
}

const MUTATIONS: Record<string, (o: any, v: unknown) => void> = {
  'metadata.name': (o, v) => { o.metadata.name = v; },
  'metadata.namespace': (o, v) => { o.metadata.namespace = v; },
  'metadata.labels values': (o, v) => { o.metadata.labels = { ...(o.metadata.labels ?? {}), 'app.kubernetes.io/name': v, 'hipaa-constructs.io/phi': v }; },
  'container name and image': (o, v) => {
    const c = o.spec?.template?.spec?.containers?.[0];
    if (c) { c.name = v; c.image = v; }
  },
  'serviceAccountName and secret names': (o, v) => {
    const p = o.spec?.template?.spec;
    if (p) { p.serviceAccountName = v; p.volumes = [{ name: v, secret: { secretName: v } }]; }
  },
  'rbac subjects and roleRef': (o, v) => { o.subjects = [{ kind: 'User', name: v }]; o.roleRef = { kind: 'ClusterRole', name: v }; o.rules = [{ apiGroups: [v], resources: [v], verbs: [v], resourceNames: [v] }]; },
};

describe('no [object Object] in any message or fix', () => {
  for (const [what, set] of Object.entries(MUTATIONS)) {
    test(what, () => {
      const objects = variants(set).map((m) => fromManifest(m, { file: 'odd.yaml', line: 1 }));
      const result = check(objects, kubernetesPack, { now: TEST_NOW });
      const bad = result.findings.filter((f) => /\[object Object\]/.test(`${f.message} ${f.fix} ${f.resource.name} ${f.resource.namespace ?? ''}`));
      expect(bad.map((f) => `${f.ruleId}: ${f.message} | ${f.fix}`)).toEqual([]);
      // and no rule crashed on them
      expect(result.findings.filter((f) => f.ruleId === 'engine-rule-error').map((f) => f.message)).toEqual([]);
    });
  }
});
