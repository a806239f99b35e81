/**
 * Storage, snapshot and backup objects whose fields are not what the rules expect (objects,
 * arrays, numbers, booleans, null where a string belongs) never throw and never print
 * `[object Object]` in a message or fix.
 */
import { compliantStorage } from './fixtures';
import { check } from '../../../../lib/check/engine';
import { ENGINE_RULE_ERROR } from '../../../../lib/check/meta-rules';
import { fromManifest } from '../../../../lib/check/resource';
import { storagePack } from '../../../../lib/rules/k8s/storage';
import { namespace } from '../../../helpers/fixtures';
import { TEST_NOW } from '../../../helpers/rule-test';

const ODD: unknown[] = [{ a: 1 }, ['x'], 42, true, null];

const MUTATIONS: Record<string, (o: any, v: unknown) => void> = {
  'provisioner and driver': (o, v) => { o.provisioner = v; o.driver = v; },
  'parameters': (o, v) => { o.parameters = v; },
  'parameter values': (o, v) => { o.parameters = { 'encrypted': v, 'kmsKeyId': v, 'fileSystemId': v, 'disk-encryption-kms-key': v }; },
  'reclaim and deletion policies': (o, v) => { o.reclaimPolicy = v; o.deletionPolicy = v; },
  'annotations': (o, v) => { o.metadata.annotations = { 'storageclass.kubernetes.io/is-default-class': v, 'hipaa-constructs.io/retention': v }; },
  'spec': (o, v) => { o.spec = v; },
  'spec fields': (o, v) => {
    if (o.spec === undefined) return;
    Object.assign(o.spec, { storageClassName: v, provider: v, config: v, template: v, paused: v });
  },
  'nested spec fields': (o, v) => {
    if (o.spec === undefined) return;
    Object.assign(o.spec, { config: { kmsKeyId: v }, template: { ttl: v, includedNamespaces: v, excludedNamespaces: [v] } });
  },
};

/** A PHI PersistentVolume, so the PersistentVolume branch sees odd values too. */
const pv = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv' }, spec: { persistentVolumeReclaimPolicy: 'Delete', claimRef: { namespace: 'clinic', name: 'db' } } };

describe('storage rules with odd field values', () => {
  for (const [what, set] of Object.entries(MUTATIONS)) {
    test(`${what}: no throw, no [object Object]`, () => {
      for (const v of ODD) {
        const objects = [...compliantStorage(), JSON.parse(JSON.stringify(pv))].map((o) => {
          set(o, v);
          return o;
        });
        const result = check([namespace, ...objects].map((m) => fromManifest(m)), storagePack, { now: TEST_NOW });
        expect(result.findings.filter((f) => f.ruleId === ENGINE_RULE_ERROR.id).map((f) => f.message)).toEqual([]);
        for (const f of result.findings) {
          expect(`${f.message} ${f.fix}`).not.toContain('[object Object]');
        }
      }
    });
  }
});
