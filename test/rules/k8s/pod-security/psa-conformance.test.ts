/**
 * Conformance with the pod-security-admission library (kubernetes/pod-security-admission,
 * test/fixtures_*.go and test/testdata/{baseline,restricted}/v1.28): each case below re-creates one
 * of its fixtures (named after the testdata file) as a tweak of a minimal pod, with the level
 * Pod Security Admission gives it for Kubernetes 1.28:
 * - 'pass': meets restricted (and so baseline);
 * - 'restricted': meets baseline, fails restricted;
 * - 'baseline': fails baseline (and so restricted).
 * The baseline pack must find something exactly for 'baseline' cases, the whole pack exactly for
 * 'baseline' and 'restricted' cases. Cases marked with a version check the version-dependent
 * controls the library added after 1.28.
 */
import { restrictedPod } from './support';
import { check, CheckOptions } from '../../../../lib/check/engine';
import { fromManifest } from '../../../../lib/check/resource';
import type { RulePack } from '../../../../lib/check/rule';
import { podSecurityBaselinePack, podSecurityPack } from '../../../../lib/rules/k8s/pod-security';
import { TEST_NOW } from '../../../helpers/rule-test';

type Level = 'pass' | 'restricted' | 'baseline';

interface Case {
  readonly name: string;
  readonly level: Level;
  readonly tweak: (pod: any) => void;
  /** Kubernetes version the case targets. @default '1.28' */
  readonly version?: string;
}

const c0 = (p: any) => p.spec.containers[0];
const i0 = (p: any) => p.spec.initContainers[0];
/** The security context of a container, created when missing (the baseline base pod has none). */
const sc = (container: any) => (container.securityContext ??= {});
const podSc = (p: any) => (p.spec.securityContext ??= {});
const caps = (container: any) => (sc(container).capabilities ??= {});

const DEFAULT_CAPS = [
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD',
  'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
];
const EVERY_CAP_BUT_ALL = [
  'SYS_TIME', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_PACCT', 'SYS_ADMIN', 'SYS_NICE', 'SYS_RESOURCE', 'SYS_TTY_CONFIG',
  'MKNOD', 'AUDIT_WRITE', 'AUDIT_CONTROL', 'MAC_OVERRIDE', 'MAC_ADMIN', 'NET_ADMIN', 'SYSLOG', 'CHOWN', 'NET_RAW',
  'DAC_OVERRIDE', 'FOWNER', 'DAC_READ_SEARCH', 'FSETID', 'KILL', 'SETGID', 'SETUID', 'LINUX_IMMUTABLE',
  'NET_BIND_SERVICE', 'NET_BROADCAST', 'IPC_LOCK', 'IPC_OWNER', 'SYS_CHROOT', 'SYS_PTRACE', 'SYS_BOOT', 'LEASE',
  'SETFCAP', 'WAKE_ALARM', 'BLOCK_SUSPEND',
];
const RESTRICTED_VOLUMES: Record<string, object> = {
  gcePersistentDisk: { pdName: 'test' },
  awsElasticBlockStore: { volumeID: 'test' },
  gitRepo: { repository: 'github.com/kubernetes/kubernetes' },
  nfs: { server: 'test', path: '/test' },
  iscsi: { targetPortal: 'test', iqn: 'iqn.2001-04.com.example:storage.kube.sys1.xyz', lun: 0 },
  glusterfs: { endpoints: 'test', path: 'test' },
  rbd: { monitors: ['test'] },
  flexVolume: { driver: 'test' },
  cinder: { volumeID: 'test' },
  cephfs: { monitors: ['test'] },
  flocker: { datasetName: 'test' },
  fc: { wwids: ['test'] },
  azureFile: { secretName: 'test', shareName: 'test' },
  vsphereVolume: { volumePath: 'test' },
  quobyte: { registry: 'localhost:1234', volume: 'test' },
  azureDisk: { diskName: 'test', diskURI: 'https://test.blob.core.windows.net/test/test.vhd' },
  portworxVolume: { volumeID: 'test', fsType: 'ext4' },
  scaleIO: { gateway: 'localhost', system: 'test', volumeName: 'test' },
  storageos: { volumeName: 'test' },
  photonPersistentDisk: { pdID: 'test' },
};
const APPARMOR = 'container.apparmor.security.beta.kubernetes.io/';
const annotate = (p: any, key: string, value: string) => ((p.metadata.annotations ??= {})[key] = value);

