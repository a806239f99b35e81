import { Chart, ChartProps, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
// In your own project: import { ... } from 'hipaa-constructs/cdk8s';
import {
  BackupSchedule, EncryptedVolume, EncryptedVolumeProvider, HipaaNamespace, HipaaValidation, ImagePolicy, KmsSecretStore, NetworkPolicyProbe,
  SecureDeployment, SecureIngress, SecureStatefulSet,
} from '../../lib/cdk8s';

/** Images are pinned by digest in the team's private ECR registry. */
const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const PORTAL_IMAGE = `${REGISTRY}/clinic/patient-portal:2.3.1@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945`;
const RECORDS_IMAGE = `${REGISTRY}/clinic/records-api:1.8.0@sha256:9b2a0c8e5d6f7a1b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70819203`;
const KUBECTL_IMAGE = `${REGISTRY}/mirror/kubectl:1.28.15@sha256:7e1f0c2d3b4a5968778695a4b3c2d1e0f9e8d7c6b5a49382716051f4e3d2c1b0`;
const BUSYBOX_IMAGE = `${REGISTRY}/mirror/busybox:1.37.0@sha256:5c2e1f0a9b8d7c6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e`;
const POSTGRES_IMAGE = `${REGISTRY}/mirror/postgres:16.4@sha256:1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d`;

/** The public half of the team's cosign signing key (the private half stays in the CI pipeline's KMS). */
export const COSIGN_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEbemiMf8vb76LSf2dQmAm/WbiYCam
9k3j/7CJQy3a9pzP26QrxM+MjgjJxW21mZe0A90jpgUGBMtCoNeUy658vQ==
-----END PUBLIC KEY-----`;

/** The customer-managed key the database volumes are encrypted with (created by the platform's KMS stack). */
export const DATA_KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/**
 * The cloud resources the chart uses, created by the platform's AWS stack (examples/pulumi-eks
 * passes the ones its components created).
 */
export interface ClinicCloud {
  /** The AWS region of the key, the secrets and the bucket. */
  readonly region: string;
  /** The customer-managed key of the database volumes and the backups. */
  readonly dataKeyArn: string;
  /** The IAM role (IRSA) the secret store assumes to read Secrets Manager. */
  readonly secretsRoleArn: string;
  /** The Object Lock bucket Velero writes the backups to. */
  readonly backupBucket: string;
}

/**
 * The VPC's database subnets (a secondary CIDR block of the VPC holding the RDS subnet group): the
 * managed reporting database (Amazon RDS for PostgreSQL) the records API also reads. AWS runs it, so
 * the BAA register (hipaa-baa.yaml) lists this block under AWS, service rds, not as the team's own network.
 */
export const REPORTING_DB_SUBNET = '10.20.0.0/16';

/**
 * The evidence `npx cdk8s synth` writes (main.ts; paths against the working directory, which is
 * examples/cdk8s-app there): every report into dist/compliance, next to the manifests, and the BAA
 * register every destination outside the cluster is checked against.
 */
export const CLINIC_EVIDENCE = { reports: 'dist/compliance', baaRegister: 'hipaa-baa.yaml' } as const;

/** The ServiceAccount the secret store reads Secrets Manager as (IRSA). */
export const SECRETS_SERVICE_ACCOUNT = 'records-secrets';

/** The identifiers of the team's account, as a cdk8s-only user writes them. */
export const DEFAULT_CLOUD: ClinicCloud = {
  region: 'us-east-1',
  dataKeyArn: DATA_KEY_ARN,
  secretsRoleArn: 'arn:aws:iam::123456789012:role/patient-records-secrets-reader',
  backupBucket: 'clinic-phi-backups',
};

/** Props of the clinic chart. */
export interface ClinicChartProps extends ChartProps {
  /** The cloud resources the chart uses. @default DEFAULT_CLOUD */
  readonly cloud?: ClinicCloud;
}

/**
 * A PHI service: a patient portal that users reach through the cluster's ingress controller,
 * the records API behind it, and the PostgreSQL database the API keeps records in, on volumes
 * encrypted with the team's KMS key, with credentials fetched from AWS Secrets Manager.
 * Everything else is denied.
 */
export class ClinicChart extends Chart {
  constructor(scope: Construct, id: string, props: ClinicChartProps = {}) {
    const { cloud = DEFAULT_CLOUD, ...chartProps } = props;
    super(scope, id, { ...chartProps, namespace: 'patient-records' });
    HipaaValidation.enable(this, { allowedRegistries: [REGISTRY] });

    const namespace = new HipaaNamespace(this, 'patient-records', {
      owner: 'clinical-platform',
      // Mutual TLS between every pod (Istio with its CNI plugin: PeerAuthentication STRICT). The
      // flows declared below become the only ALLOW rules; the ingress controller joins the mesh.
      mesh: { provider: 'istio' },
      access: {
        readers: ['clinic-oncall'],
        operators: ['clinic-sre'],
        admins: ['clinic-platform-admins'],
        auditors: ['compliance-auditors'],
      },
    });

    // Admission (Kubernetes 1.30+, Kyverno 1.17+): in PHI namespaces the API server refuses images
    // not pinned by digest, from another registry, or pods without the PHI label; Kyverno refuses
    // images (mirrored ones too, re-signed by the mirror job) without the team's signature and SBOM.
    new ImagePolicy(this, 'image-policy', {
      allowedRegistries: [REGISTRY],
      namespaces: [namespace],
      signatures: { publicKey: COSIGN_PUBLIC_KEY, requireSbom: true },
    });

    const resources = (cpu: number, memoryMi: number) => ({
      cpu: { request: kplus.Cpu.millis(cpu), limit: kplus.Cpu.millis(cpu * 2) },
      memory: { request: Size.mebibytes(memoryMi), limit: Size.mebibytes(memoryMi * 2) },
      ephemeralStorage: { request: Size.gibibytes(1), limit: Size.gibibytes(2) },
    });

    // Database volumes: EBS gp3 under the customer key, retained when claims or the set go away.
    const storage = new EncryptedVolume(this, 'records-db-storage', {
      provider: EncryptedVolumeProvider.awsEbs({ kmsKeyId: cloud.dataKeyArn }),
      storageClassName: 'records-db-encrypted',
      owner: 'records-team',
    });

    // Credentials come from Secrets Manager through the store's IAM role (IRSA), never from YAML.
    const secrets = new KmsSecretStore(this, 'secrets', {
      region: cloud.region,
      roleArn: cloud.secretsRoleArn,
      // A fixed name: the IAM role's trust policy (examples/pulumi-eks) names this ServiceAccount.
      serviceAccountName: SECRETS_SERVICE_ACCOUNT,
      owner: 'records-team',
    });
    const dbCredentials = secrets.addSecret('records-db-credentials', {
      remoteKey: 'patient-records/records-db',
      keys: { username: 'username', password: 'password' },
    });

    const db = new SecureStatefulSet(this, 'records-db', {
      // A fixed name: its claims are data-records-db-0, ..., which the restore test below waits for.
      metadata: { name: 'records-db' },
      owner: 'records-team',
      replicas: 1,
      serviceName: 'records-db',
      containers: [{
        name: 'postgres',
        image: POSTGRES_IMAGE,
        portNumber: 5432,
        resources: resources(500, 1024),
        // The socket goes to the in-memory /tmp: the root filesystem is read-only.
        args: ['-c', 'unix_socket_directories=/tmp'],
        liveness: kplus.Probe.fromCommand(['pg_isready', '-h', '/tmp', '-U', 'postgres']),
        readiness: kplus.Probe.fromCommand(['pg_isready', '-h', '/tmp', '-U', 'postgres']),
        envVariables: {
          PGDATA: kplus.EnvValue.fromValue('/var/lib/postgresql/data/pgdata'),
          POSTGRES_USER_FILE: kplus.EnvValue.fromValue('/var/run/secrets/records-db/username'),
          POSTGRES_PASSWORD_FILE: kplus.EnvValue.fromValue('/var/run/secrets/records-db/password'),
        },
      }],
      secrets: [{ secret: dbCredentials, mountPath: '/var/run/secrets/records-db' }],
      volumeClaims: [{ name: 'data', mountPath: '/var/lib/postgresql/data', size: Size.gibibytes(100), storage }],
    });

    const records = new SecureDeployment(this, 'records-api', {
      owner: 'records-team',
      replicas: 3,
      containers: [{
        name: 'records-api',
        image: RECORDS_IMAGE,
        portNumber: 8080,
        resources: resources(250, 256),
        liveness: kplus.Probe.fromHttpGet('/livez', { port: 8080 }),
        readiness: kplus.Probe.fromHttpGet('/readyz', { port: 8080 }),
        envVariables: { DB_HOST: kplus.EnvValue.fromValue('records-db') },
      }],
      secrets: [{ secret: dbCredentials, mountPath: '/var/run/secrets/records-db' }],
      egress: [
        // The API talks to the database; the matching ingress policy on records-db is created too.
        { to: db, ports: [kplus.NetworkPolicyPort.tcp(5432)] },
        // And reads the reporting database on RDS, in the VPC's database subnets, over TLS (the RDS
        // parameter group sets rds.force_ssl=1; the API connects with sslmode=verify-full). A /16 at
        // most: k8s-phi-open-egress refuses wider blocks.
        { to: kplus.NetworkPolicyIpBlock.ipv4(this, 'reporting-db-subnet', REPORTING_DB_SUBNET), ports: [kplus.NetworkPolicyPort.tcp(5432)] },
      ],
    });
    records.exposeViaService({ name: 'records-api', ports: [{ port: 8080, targetPort: 8080 }] });

    const portal = new SecureDeployment(this, 'patient-portal', {
      owner: 'portal-team',
      replicas: 2,
      containers: [{
        name: 'patient-portal',
        image: PORTAL_IMAGE,
        portNumber: 8443,
        resources: resources(200, 256),
        liveness: kplus.Probe.fromHttpGet('/healthz/live', { port: 8443, scheme: kplus.ConnectionScheme.HTTPS }),
        readiness: kplus.Probe.fromHttpGet('/healthz/ready', { port: 8443, scheme: kplus.ConnectionScheme.HTTPS }),
        envVariables: { RECORDS_URL: kplus.EnvValue.fromValue('http://records-api:8080') },
      }],
      secrets: [{ secret: kplus.Secret.fromSecretName(this, 'portal-tls', 'patient-portal-tls'), mountPath: '/etc/portal/tls' }],
      // The portal calls the records API; the matching ingress policy on records-api is created too.
      egress: [{ to: records, ports: [kplus.NetworkPolicyPort.tcp(8080)] }],
    });
    const portalService = portal.exposeViaService({ name: 'patient-portal', ports: [{ port: 443, targetPort: 8443 }] });

    // The way in: ingress-nginx terminates TLS with a cert-manager certificate, redirects HTTP,
    // re-encrypts to the portal and verifies its certificate against the internal CA. The portal's
    // NetworkPolicy admits the controller's pods on 8443; nothing is written into ingress-nginx.
    new SecureIngress(this, 'portal-ingress', {
      metadata: { name: 'patient-portal' },
      owner: 'portal-team',
      rules: [{ host: 'portal.clinic.example.com', backend: { service: portalService, workload: portal } }],
      certificate: { issuer: 'letsencrypt-production' },
      backendTls: { caSecret: 'internal-ca' },
    });

    // Isolation, tested every 30 minutes: a probe running as a workload of the namespace must get no
    // answer from the ingress controller, the API server or the internet, must resolve names, and must
    // reach the records API over the one flow declared for it; any difference fails its Job. Its pod
    // stays out of the Istio mesh so it meets the NetworkPolicies, not its own sidecar (a waiver of
    // k8s-phi-namespace-mtls until meshWaiverExpires); the mesh's authorization is not what it tests.
    new NetworkPolicyProbe(this, 'isolation-probe', {
      namespaces: [namespace],
      image: BUSYBOX_IMAGE,
      mustDeny: [
        'ingress-nginx-controller.ingress-nginx.svc.cluster.local:443',
        'kubernetes.default.svc.cluster.local:443',
        '1.1.1.1:443',
      ],
      mustAllow: [{ target: 'records-api.patient-records.svc.cluster.local:8080', to: records }],
      meshWaiverExpires: '2027-11-30',
    });


    // Backups every 6 hours into an S3 bucket under the customer key, kept 90 days, and a weekly
    // test that restores the newest one into a scratch namespace and fails loudly if it cannot.
    new BackupSchedule(this, 'records-backup', {
      namespaces: [namespace],
      schedule: '0 */6 * * *',
      rpo: Duration.hours(6),
      rto: Duration.hours(4),
      retention: Duration.days(90),
      storage: { bucket: cloud.backupBucket, region: cloud.region, kmsKeyId: cloud.dataKeyArn },
      owner: 'clinical-platform',
      restoreTest: {
        image: KUBECTL_IMAGE,
        apiServer: { cidrs: ['10.0.0.0/24'] },
        expectedClaims: ['data-records-db-0'],
        waivers: [{
          ruleId: 'k8s-service-account-token',
          reason: 'The restore test creates Velero Restores through the API; its Roles allow only that and its egress reaches only the API server',
          owner: 'clinical-platform',
          // Re-evaluated yearly: renew the date after reviewing the test's Roles.
          expires: '2027-11-30',
        }],
      },
    });
  }
}
