import type { Rule } from '../../../check/rule';
import { containerLabel, podTemplate, POD_KINDS } from '../pod';

/** Secrets reach containers as read-only files, never as environment variables. */
export const secretsAsFiles: Rule = {
  id: 'k8s-secrets-as-files',
  title: 'Secrets must be mounted as read-only files, not passed in environment variables',
  description:
    'Environment variables leak: they are inherited by every child process, printed by crash handlers, debug endpoints and ' +
    '`kubectl describe`-style tooling, captured in core dumps, and readable in /proc/<pid>/environ. A Secret mounted as a ' +
    'read-only file (mode 0400) is visible only to the container that mounts it, is updated in place when the Secret ' +
    'rotates, and can be audited as a volume (Kubernetes "Good practices for Kubernetes Secrets", CIS Kubernetes Benchmark ' +
    '5.4.1, Checkov CKV_K8S_35). Applies to env[].valueFrom.secretKeyRef and envFrom[].secretRef of containers, init ' +
    'containers and ephemeral containers.',
  severity: 'error',
  controls: ['164.312(a)(2)(iv)', '164.312(a)(1)'],
  kinds: POD_KINDS,
  fix:
    'Add a secret volume (secret.secretName, defaultMode: 0400), mount it readOnly: true in the container, and have the ' +
    'program read the key from the file (many accept a <NAME>_FILE variable pointing at it).',
  check(resource, _ctx, report) {
    const pod = podTemplate(resource);
    if (!pod) return;
    for (const ref of pod.containers) {
      const env = ref.container.env;
      if (Array.isArray(env)) {
        for (let i = 0; i < env.length; i++) {
          const keyRef = env[i]?.valueFrom?.secretKeyRef;
          if (keyRef === undefined || keyRef === null) continue;
          const secret = keyRef.name ?? '?';
          const key = keyRef.key ?? '?';
          const variable = env[i].name ?? '?';
          report({
            path: `${ref.path}.env[${i}].valueFrom.secretKeyRef`,
            message: `${containerLabel(ref)} reads key '${key}' of Secret '${secret}' into environment variable '${variable}'`,
            fix:
              `Remove ${ref.path}.env[${i}]; add a volume {name: secret-${secret}, secret: {secretName: ${secret}, defaultMode: 0400}}, ` +
              `mount it in ${containerLabel(ref)} with readOnly: true (e.g. at /var/run/secrets/${secret}), and read ` +
              `/var/run/secrets/${secret}/${key} (e.g. set ${variable}_FILE to that path).`,
          });
        }
      }
      const envFrom = ref.container.envFrom;
      if (Array.isArray(envFrom)) {
        for (let i = 0; i < envFrom.length; i++) {
          const secretRef = envFrom[i]?.secretRef;
          if (secretRef === undefined || secretRef === null) continue;
          const secret = secretRef.name ?? '?';
          report({
            path: `${ref.path}.envFrom[${i}].secretRef`,
            message: `${containerLabel(ref)} loads every key of Secret '${secret}' into environment variables`,
            fix:
              `Remove ${ref.path}.envFrom[${i}]; add a volume {name: secret-${secret}, secret: {secretName: ${secret}, defaultMode: 0400}}, ` +
              `mount it in ${containerLabel(ref)} with readOnly: true (e.g. at /var/run/secrets/${secret}), and read each key from its file there.`,
          });
        }
      }
    }
  },
};