const CASES: readonly Case[] = [
  { name: 'base', level: 'pass', tweak: () => undefined },

  // HostProcess
  { name: 'windowshostprocess0', level: 'baseline', tweak: (p) => { p.spec.hostNetwork = true; podSc(p).windowsOptions = { hostProcess: true }; } },
  { name: 'windowshostprocess1', level: 'baseline', tweak: (p) => { p.spec.hostNetwork = true; sc(c0(p)).windowsOptions = { hostProcess: true }; sc(i0(p)).windowsOptions = { hostProcess: true }; } },

  // Host Namespaces
  { name: 'hostnamespaces0', level: 'baseline', tweak: (p) => { p.spec.hostIPC = true; } },
  { name: 'hostnamespaces1', level: 'baseline', tweak: (p) => { p.spec.hostNetwork = true; } },
  { name: 'hostnamespaces2', level: 'baseline', tweak: (p) => { p.spec.hostPID = true; } },

  // Privileged Containers
  { name: 'privileged0 (pass)', level: 'pass', tweak: (p) => { sc(c0(p)).privileged = false; sc(i0(p)).privileged = false; } },
  { name: 'privileged0', level: 'baseline', tweak: (p) => { delete sc(c0(p)).allowPrivilegeEscalation; sc(c0(p)).privileged = true; } },
  { name: 'privileged1', level: 'baseline', tweak: (p) => { delete sc(i0(p)).allowPrivilegeEscalation; sc(i0(p)).privileged = true; } },

  // Capabilities (baseline)
  { name: 'capabilities_baseline0', level: 'baseline', tweak: (p) => { caps(c0(p)).add = ['NET_RAW']; } },
  { name: 'capabilities_baseline1', level: 'baseline', tweak: (p) => { caps(i0(p)).add = ['NET_RAW']; } },
  { name: 'capabilities_baseline2', level: 'baseline', tweak: (p) => { caps(c0(p)).add = ['chown']; } },
  { name: 'capabilities_baseline3', level: 'baseline', tweak: (p) => { caps(c0(p)).add = ['CAP_CHOWN']; } },
  { name: 'capabilities_baseline0 (pass: default set)', level: 'restricted', tweak: (p) => { caps(c0(p)).add = [...DEFAULT_CAPS]; caps(i0(p)).add = [...DEFAULT_CAPS]; } },

  // HostPath Volumes
  { name: 'hostpathvolumes0', level: 'baseline', tweak: (p) => { p.spec.volumes = [{ name: 'volume-emptydir', emptyDir: {} }, { name: 'volume-hostpath', hostPath: { path: '/a' } }]; } },
  { name: 'hostpathvolumes1', level: 'baseline', tweak: (p) => { p.spec.volumes = [{ name: 'a', hostPath: { path: '/a' } }, { name: 'b', hostPath: { path: '/b' } }]; } },

  // Host Ports
  { name: 'hostports0 (pass)', level: 'pass', tweak: (p) => { c0(p).ports = [{ containerPort: 12345 }]; i0(p).ports = [{ containerPort: 12346 }]; } },
  { name: 'hostports0', level: 'baseline', tweak: (p) => { c0(p).ports = [{ containerPort: 12345, hostPort: 12345 }]; } },
  { name: 'hostports1', level: 'baseline', tweak: (p) => { i0(p).ports = [{ containerPort: 12346, hostPort: 12346 }]; } },
  { name: 'hostports2', level: 'baseline', tweak: (p) => { c0(p).ports = [{ containerPort: 12345, hostPort: 12345 }, { containerPort: 12347 }]; i0(p).ports = [{ containerPort: 12346, hostPort: 12346 }, { containerPort: 12348 }]; } },

  // AppArmor
  { name: 'apparmorprofile0 (pass)', level: 'pass', tweak: (p) => { annotate(p, `${APPARMOR}app`, 'runtime/default'); annotate(p, `${APPARMOR}init`, 'localhost/foo'); } },
  { name: 'apparmorprofile0', level: 'baseline', tweak: (p) => annotate(p, `${APPARMOR}app`, 'unconfined') },
  { name: 'apparmorprofile1', level: 'baseline', tweak: (p) => annotate(p, `${APPARMOR}init`, 'unconfined') },
  { name: 'appArmorProfile field Unconfined', level: 'baseline', tweak: (p) => { podSc(p).appArmorProfile = { type: 'Unconfined' }; } },
  { name: 'appArmorProfile field RuntimeDefault', level: 'pass', tweak: (p) => { sc(c0(p)).appArmorProfile = { type: 'RuntimeDefault' }; } },

  // SELinux
  { name: 'selinuxoptions0 (pass)', level: 'pass', tweak: (p) => { sc(i0(p)).seLinuxOptions = {}; } },
  { name: 'selinuxoptions1 (pass)', level: 'pass', tweak: (p) => { podSc(p).seLinuxOptions = { type: 'container_t' }; sc(c0(p)).seLinuxOptions = { type: 'container_init_t', level: 'somevalue' }; sc(i0(p)).seLinuxOptions = { type: 'container_kvm_t' }; } },
  { name: 'selinuxoptions0', level: 'baseline', tweak: (p) => { podSc(p).seLinuxOptions = { type: 'somevalue' }; } },
  { name: 'selinuxoptions1', level: 'baseline', tweak: (p) => { sc(c0(p)).seLinuxOptions = { type: 'somevalue' }; } },
  { name: 'selinuxoptions2', level: 'baseline', tweak: (p) => { sc(i0(p)).seLinuxOptions = { type: 'somevalue' }; } },
  { name: 'selinuxoptions3', level: 'baseline', tweak: (p) => { podSc(p).seLinuxOptions = { user: 'somevalue' }; } },
  { name: 'selinuxoptions4', level: 'baseline', tweak: (p) => { podSc(p).seLinuxOptions = { role: 'somevalue' }; } },
  { name: 'container_engine_t before 1.31', level: 'baseline', version: '1.30', tweak: (p) => { sc(c0(p)).seLinuxOptions = { type: 'container_engine_t' }; } },
  { name: 'container_engine_t from 1.31', level: 'pass', version: '1.31', tweak: (p) => { sc(c0(p)).seLinuxOptions = { type: 'container_engine_t' }; } },

  // /proc Mount Type
  { name: 'procmount0 (pass)', level: 'pass', tweak: (p) => { p.spec.hostUsers = false; sc(c0(p)).procMount = 'Default'; sc(i0(p)).procMount = 'Default'; } },
  { name: 'procmount0', level: 'baseline', tweak: (p) => { p.spec.hostUsers = false; sc(c0(p)).procMount = 'Unmasked'; } },
  { name: 'procmount1', level: 'baseline', tweak: (p) => { p.spec.hostUsers = false; sc(i0(p)).procMount = 'Unmasked'; } },

  // Seccomp (baseline)
  { name: 'seccompprofile_baseline0 (pass)', level: 'pass', tweak: (p) => { sc(c0(p)).seccompProfile = { type: 'RuntimeDefault' }; } },
  { name: 'seccompprofile_baseline0', level: 'baseline', tweak: (p) => { podSc(p).seccompProfile = { type: 'Unconfined' }; } },
  { name: 'seccompprofile_baseline1', level: 'baseline', tweak: (p) => { sc(c0(p)).seccompProfile = { type: 'Unconfined' }; } },
  { name: 'seccompprofile_baseline2', level: 'baseline', tweak: (p) => { sc(i0(p)).seccompProfile = { type: 'Unconfined' }; } },

  // Sysctls
  {
    name: 'sysctls1 (pass)',
    level: 'pass',
    tweak: (p) => {
      podSc(p).sysctls = [
        'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range',
        'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.ip_local_reserved_ports',
      ].map((name) => ({ name, value: '0' }));
    },
  },
  { name: 'sysctls0', level: 'baseline', tweak: (p) => { podSc(p).sysctls = [{ name: 'othersysctl', value: 'other' }]; } },
  { name: 'tcp_keepalive_time before 1.29', level: 'baseline', tweak: (p) => { podSc(p).sysctls = [{ name: 'net.ipv4.tcp_keepalive_time', value: '7200' }]; } },
  { name: 'tcp_keepalive_time from 1.29', level: 'pass', version: '1.29', tweak: (p) => { podSc(p).sysctls = [{ name: 'net.ipv4.tcp_keepalive_time', value: '7200' }]; } },

  // Volume Types
  {
    name: 'restrictedvolumes0 (pass)',
    level: 'pass',
    tweak: (p) => {
      p.spec.volumes = [
        { name: 'volume0' }, { name: 'volume1', emptyDir: {} }, { name: 'volume2', secret: { secretName: 'test' } },
        { name: 'volume3', persistentVolumeClaim: { claimName: 'test' } },
        { name: 'volume4', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
        { name: 'volume5', configMap: { name: 'test' } }, { name: 'volume6', projected: { sources: [] } },
        { name: 'volume7', csi: { driver: 'inline.storage.kubernetes.io' } },
        { name: 'volume8', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'] } } } },
      ];
    },
  },
  ...Object.entries(RESTRICTED_VOLUMES).map(([type, source]): Case => ({
    name: `restrictedvolumes ${type}`,
    level: 'restricted',
    tweak: (p) => { p.spec.volumes = [{ name: 'volume1', [type]: source }]; },
  })),
  { name: 'restrictedvolumes19 (hostPath)', level: 'baseline', tweak: (p) => { p.spec.volumes = [{ name: 'volume1', hostPath: { path: '/dev/null' } }]; } },

  // Privilege Escalation
  { name: 'allowprivilegeescalation0', level: 'restricted', tweak: (p) => { sc(c0(p)).allowPrivilegeEscalation = true; } },
  { name: 'allowprivilegeescalation1', level: 'restricted', tweak: (p) => { sc(i0(p)).allowPrivilegeEscalation = true; } },
  { name: 'allowprivilegeescalation2', level: 'restricted', tweak: (p) => { delete sc(c0(p)).allowPrivilegeEscalation; } },
  { name: 'allowprivilegeescalation3', level: 'restricted', tweak: (p) => { delete c0(p).securityContext; } },

  // Running as Non-root
  { name: 'runasnonroot0 (pass)', level: 'pass', tweak: () => undefined },
  { name: 'runasnonroot1 (pass)', level: 'pass', tweak: (p) => { delete podSc(p).runAsNonRoot; sc(c0(p)).runAsNonRoot = true; sc(i0(p)).runAsNonRoot = true; } },
  { name: 'runasnonroot0', level: 'restricted', tweak: (p) => { delete podSc(p).runAsNonRoot; } },
  { name: 'runasnonroot1', level: 'restricted', tweak: (p) => { podSc(p).runAsNonRoot = false; } },
  { name: 'runasnonroot2', level: 'restricted', tweak: (p) => { sc(c0(p)).runAsNonRoot = false; } },
  { name: 'runasnonroot3', level: 'restricted', tweak: (p) => { sc(i0(p)).runAsNonRoot = false; } },
  { name: 'runAsNonRoot unset in a user namespace before 1.35', level: 'restricted', version: '1.34', tweak: (p) => { p.spec.hostUsers = false; delete podSc(p).runAsNonRoot; } },
  { name: 'runAsNonRoot unset in a user namespace from 1.35', level: 'pass', version: '1.35', tweak: (p) => { p.spec.hostUsers = false; delete podSc(p).runAsNonRoot; } },

  // Running as Non-root user
  { name: 'runasuser0 (pass)', level: 'pass', tweak: (p) => { podSc(p).runAsUser = 1000; sc(c0(p)).runAsUser = 1000; sc(i0(p)).runAsUser = 1000; } },
  { name: 'runasuser0', level: 'restricted', tweak: (p) => { podSc(p).runAsUser = 0; } },
  { name: 'runasuser1', level: 'restricted', tweak: (p) => { sc(c0(p)).runAsUser = 0; } },
  { name: 'runasuser2', level: 'restricted', tweak: (p) => { sc(i0(p)).runAsUser = 0; } },
  { name: 'runAsUser 0 in a user namespace from 1.35', level: 'pass', version: '1.35', tweak: (p) => { p.spec.hostUsers = false; podSc(p).runAsUser = 0; } },

  // Seccomp (restricted)
  { name: 'seccompprofile_restricted0 (pass)', level: 'pass', tweak: (p) => { podSc(p).seccompProfile = { type: 'Localhost', localhostProfile: 'testing' }; } },
  { name: 'seccompprofile_restricted1 (pass)', level: 'pass', tweak: (p) => { delete podSc(p).seccompProfile; sc(c0(p)).seccompProfile = { type: 'RuntimeDefault' }; sc(i0(p)).seccompProfile = { type: 'Localhost', localhostProfile: 'testing' }; } },
  { name: 'seccompprofile_restricted0', level: 'restricted', tweak: (p) => { delete podSc(p).seccompProfile; } },
  { name: 'seccompprofile_restricted1', level: 'baseline', tweak: (p) => { podSc(p).seccompProfile = { type: 'Unconfined' }; } },
  { name: 'seccompprofile_restricted2', level: 'restricted', tweak: (p) => { delete podSc(p).seccompProfile; sc(c0(p)).seccompProfile = { type: 'RuntimeDefault' }; } },
  { name: 'seccompprofile_restricted3', level: 'restricted', tweak: (p) => { delete podSc(p).seccompProfile; sc(i0(p)).seccompProfile = { type: 'RuntimeDefault' }; } },
  { name: 'seccompprofile_restricted4', level: 'baseline', tweak: (p) => { delete podSc(p).seccompProfile; sc(c0(p)).seccompProfile = { type: 'RuntimeDefault' }; sc(i0(p)).seccompProfile = { type: 'Unconfined' }; } },

  // Capabilities (restricted)
  { name: 'capabilities_restricted0 (pass)', level: 'pass', tweak: (p) => { caps(c0(p)).add = ['NET_BIND_SERVICE']; } },
  { name: 'capabilities_restricted0', level: 'restricted', tweak: (p) => { sc(c0(p)).capabilities = {}; } },
  { name: 'capabilities_restricted1', level: 'restricted', tweak: (p) => { sc(i0(p)).capabilities = {}; } },
  { name: 'capabilities_restricted2', level: 'restricted', tweak: (p) => { caps(c0(p)).drop = [...EVERY_CAP_BUT_ALL]; caps(i0(p)).drop = [...EVERY_CAP_BUT_ALL]; } },
  { name: 'capabilities_restricted3', level: 'restricted', tweak: (p) => { caps(c0(p)).add = [...DEFAULT_CAPS]; caps(i0(p)).add = [...DEFAULT_CAPS]; } },

  // Windows pods: exempt from the restricted Linux-only controls from 1.25
  {
    name: 'windows pod without Linux security fields',
    level: 'pass',
    tweak: (p) => { p.spec.os = { name: 'windows' }; delete podSc(p).seccompProfile; delete c0(p).securityContext; delete i0(p).securityContext; },
  },
  {
    name: 'windows pod without Linux security fields before 1.25',
    level: 'restricted',
    version: '1.24',
    tweak: (p) => { p.spec.os = { name: 'windows' }; delete podSc(p).seccompProfile; delete c0(p).securityContext; delete i0(p).securityContext; },
  },

  // Host Probes / Lifecycle Hooks: Pod Security Admission from 1.34; this pack on every version
  { name: 'probe host (1.34+ control)', level: 'baseline', version: '1.34', tweak: (p) => { c0(p).livenessProbe = { httpGet: { port: 80, host: 'example.com' } }; } },
  { name: 'probe host, empty', level: 'pass', tweak: (p) => { c0(p).livenessProbe = { httpGet: { port: 80, host: '' } }; } },
];

/** The baseline level's own starting point: a pod with no security settings at all. */
function baselinePod(): any {
  const pod = restrictedPod();
  delete pod.spec.securityContext;
  delete pod.spec.containers[0].securityContext;
  delete pod.spec.initContainers[0].securityContext;
  return pod;
}

function findings(pack: RulePack, pod: any, version = '1.28'): string[] {
  const options: CheckOptions = { now: TEST_NOW, kubernetesVersion: version };
  return check([fromManifest(pod)], pack, options).unwaived.map((f) => `${f.ruleId} ${f.path}`);
}

describe('conformance with the pod-security-admission library', () => {
  test.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const pod = restrictedPod();
    c.tweak(pod);
    const all = findings(podSecurityPack, pod, c.version);
    const baseline = findings(podSecurityBaselinePack, pod, c.version);
    if (c.level === 'pass') expect(all).toEqual([]);
    else expect(all).not.toEqual([]);
    if (c.level === 'baseline') expect(baseline).not.toEqual([]);
    else expect(baseline).toEqual([]);
  });

  test.each(CASES.filter((c) => c.level !== 'restricted').map((c) => [c.name, c] as const))(
    'baseline level, starting from a pod without security settings: %s',
    (_name, c) => {
      const pod = baselinePod();
      c.tweak(pod);
      const baseline = findings(podSecurityBaselinePack, pod, c.version);
      if (c.level === 'baseline') expect(baseline).not.toEqual([]);
      else expect(baseline).toEqual([]);
    },
  );

  test('a pod without security settings meets baseline but fails every restricted control', () => {
    const ids = new Set(findings(podSecurityPack, baselinePod()).map((f) => f.split(' ')[0]));
    expect(findings(podSecurityBaselinePack, baselinePod())).toEqual([]);
    expect([...ids].sort()).toEqual([
      'k8s-allow-privilege-escalation',
      'k8s-drop-all-capabilities',
      'k8s-run-as-non-root',
      'k8s-seccomp-profile',
    ]);
  });
});
