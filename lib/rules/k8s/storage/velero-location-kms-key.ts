import type { Rule } from '../../../check/rule';
import { KMS_KEY_ARN_EXAMPLE, parseKmsKey } from '../support/kms-key';

const AWS_PROVIDERS: ReadonlySet<string> = new Set(['aws', 'velero.io/aws']);

/** Velero backup locations on AWS encrypt backups with a customer-managed KMS key. */
export const veleroLocationKmsKey: Rule = {
  id: 'k8s-velero-location-kms-key',
  title: 'Velero backup storage locations on AWS must name a customer-managed KMS key',
  description:
    'Velero does not encrypt backups itself: a BackupStorageLocation of provider aws writes the backup tarballs, which ' +
    'hold every manifest and Secret of the backed-up namespaces, to S3 under the bucket\'s default encryption. The AWS ' +
    'plugin encrypts them with a customer-managed KMS key only when spec.config.kmsKeyId names one (key or alias ARN, key ' +
    'id or alias name; AWS-managed aliases under alias/aws/ do not count). Locations of other providers are not judged here.',
  severity: 'error',
  controls: ['164.312(a)(2)(iv)', '164.308(a)(7)(ii)(A)', '164.310(d)(2)(iv)'],
  kinds: ['BackupStorageLocation'],
  fix: `Set spec.config.kmsKeyId to the ARN of a customer-managed KMS key the Velero role may use, e.g. ${KMS_KEY_ARN_EXAMPLE}.`,
  check(resource, _ctx, report) {
    if (!resource.apiVersion?.startsWith('velero.io/')) return;
    const spec = resource.body.spec;
    const provider: unknown = spec?.provider;
    if (typeof provider !== 'string' || !AWS_PROVIDERS.has(provider)) return;
    const key: unknown = spec?.config?.kmsKeyId;
    const where = `BackupStorageLocation '${resource.name}' (provider ${provider})`;
    if (key === undefined) {
      report({ path: 'spec.config.kmsKeyId', message: `${where} sets no spec.config.kmsKeyId: backups are stored under the bucket's default encryption, not a customer-managed key` });
      return;
    }
    const parsed = parseKmsKey(key);
    if (parsed.problem !== undefined) {
      report({ path: 'spec.config.kmsKeyId', message: `${where} has spec.config.kmsKeyId that ${parsed.problem}` });
    } else if (parsed.key.awsManaged) {
      report({ path: 'spec.config.kmsKeyId', message: `${where} has spec.config.kmsKeyId '${key as string}', an AWS-managed key, not a customer-managed one` });
    }
  },
};
