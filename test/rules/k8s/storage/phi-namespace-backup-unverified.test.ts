import { claim, schedule } from './fixtures';
import { PHI_LABEL } from '../../../../lib/labels';
import { phiNamespaceBackupUnverified } from '../../../../lib/rules/k8s/storage/phi-namespace-backup-unverified';
import { namespace, NS } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';

function statefulSet(templates: unknown[]): any {
  return { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'postgres', namespace: NS }, spec: { volumeClaimTemplates: templates } };
}

describe('k8s-phi-namespace-backup-unverified', () => {
  test('warns about a PHI namespace holding a claim when no Schedule is in the set', () => {
    const result = runRule(phiNamespaceBackupUnverified, [namespace, claim()]);
    expect(result.unwaived.map((f) => `${f.severity} ${f.path}: ${f.message}`)).toEqual([
      `warning metadata.name: Namespace 'clinic' is labelled ${PHI_LABEL}: "true", holds persistent data (PersistentVolumeClaim 'db'), and no Velero Schedule is in the checked set: its backup cannot be verified`,
    ]);
    expect(result.passed).toBe(true);
  });

  test('warns about a StatefulSet with volumeClaimTemplates', () => {
    expect(violations(phiNamespaceBackupUnverified, [namespace, statefulSet([{ metadata: { name: 'data' } }])])).toEqual([
      `metadata.name: Namespace 'clinic' is labelled ${PHI_LABEL}: "true", holds persistent data (StatefulSet 'postgres' with volumeClaimTemplates), and no Velero Schedule is in the checked set: its backup cannot be verified`,
    ]);
  });

  test('passes when a Schedule is in the set, when the namespace holds no persistent data, and when it is not PHI', () => {
    expect(violations(phiNamespaceBackupUnverified, [namespace, claim(), schedule({ includedNamespaces: ['billing'] })])).toEqual([]);
    expect(violations(phiNamespaceBackupUnverified, [namespace, statefulSet([])])).toEqual([]);
    const pub = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'public', labels: { [PHI_LABEL]: 'false' } } };
    expect(violations(phiNamespaceBackupUnverified, [pub, claim('encrypted-gp3', 'cache', 'public')])).toEqual([]);
  });
});
