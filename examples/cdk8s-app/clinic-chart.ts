import { Chart, ChartProps, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
// In your own project: import { ... } from 'hipaa-constructs/cdk8s';
import { HipaaNamespace, HipaaValidation, SecureDeployment } from '../../lib/cdk8s';

/** Images are pinned by digest in the team's private ECR registry. */
const REGISTRY = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const PORTAL_IMAGE = `${REGISTRY}/clinic/patient-portal:2.3.1@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945`;
const RECORDS_IMAGE = `${REGISTRY}/clinic/records-api:1.8.0@sha256:9b2a0c8e5d6f7a1b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70819203`;

/**
 * A PHI service: a patient portal that users reach through the cluster's ingress controller,
 * and the records API behind it, which holds the database credentials and talks to the
 * database subnet. Everything else is denied.
 */
export class ClinicChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { ...props, namespace: 'patient-records' });
    HipaaValidation.enable(this, { allowedRegistries: [REGISTRY] });

    new HipaaNamespace(this, 'patient-records', {
      owner: 'clinical-platform',
      access: {
        readers: ['clinic-oncall'],
        operators: ['clinic-sre'],
        admins: ['clinic-platform-admins'],
        auditors: ['compliance-auditors'],
      },
    });

    const resources = (cpu: number, memoryMi: number) => ({
      cpu: { request: kplus.Cpu.millis(cpu), limit: kplus.Cpu.millis(cpu * 2) },
      memory: { request: Size.mebibytes(memoryMi), limit: Size.mebibytes(memoryMi * 2) },
      ephemeralStorage: { request: Size.gibibytes(1), limit: Size.gibibytes(2) },
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
        envVariables: { DB_HOST: kplus.EnvValue.fromValue('records-db.internal') },
      }],
      secrets: [{ secret: kplus.Secret.fromSecretName(this, 'records-db-credentials', 'records-db-credentials'), mountPath: '/var/run/secrets/records-db' }],
      egress: [{
        to: kplus.NetworkPolicyIpBlock.ipv4(this, 'records-db-subnet', '10.20.0.0/24'),
        ports: [kplus.NetworkPolicyPort.tcp(5432)],
      }],
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
      // Only the portal's side of this flow is written: the app does not create ingress-nginx,
      // so nothing is written into it (its owners allow the egress on their side).
      ingress: [{
        from: kplus.Namespaces.select(this, 'ingress-controller', { names: ['ingress-nginx'] }),
        ports: [kplus.NetworkPolicyPort.tcp(8443)],
      }],
      // The portal calls the records API; the matching ingress policy on records-api is created too.
      egress: [{ to: records, ports: [kplus.NetworkPolicyPort.tcp(8080)] }],
    });
    portal.exposeViaService({ name: 'patient-portal', ports: [{ port: 443, targetPort: 8443 }] });

  }
}
