/* eslint-disable @typescript-eslint/no-require-imports */
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { Construct } from 'constructs';
import type { AuditPolicyOptions } from './audit-policy';
import { childPath } from './input-problems';
import { toLabelValue } from './label-value';
import { LogForwarder } from './log-forwarder';
import type { PhiRedaction } from './log-forwarder-config';
import { isolateNamespace, podSecurityLabels } from './namespace-isolation';
import type { EgressFlow } from './pod-hardening';
import { HipaaValidation } from './validation';
import { addWaivers } from './waivers';
import type { Waiver } from '../check/waiver';
import { OWNER_LABEL, PHI_LABEL } from '../labels';
import { clusterScoped } from './cluster-scoped';

export type { AuditGroupResources, AuditPolicyOptions, AuditPolicyRule } from './audit-policy';
export type { PhiRedaction } from './log-forwarder-config';
export { LogForwarder } from './log-forwarder';
export type { LogForwarderProps } from './log-forwarder';

// Loaded on first use: the prop checks pull in rule helpers (test/entry-points.test.ts pins what the entry loads).
const sinkProps = (): typeof import('./audit-sink-props') => require('./audit-sink-props');
const policyModule = (): typeof import('./audit-policy') => require('./audit-policy');
const forwarderConfig = (): typeof import('./log-forwarder-config') => require('./log-forwarder-config');

/** The namespace AuditSink's objects go in unless props say otherwise. */
export const DEFAULT_AUDIT_SINK_NAMESPACE = 'audit-logging';
/** File name {@link AuditSink.writePolicyFile} writes by default, next to the synthesized manifests. */
export const AUDIT_POLICY_FILE = 'audit-policy.yaml';

/** Where and how the log forwarder sends logs (AuditSinkProps.forwarder). */
export interface AuditSinkForwarderProps {
  /**
   * The Fluent Bit image, pinned by digest (`<registry>/fluent/fluent-bit:3.2.2@sha256:...`): a
   * copy in your own registry of the upstream image whose digest you verified. No default: a
   * digest this library cannot pull and check would be a guess.
   */
  readonly image: string;
  /**
   * ARN of the IAM role the forwarder's ServiceAccount assumes through IRSA, allowed
   * logs:PutLogEvents/CreateLogStream/DescribeLogStreams on the log group and s3:PutObject on the bucket,
   * e.g. `arn:aws:iam::123456789012:role/clinic-log-forwarder`.
   */
  readonly roleArn: string;
  /** AWS region of the log group and the bucket, e.g. `us-east-1`. */
  readonly region: string;
  /**
   * ARN of the CloudWatch Logs log group (`arn:aws:logs:<region>:<account>:log-group:<name>`), created
   * beforehand (the forwarder does not create groups) with a retention and a KMS key.
   * @default - logs are not sent to CloudWatch Logs (then bucketArn is required)
   */
  readonly logGroupArn?: string;
  /**
   * ARN of the S3 bucket (`arn:aws:s3:::<bucket>`), ideally with Object Lock (WORM) and a KMS key.
   * @default - logs are not sent to S3 (then logGroupArn is required)
   */
  readonly bucketArn?: string;
  /** Key prefix of the objects in the bucket (path segments ending with `/`). @default 'k8s-logs/' */
  readonly s3Prefix?: string;
  /**
   * PHI patterns replaced in every string field of every record (Lua patterns, compiled at
   * construction); give `[...DEFAULT_PHI_REDACTIONS, more]` to extend the defaults.
   * @default DEFAULT_PHI_REDACTIONS (SSN, MRN, e-mail, phone, date of birth)
   */
  readonly redactions?: PhiRedaction[];
  /**
   * In-memory buffer of each of the two inputs (Mem_Buf_Limit); reading pauses when it is full.
   * Both, plus 128 MiB, must fit in the memory limit (refused otherwise).
   * @default Size.mebibytes(32)
   */
  readonly memBufLimit?: Size;
  /**
   * Largest S3 upload buffer on the pod's disk (store_dir_limit_size), on an emptyDir of this size
   * plus 64 MiB for offsets, which must fit in the ephemeral-storage limit (refused otherwise).
   * @default Size.mebibytes(256)
   */
  readonly s3BufferLimit?: Size;
  /**
   * Last day (YYYY-MM-DD, at most 12 months ahead) of the waivers that accept the forwarder's
   * unavoidable privileges: read-only hostPath mounts of /var/log, running as root to read
   * the node's log files, the API token for the kubernetes filter, egress to AWS endpoints;
   * e.g. `'2027-06-30'`.
   */
  readonly waiversExpire: string;
  /**
   * Where the forwarder may connect, besides DNS: the AWS endpoints (CloudWatch Logs, S3, STS)
   * and the API server. Give VPC endpoint and API server CIDRs to narrow it; a self-managed API
   * server listening on 6443 needs a flow for that port.
   * @default - TCP 443 to any IPv4 address (accepted by a k8s-phi-open-egress waiver until waiversExpire)
   */
  readonly egress?: EgressFlow[];
  /** Requests and limits of the Fluent Bit container. @default - cpu 100m/500m, memory 128Mi/256Mi, ephemeral storage 1Gi/1Gi */
  readonly resources?: kplus.ContainerResources;
}

