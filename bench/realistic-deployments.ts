/**
 * Realistic Deployments as YAML text, the shape third-party charts and platform teams write:
 * two containers (app and a log shipper sidecar), probes, resources, env (literal values,
 * secret and field references), volumes and mounts, labels and annotations; ~140 lines each.
 * Deterministic; some objects carry typical findings (tag instead of digest, a missing probe).
 */
import * as yaml from 'js-yaml';

const TEAMS = ['clinic', 'billing', 'imaging', 'records', 'portal'];

function deployment(i: number): object {
  const team = TEAMS[i % TEAMS.length];
  const name = `svc-${i}`;
  const digest = 'sha256:' + ((i * 2654435761) % 4294967296).toString(16).padStart(8, '0').repeat(8);
  const image = i % 7 === 0
    ? `123456789012.dkr.ecr.us-east-1.amazonaws.com/${team}/${name}:1.${i % 10}.0`
    : `123456789012.dkr.ecr.us-east-1.amazonaws.com/${team}/${name}@${digest}`;
  const labels = {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/instance': `${name}-prod`,
    'app.kubernetes.io/part-of': team,
    'hipaa-constructs.io/phi': 'true',
  };
  const secure = { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } };
  const probe = (path: string, delay: number) => ({ httpGet: { path, port: 'http' }, initialDelaySeconds: delay, periodSeconds: 10 });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: team,
      labels: { ...labels, 'helm.sh/chart': `${team}-0.${i % 20}.0` },
      annotations: { 'meta.helm.sh/release-name': `${name}-prod`, 'meta.helm.sh/release-namespace': team },
    },
    spec: {
      replicas: 2 + (i % 3),
      revisionHistoryLimit: 5,
      selector: { matchLabels: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': `${name}-prod` } },
      template: {
        metadata: { labels, annotations: { 'checksum/config': digest.slice(7, 39) } },
        spec: {
          serviceAccountName: name,
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name: 'app',
              image,
              imagePullPolicy: 'Always',
              args: ['--port=8080', `--log-level=${i % 2 ? 'info' : 'debug'}`],
              ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
              env: [
                { name: 'APP_ENV', value: 'production' },
                { name: 'APP_NAME', value: name },
                { name: 'DB_HOST', value: `${team}-db.${team}.svc` },
                { name: 'DB_PASSWORD_FILE', value: '/var/run/secrets/db/password' },
                { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: `${name}-api`, key: 'token' } } },
              ],
              resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { 'cpu': '1', 'memory': '512Mi', 'ephemeral-storage': '1Gi' } },
              ...(i % 11 === 0 ? {} : { livenessProbe: probe('/healthz', 10) }),
              readinessProbe: probe('/ready', 5),
              volumeMounts: [
                { name: 'tmp', mountPath: '/tmp' },
                { name: 'config', mountPath: '/etc/app', readOnly: true },
                { name: 'db', mountPath: '/var/run/secrets/db', readOnly: true },
              ],
              securityContext: secure,
            },
            {
              name: 'log-shipper',
              image: `123456789012.dkr.ecr.us-east-1.amazonaws.com/platform/fluent-bit@${digest}`,
              imagePullPolicy: 'Always',
              resources: { requests: { cpu: '20m', memory: '32Mi' }, limits: { 'cpu': '100m', 'memory': '64Mi', 'ephemeral-storage': '512Mi' } },
              readinessProbe: { tcpSocket: { port: 2020 }, periodSeconds: 10 },
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
              securityContext: secure,
            },
          ],
          volumes: [
            { name: 'tmp', emptyDir: { sizeLimit: '256Mi' } },
            { name: 'config', configMap: { name: `${name}-config`, defaultMode: 0o444 } },
            { name: 'db', secret: { secretName: `${name}-db`, defaultMode: 0o400 } },
          ],
          terminationGracePeriodSeconds: 30,
        },
      },
    },
  };
}

/** `n` Deployments as one multi-document YAML stream. */
export function realisticDeploymentsYaml(n: number): string {
  const docs: string[] = [];
  for (let i = 0; i < n; i++) docs.push(yaml.dump(deployment(i), { lineWidth: 200, noRefs: true }));
  return docs.join('---\n');
}
