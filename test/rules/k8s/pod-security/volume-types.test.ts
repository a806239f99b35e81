import { compliantDeployment, restrictedPod } from './support';
import { volumeTypes } from '../../../../lib/rules/k8s/pod-security/volume-types';
import { deployment } from '../../../helpers/fixtures';
import { runRule, violations } from '../../../helpers/rule-test';
import { workloadOfKind } from '../../../helpers/workloads';

describe('k8s-volume-types', () => {
  test('passes the compliant deployment (emptyDir)', () => {
    expect(violations(volumeTypes, [deployment])).toEqual([]);
  });

  test('passes every allowed volume type, and a volume without a source (defaulted to emptyDir)', () => {
    const pod = restrictedPod();
    pod.spec.volumes = [
      { name: 'a', configMap: { name: 'cfg' } },
      { name: 'b', csi: { driver: 'secrets-store.csi.k8s.io' } },
      { name: 'c', downwardAPI: { items: [] } },
      { name: 'd', emptyDir: {} },
      { name: 'e', ephemeral: { volumeClaimTemplate: { spec: {} } } },
      { name: 'f', image: { reference: 'registry.example/data:1' } },
      { name: 'g', persistentVolumeClaim: { claimName: 'data' } },
      { name: 'h', projected: { sources: [] } },
      { name: 'i', secret: { secretName: 'tls' } },
      { name: 'j' },
    ];
    expect(violations(volumeTypes, [pod])).toEqual([]);
  });

  test('flags an inline nfs volume, with the exact fix', () => {
    const { d, spec } = compliantDeployment();
    spec.volumes.push({ name: 'shared', nfs: { server: 'nfs.example', path: '/exports' } });
    const result = runRule(volumeTypes, [d]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "spec.template.spec.volumes[1].nfs: volume 'shared' mounts nfs storage inline, which the restricted profile forbids: it bypasses the PersistentVolumes through which the cluster administrator controls encryption, access and backup",
    ]);
    expect(result.unwaived[0].fix).toBe(
      'Replace spec.template.spec.volumes[1].nfs with persistentVolumeClaim: { claimName: ... } bound to a PersistentVolume (or StorageClass) that provides this storage.',
    );
  });

  test('flags every forbidden type of the PSS table on a Job', () => {
    const types = [
      'gcePersistentDisk', 'awsElasticBlockStore', 'nfs', 'iscsi', 'glusterfs', 'rbd', 'flexVolume', 'cinder',
      'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'portworxVolume',
      'photonPersistentDisk', 'scaleIO', 'storageos',
    ];
    const pod = restrictedPod();
    pod.spec.volumes = types.map((t, i) => ({ name: `v${i}`, [t]: {} }));
    const found = violations(volumeTypes, [workloadOfKind('Job', { pod })]);
    expect(found).toHaveLength(types.length);
    types.forEach((t, i) => expect(found).toContain(
      `spec.template.spec.volumes[${i}].${t}: volume 'v${i}' mounts ${t} storage inline, which the restricted profile forbids: it bypasses the PersistentVolumes through which the cluster administrator controls encryption, access and backup`,
    ));
  });

  test('explains gitRepo and unknown sources', () => {
    const pod = restrictedPod();
    pod.spec.volumes = [{ name: 'src', gitRepo: { repository: 'https://example.com/x.git' } }, { name: 'tmp', emptydir: {} }];
    const result = runRule(volumeTypes, [pod]);
    expect(result.unwaived.map((f) => `${f.path}: ${f.message}`)).toEqual([
      "spec.volumes[0].gitRepo: volume 'src' uses the deprecated gitRepo volume type, which the restricted profile forbids: the kubelet runs git on the node to fill it",
      "spec.volumes[1].emptydir: volume 'tmp' has a source 'emptydir', which is not a volume type the restricted profile allows (configMap, secret, emptyDir, projected, downwardAPI, persistentVolumeClaim, ephemeral, csi or image)",
    ]);
    expect(result.unwaived[0].fix).toBe(
      'Replace spec.volumes[0].gitRepo with an emptyDir and clone the repository into it from an init container (or bake the content into the image).',
    );
  });

  test('leaves hostPath to k8s-host-path-volumes (reported once, by the baseline rule)', () => {
    const pod = restrictedPod();
    pod.spec.volumes = [{ name: 'node', hostPath: { path: '/' } }];
    expect(violations(volumeTypes, [pod])).toEqual([]);
  });
});