/** Props of {@link AuditSink}. */
export interface AuditSinkProps {
  /** The platform namespace the forwarder and the Policy ConfigMap are written to (created by the sink). @default 'audit-logging' */
  readonly namespace?: string;
  /** Team or person accountable for the audit trail (label `hipaa-constructs.io/owner`). @default - not labelled */
  readonly owner?: string;
  /** Options of the audit Policy. @default - the built-in Policy (see AuditSink) */
  readonly policy?: AuditPolicyOptions;
  /**
   * Whether the Policy is also written as a ConfigMap `audit-policy` (key `policy.yaml`) in the
   * namespace, for API servers that run as pods and mount it.
   * @default false
   */
  readonly policyConfigMap?: boolean;
  /** The Fluent Bit log forwarder. @default - none: only the audit Policy */
  readonly forwarder?: AuditSinkForwarderProps;
}

const CONFIG_DIR = '/fluent-bit/etc/hipaa';
const STATE_DIR = '/var/fluent-bit/state';
const HTTP_PORT = 2020;
const LOG_DIR = '/var/log';

/**
 * Audit logging for a cluster: the `audit.k8s.io/v1` Policy for self-managed API servers, and
 * a Fluent Bit log forwarder that ships container and node logs, PHI redacted, to CloudWatch
 * Logs and/or S3 over TLS. (On EKS the control plane's audit log is turned on in the cluster,
 * not with a Policy file; the forwarder applies there too.)
 *
 * The Policy, first match wins: RequestReceived omitted; None for health and version endpoints
 * and high-volume reads of system components (kube-proxy watches, node status reads, leader
 * election reads in kube-system); Metadata for Secrets, ConfigMaps, ServiceAccount tokens and
 * TokenReviews (never their bodies); RequestResponse for RBAC changes, exec/attach/port-forward,
 * and writes of admission policies, pods and pod controllers (a denial's reason is in the
 * response); Request for every other write; Metadata for every other read. Get it as
 * {@link policyDocument} / {@link policyYaml}, write it with {@link writePolicyFile}.
 *
 * The forwarder is a plain DaemonSet and ConfigMap (not fluent-operator's custom resources:
 * nothing more to install, and `hipaa-check` reads the configuration it ships). Its pods are
 * hardened by the shared PodHardening, but for what reading node logs needs, each accepted by a
 * waiver with a reason that expires on `waiversExpire`.
 */
export class AuditSink extends Construct {
  /** The audit Policy document (apiVersion audit.k8s.io/v1, kind Policy). */
  public readonly policyDocument: Record<string, any>;
  /** The namespace of the forwarder and the Policy ConfigMap. */
  public readonly namespace: string;
  /** The forwarder's DaemonSet, when a forwarder is configured. @default - none */
  public readonly forwarder?: LogForwarder;
  /** The forwarder's configuration (fluent-bit.conf, parsers.conf, redact.lua). @default - none */
  public readonly forwarderConfig?: k8s.KubeConfigMap;
  /** The Policy as a ConfigMap, when asked for. @default - none */
  public readonly policyConfigMap?: k8s.KubeConfigMap;

  constructor(scope: Construct, id: string, props: AuditSinkProps = {}) {
    sinkProps().validateAuditSinkProps(childPath(scope, id), props);
    super(scope, id);
    HipaaValidation.enable(Chart.of(this));
    this.namespace = props.namespace ?? DEFAULT_AUDIT_SINK_NAMESPACE;
    this.policyDocument = policyModule().auditPolicyDocument(props.policy);

    const labels: Record<string, string> = { [PHI_LABEL]: 'true', 'app.kubernetes.io/part-of': toLabelValue(id) };
    if (props.owner) labels[OWNER_LABEL] = toLabelValue(props.owner);
    const meta = (name: string) => ({ name, namespace: this.namespace, labels: { ...labels } });

    if (props.policyConfigMap || props.forwarder) this.createNamespace(labels, props.forwarder);
    if (props.policyConfigMap) {
      this.policyConfigMap = new k8s.KubeConfigMap(this, 'PolicyConfigMap', { metadata: meta('audit-policy'), data: { 'policy.yaml': this.policyYaml } });
    }
    if (props.forwarder) {
      const f = this.createForwarder(props.forwarder, meta, labels);
      this.forwarder = f.forwarder;
      this.forwarderConfig = f.config;
    }
  }

