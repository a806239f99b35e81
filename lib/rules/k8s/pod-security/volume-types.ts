import type { Rule } from '../../../check/rule';
import { podTemplate, POD_KINDS } from '../pod';
import { isObject, show } from './helpers';

/** Inline volume sources the restricted profile allows. */
export const RESTRICTED_VOLUME_TYPES: ReadonlySet<string> = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

/** Volume sources the restricted profile forbids (the Kubernetes core API's other volume types). */
const KNOWN_FORBIDDEN: ReadonlySet<string> = new Set([
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd',
  'flexVolume', 'cinder', 'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk',
  'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos',
]);

const ALLOWED_LIST = 'configMap, secret, emptyDir, projected, downwardAPI, persistentVolumeClaim, ephemeral, csi or image';

/** PSS restricted, "Volume Types". */
export const volumeTypes: Rule = {
  id: 'k8s-volume-types',
  title: 'Pods may use only configMap, secret, emptyDir, projected, downwardAPI, persistentVolumeClaim, ephemeral, csi and image volumes',
  description:
    'Pod Security Standards (restricted), control "Volume Types": every entry of spec.volumes must be one of ' +
    'configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected or secret. Other ' +
    'inline sources (nfs, iscsi, rbd, cephfs, awsElasticBlockStore, gcePersistentDisk, azureDisk, gitRepo, ' +
    'flexVolume, ...) mount storage straight from the pod spec, bypassing the PersistentVolumes and StorageClasses ' +
    'through which the cluster administrator controls encryption, access and backup. hostPath volumes are reported ' +
    'by k8s-host-path-volumes (baseline), not again here.',
  severity: 'error',
  controls: ['164.312(a)(1)', '164.312(c)(1)', '164.310(d)(2)(iv)'],
  kinds: POD_KINDS,
  fix: 'Replace the volume with a persistentVolumeClaim bound to a PersistentVolume or StorageClass the cluster administrator provides.',
  check(resource, _ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    const volumes = pod.spec.volumes;
    if (!Array.isArray(volumes)) return;
    for (let i = 0; i < volumes.length; i++) {
      const volume = volumes[i];
      if (!isObject(volume) || hasAllowedSource(volume)) continue;
      for (const key in volume) {
        if (key === 'name' || key === 'hostPath' || volume[key] === undefined || volume[key] === null) continue;
        const name = show(volume.name ?? '?');
        const path = `${pod.specPath}.volumes[${i}].${key}`;
        report({ path, ...explain(key, name, `${pod.specPath}.volumes[${i}]`) });
      }
    }
  },
};

/**
 * True when the volume has an allowed source, or no source at all (the API server then defaults
 * it to an emptyDir), as Pod Security Admission judges it.
 */
function hasAllowedSource(volume: Record<string, any>): boolean {
  let sources = 0;
  for (const key in volume) {
    if (key === 'name' || volume[key] === undefined || volume[key] === null) continue;
    if (RESTRICTED_VOLUME_TYPES.has(key)) return true;
    sources++;
  }
  return sources === 0;
}

function explain(key: string, name: string, volumePath: string): { message: string; fix: string } {
  if (key === 'gitRepo') {
    return {
      message: `volume ${name} uses the deprecated gitRepo volume type, which the restricted profile forbids: the kubelet runs git on the node to fill it`,
      fix: `Replace ${volumePath}.gitRepo with an emptyDir and clone the repository into it from an init container (or bake the content into the image).`,
    };
  }
  if (!KNOWN_FORBIDDEN.has(key)) {
    return {
      message: `volume ${name} has a source ${show(key)}, which is not a volume type the restricted profile allows (${ALLOWED_LIST})`,
      fix: `Use one of the allowed volume sources for ${volumePath} (${ALLOWED_LIST}); check the field name's spelling.`,
    };
  }
  return {
    message: `volume ${name} mounts ${key} storage inline, which the restricted profile forbids: it bypasses the PersistentVolumes through which the cluster administrator controls encryption, access and backup`,
    fix: `Replace ${volumePath}.${key} with persistentVolumeClaim: { claimName: ... } bound to a PersistentVolume (or StorageClass) that provides this storage.`,
  };
}
