/** Audit Policies and Fluent Bit forwarders for the audit rule tests. */

/** An audit Policy document with the given rules. */
export function policy(rules: unknown[] | undefined, extra: Record<string, unknown> = {}): Record<string, any> {
  return { apiVersion: 'audit.k8s.io/v1', kind: 'Policy', ...(rules === undefined ? {} : { rules }), ...extra };
}

/** A minimal Policy that passes every audit rule. */
export const GOOD_RULES = [
  { level: 'None', nonResourceURLs: ['/healthz*'] },
  { level: 'Metadata', resources: [{ group: '', resources: ['secrets', 'configmaps'] }, { group: 'authentication.k8s.io', resources: ['tokenreviews'] }] },
  { level: 'RequestResponse', resources: [{ group: 'rbac.authorization.k8s.io' }, { group: '', resources: ['pods/exec', 'pods/attach', 'pods/portforward'] }] },
  { level: 'Request', verbs: ['create', 'update', 'patch', 'delete'] },
  { level: 'Metadata' },
];

/** A ConfigMap holding `text` under `key`. */
export function configMap(name: string, data: Record<string, string>, namespace = 'logging'): Record<string, any> {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, labels: { 'hipaa-constructs.io/phi': 'true' } }, data };
}

/** A DaemonSet running `image` with the ConfigMap `config` mounted. */
export function daemonSet(config: string, image = 'fluent/fluent-bit:3.2.2', namespace = 'logging'): Record<string, any> {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'fluent-bit', namespace },
    spec: {
      selector: { matchLabels: { app: 'fluent-bit' } },
      template: {
        metadata: { labels: { app: 'fluent-bit' } },
        spec: {
          containers: [{ name: 'fluent-bit', image, volumeMounts: [{ name: 'config', mountPath: '/fluent-bit/etc' }] }],
          volumes: [{ name: 'config', configMap: { name: config } }],
        },
      },
    },
  };
}

/** A classic Fluent Bit configuration with a tail input, the given filters and outputs. */
export function fluentBitConf(filters: string, outputs: string): string {
  return ['[SERVICE]', '    Flush 5', '', '[INPUT]', '    Name tail', '    Tag kube.*', '    Path /var/log/containers/*.log', '', filters, outputs].join('\n');
}

export const LUA_FILTER = '[FILTER]\n    Name lua\n    Match *\n    script /fluent-bit/etc/redact.lua\n    call redact\n';
export const CW_OUTPUT = '[OUTPUT]\n    Name cloudwatch_logs\n    Match kube.*\n    region us-east-1\n    log_group_name /clinic/logs\n';
