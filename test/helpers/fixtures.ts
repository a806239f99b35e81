/**
 * Small, readable manifests that pass the whole Kubernetes pack. A rule test copies one,
 * breaks exactly one thing, and asserts the rule flags it (and passes the original).
 */
export const DIGEST = 'sha256:' + 'a'.repeat(64);
export const IMAGE = `123456789012.dkr.ecr.us-east-1.amazonaws.com/clinic/api@${DIGEST}`;
export const NS = 'clinic';

export const namespace = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: {
    name: NS,
    labels: {
      'hipaa-constructs.io/phi': 'true',
      'hipaa-constructs.io/owner': 'platform-team',
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'v1.28',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/audit-version': 'v1.28',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/warn-version': 'v1.28',
    },
    // Mutual TLS through Linkerd with a deny default (k8s-phi-namespace-mtls).
    annotations: { 'linkerd.io/inject': 'enabled', 'config.linkerd.io/default-inbound-policy': 'deny' },
  },
};

export const defaultDeny = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'default-deny', namespace: NS },
  spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
};

export const serviceAccount = {
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: { name: 'api', namespace: NS, labels: { 'hipaa-constructs.io/phi': 'true' } },
  automountServiceAccountToken: false,
};

export const podLabels = { 'app.kubernetes.io/name': 'api', 'hipaa-constructs.io/phi': 'true' };

export const podSpec = {
  serviceAccountName: 'api',
  automountServiceAccountToken: false,
  securityContext: {
    runAsNonRoot: true,
    runAsUser: 10001,
    runAsGroup: 10001,
    fsGroup: 10001,
    seccompProfile: { type: 'RuntimeDefault' },
  },
  containers: [
    {
      name: 'api',
      image: IMAGE,
      imagePullPolicy: 'Always',
      ports: [{ containerPort: 8080 }],
      securityContext: {
        allowPrivilegeEscalation: false,
        privileged: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        capabilities: { drop: ['ALL'] },
      },
      resources: {
        requests: { 'cpu': '100m', 'memory': '128Mi', 'ephemeral-storage': '64Mi' },
        limits: { 'cpu': '500m', 'memory': '256Mi', 'ephemeral-storage': '128Mi' },
      },
      livenessProbe: { httpGet: { path: '/livez', port: 8080 } },
      readinessProbe: { httpGet: { path: '/readyz', port: 8080 } },
      volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
    },
  ],
  volumes: [{ name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } }],
};

export const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', namespace: NS, labels: podLabels },
  spec: {
    replicas: 2,
    selector: { matchLabels: { 'app.kubernetes.io/name': 'api' } },
    template: {
      metadata: {
        labels: podLabels,
        annotations: { 'container.apparmor.security.beta.kubernetes.io/api': 'runtime/default' },
      },
      spec: podSpec,
    },
  },
};

export const apiPolicy = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'api', namespace: NS },
  spec: {
    podSelector: { matchLabels: { 'app.kubernetes.io/name': 'api' } },
    policyTypes: ['Ingress'],
    // From the ingress controller's namespace only: a rule without `from` admits every address (k8s-phi-open-ingress).
    ingress: [{
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }],
      ports: [{ port: 8080, protocol: 'TCP' }],
    }],
  },
};

export const apiBudget = {
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: 'api', namespace: NS },
  spec: { maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'api' } } },
};

/** A whole namespace with one workload that passes every rule. */
export function compliantSet(): object[] {
  return JSON.parse(JSON.stringify([namespace, defaultDeny, serviceAccount, deployment, apiPolicy, apiBudget]));
}
