import { schedule } from './fixtures';
import { PHI_LABEL } from '../../../../lib/labels';
import { phiNamespaceBackup } from '../../../../lib/rules/k8s/storage/phi-namespace-backup';
import { namespace, NS } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';

const NOT_COVERED = `metadata.name: Namespace 'clinic' is labelled ${PHI_LABEL}: "true" but none of the 1 Velero Schedule ('daily') backs it up (not included, excluded, paused or filtered by labels)`;

describe('k8s-phi-namespace-backup', () => {
  test('flags a PHI namespace no Schedule includes, as an error', () => {
    const result = runRule(phiNamespaceBackup, [namespace, schedule({ includedNamespaces: ['billing'] })]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([NOT_COVERED]);
    expect(result.passed).toBe(false);
  });

  test('flags a namespace excluded, a paused Schedule and one filtered by labels', () => {
    expect(violations(phiNamespaceBackup, [namespace, schedule({ includedNamespaces: ['*'], excludedNamespaces: [NS] })])).toEqual([NOT_COVERED]);
    const paused = schedule();
    paused.spec.paused = true;
    expect(violations(phiNamespaceBackup, [namespace, paused])).toEqual([NOT_COVERED]);
    expect(violations(phiNamespaceBackup, [namespace, schedule({ includedNamespaces: [NS], labelSelector: { matchLabels: { backup: 'yes' } } })])).toEqual([NOT_COVERED]);
  });

  test('passes a namespace included by name, by "*", by a wildcard pattern, or by an unset includedNamespaces', () => {
    for (const template of [{ includedNamespaces: [NS] }, { includedNamespaces: ['*'] }, { includedNamespaces: ['cli*'] }, {}, { excludedNamespaces: ['kube-system'] }]) {
      expect(violations(phiNamespaceBackup, [namespace, schedule(template)])).toEqual([]);
    }
    expect(violations(phiNamespaceBackup, [namespace, schedule({ includedNamespaces: ['billing'] }, {}, 'a'), schedule({ includedNamespaces: [NS] }, {}, 'b')])).toEqual([]);
  });

  test('says when the namespace counts as PHI because it is unclassified, and passes namespaces classified not PHI', () => {
    const unlabelled = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'clinic' } };
    expect(violations(phiNamespaceBackup, [unlabelled, schedule({ includedNamespaces: ['billing'] })])).toEqual([
      `metadata.name: Namespace 'clinic' has no ${PHI_LABEL} label of "true" or "false" (unclassified, it counts as PHI) but none of the 1 Velero Schedule ('daily') backs it up (not included, excluded, paused or filtered by labels)`,
    ]);
    expect(violations(phiNamespaceBackup, [unlabelled, schedule({ includedNamespaces: ['billing'] })], { unclassifiedIsPhi: false })).toEqual([]);
    const pub = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'public', labels: { [PHI_LABEL]: 'false' } } };
    expect(violations(phiNamespaceBackup, [pub, schedule({ includedNamespaces: ['billing'] })])).toEqual([]);
  });

  test('reports nothing when the set holds no Schedule (k8s-phi-namespace-backup-unverified warns instead)', () => {
    expect(violations(phiNamespaceBackup, [namespace])).toEqual([]);
  });

  test('a restore-test scratch namespace of a Schedule in the set is not required to be backed up; naming another Schedule does not exempt it', () => {
    const scratch = (of: string) => ({ ...namespace, metadata: { ...namespace.metadata, annotations: { 'hipaa-constructs.io/restore-test-of': of } } });
    expect(violations(phiNamespaceBackup, [scratch('velero/daily'), schedule({ includedNamespaces: ['billing'] })])).toEqual([]);
    expect(violations(phiNamespaceBackup, [scratch('velero/weekly'), schedule({ includedNamespaces: ['billing'] })])).toEqual([NOT_COVERED]);
    expect(violations(phiNamespaceBackup, [scratch('backups/daily'), schedule({ includedNamespaces: ['billing'] })])).toEqual([NOT_COVERED]);
  });
});