  /** The Policy as YAML, as the API server reads it with `--audit-policy-file`. */
  public get policyYaml(): string {
    const yaml = require('js-yaml') as typeof import('js-yaml');
    return yaml.dump(this.policyDocument, { noRefs: true, lineWidth: -1 });
  }

  /**
   * Writes the Policy to `file` (default: `audit-policy.yaml` in the app's output directory, next to
   * the synthesized manifests, where `hipaa-check` reads it with them). Call after `app.synth()`,
   * which empties that directory. Returns the path written.
   */
  public writePolicyFile(file?: string): string {
    const target = file ?? path.join(App.of(this).outdir, AUDIT_POLICY_FILE);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, this.policyYaml);
    return target;
  }

  /** The platform namespace: classified PHI (logs may hold it), default deny plus DNS. */
  private createNamespace(labels: Record<string, string>, forwarder: AuditSinkForwarderProps | undefined): void {
    const ns = new k8s.KubeNamespace(this, 'Namespace', {
      metadata: {
        name: this.namespace,
        labels: {
          ...labels,
          // Reading node logs needs hostPath volumes and root, which only the privileged level
          // admits; audit and warn stay at restricted, so every such pod is still reported.
          ...podSecurityLabels(forwarder ? 'privileged' : 'restricted'),
        },
      },
    });
    clusterScoped(ApiObject.of(ns));
    if (forwarder) {
      addWaivers(ns, [{
        ruleId: 'k8s-pod-security-admission-labels',
        reason: 'The log forwarder reads node log files through read-only hostPath mounts as root, which only the privileged level admits; audit and warn stay at restricted and the namespace holds nothing else.',
        expires: forwarder.waiversExpire,
      }, {
        // A Velero Schedule elsewhere in the app (or the checked set) would otherwise demand this namespace.
        ruleId: 'k8s-phi-namespace-backup',
        reason: 'Nothing here to restore: the forwarder keeps only read offsets and upload buffers on emptyDir volumes, the logs live in CloudWatch Logs or S3, and the objects are re-created from this chart.',
        expires: forwarder.waiversExpire,
      }, {
        // Mesh mTLS protects traffic between workloads; the forwarder takes part in none.
        ruleId: 'k8s-phi-namespace-mtls',
        reason: 'The forwarder accepts no connections (no ingress flow) and talks only to the API server and AWS endpoints, each over TLS it verifies; a sidecar would add nothing but another reader of node logs.',
        expires: forwarder.waiversExpire,
      }]);
    }
    const meta = (name: string) => ({ name, namespace: this.namespace, labels: { ...labels } });
    isolateNamespace(this, meta);
  }

  private createForwarder(
    f: AuditSinkForwarderProps,
    meta: (name: string) => { name: string; namespace: string; labels: Record<string, string> },
    labels: Record<string, string>,
  ): { forwarder: LogForwarder; config: k8s.KubeConfigMap } {
    const { fluentBitConf, redactionScript, PARSERS_CONF, DEFAULT_PHI_REDACTIONS } = forwarderConfig();
    const { parseLogGroupArn, parseBucketArn } = sinkProps();
    const group = f.logGroupArn !== undefined ? parseLogGroupArn(f.logGroupArn) : undefined;
    const bucket = f.bucketArn !== undefined ? parseBucketArn(f.bucketArn) : undefined;
    const { DEFAULT_MEM_BUF_MIB, DEFAULT_S3_BUFFER_MIB, DEFAULT_MEMORY_LIMIT_MIB, DEFAULT_EPHEMERAL_LIMIT_MIB, STATE_OVERHEAD_MIB } = sinkProps();
    const memBufLimitMib = f.memBufLimit?.toMebibytes() ?? DEFAULT_MEM_BUF_MIB;
    const s3BufferMib = f.s3BufferLimit?.toMebibytes() ?? DEFAULT_S3_BUFFER_MIB;

    const config = new k8s.KubeConfigMap(this, 'ForwarderConfig', {
      metadata: meta('fluent-bit-config'),
      data: {
        'fluent-bit.conf': fluentBitConf({
          region: f.region,
          logGroupName: group && 'name' in group ? group.name : undefined,
          bucketName: bucket && 'bucket' in bucket ? bucket.bucket : undefined,
          s3Prefix: f.s3Prefix ?? 'k8s-logs/',
          memBufLimitMib,
          s3BufferMib,
          configDir: CONFIG_DIR,
          stateDir: STATE_DIR,
          httpPort: HTTP_PORT,
        }),
        'parsers.conf': PARSERS_CONF,
        'redact.lua': redactionScript(f.redactions ?? DEFAULT_PHI_REDACTIONS),
      },
    });

    // IRSA: the role annotation; the API token is mounted for the kubernetes filter.
    const serviceAccount = new kplus.ServiceAccount(this, 'ServiceAccount', {
      automountToken: true,
      metadata: { ...meta('fluent-bit'), annotations: { 'eks.amazonaws.com/role-arn': f.roleArn } },
    });
    const role = new k8s.KubeClusterRole(this, 'PodReader', {
      metadata: { name: `${this.namespace}-fluent-bit-pod-reader`, labels: { ...labels } },
      rules: [{ apiGroups: [''], resources: ['pods', 'namespaces'], verbs: ['get', 'list', 'watch'] }],
    });
    const binding = new k8s.KubeClusterRoleBinding(this, 'PodReaderBinding', {
      metadata: { name: `${this.namespace}-fluent-bit-pod-reader`, labels: { ...labels } },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role.name },
      subjects: [{ kind: 'ServiceAccount', name: serviceAccount.name, namespace: this.namespace }],
    });
    // Cluster-scoped: cdk8s stamps the chart's namespace on every object.
    for (const o of [role, binding]) clusterScoped(o);

    const expires = f.waiversExpire;
    const waivers: Waiver[] = [
      { ruleId: 'k8s-host-path-volumes', reason: 'Fluent Bit reads container and node logs from the node; /var/log is mounted read-only and nothing else of the node is.', expires },
      { ruleId: 'k8s-run-as-non-root', reason: 'Container and journal log files on the node are owned by root with mode 0640 or 0600; the forwarder reads them as root, without capabilities and with a read-only root filesystem.', expires },
      { ruleId: 'k8s-run-as-non-root-user', reason: 'Container and journal log files on the node are owned by root with mode 0640 or 0600; the forwarder reads them as root, without capabilities and with a read-only root filesystem.', expires },
      { ruleId: 'k8s-service-account-token', reason: 'The kubernetes filter reads pod and namespace metadata from the API server with this token; its ClusterRole allows only get, list and watch on pods and namespaces.', expires },
    ];
    if (f.egress === undefined) {
      waivers.push({ ruleId: 'k8s-phi-open-egress', reason: 'The AWS CloudWatch Logs, S3 and STS endpoints and the API server have addresses unknown at synth; only TCP 443 is allowed and every output uses TLS. Give forwarder.egress with VPC endpoint CIDRs to narrow it.', expires });
    }
    const forwarder = new LogForwarder(this, 'Forwarder', {
      metadata: { name: 'fluent-bit', namespace: this.namespace, labels: { ...labels } },
      serviceAccount,
      automountServiceAccountToken: true,
      phi: true,
      owner: labelsOwner(labels),
      waivers,
      egress: f.egress ?? [{ to: kplus.NetworkPolicyIpBlock.anyIpv4(this, 'AnyIpv4'), ports: [kplus.NetworkPolicyPort.tcp(443)] }],
      containers: [{
        name: 'fluent-bit',
        image: f.image,
        imagePullPolicy: kplus.ImagePullPolicy.ALWAYS,
        portNumber: HTTP_PORT,
        args: ['--config', `${CONFIG_DIR}/fluent-bit.conf`],
        resources: f.resources ?? {
          cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) },
          memory: { request: Size.mebibytes(128), limit: Size.mebibytes(DEFAULT_MEMORY_LIMIT_MIB) },
          ephemeralStorage: { request: Size.gibibytes(1), limit: Size.gibibytes(DEFAULT_EPHEMERAL_LIMIT_MIB / 1024) },
        },
        liveness: kplus.Probe.fromHttpGet('/api/v1/health', { port: HTTP_PORT }),
        readiness: kplus.Probe.fromHttpGet('/api/v1/health', { port: HTTP_PORT }),
        // Root only to read the node's log files (owned by root, 0640/0600): no capabilities,
        // no privilege escalation, read-only root filesystem.
        securityContext: { ensureNonRoot: false, user: 0 },
        envVariables: { AWS_REGION: kplus.EnvValue.fromValue(f.region) },
      }],
    });
    const container = forwarder.containers[0];
    container.mount(LOG_DIR, kplus.Volume.fromHostPath(this, 'VarLog', 'varlog', { path: LOG_DIR, type: kplus.HostPathVolumeType.DIRECTORY }), { readOnly: true });
    container.mount(CONFIG_DIR, kplus.Volume.fromConfigMap(this, 'ConfigVolume', kplus.ConfigMap.fromConfigMapName(this, 'ConfigRef', config.name), { name: 'config' }), { readOnly: true });
    container.mount(STATE_DIR, kplus.Volume.fromEmptyDir(this, 'StateVolume', 'state', { sizeLimit: Size.mebibytes(s3BufferMib + STATE_OVERHEAD_MIB) }));
    return { forwarder, config };
  }
}

function labelsOwner(labels: Record<string, string>): string | undefined {
  return labels[OWNER_LABEL];
}
