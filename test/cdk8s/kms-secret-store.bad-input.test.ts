import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { KmsSecretStore, KmsSecretStoreProps, SecureDeployment, StoredSecret } from '../../lib/cdk8s';
import { container, expectRefusal, newChart } from '../helpers/cdk8s';

const ROLE = 'arn:aws:iam::123456789012:role/clinic-secrets';

function store(props: Record<string, unknown>, chart = newChart()): KmsSecretStore {
  return new KmsSecretStore(chart, 'secrets', { region: 'us-east-1', roleArn: ROLE, ...props } as unknown as KmsSecretStoreProps);
}

describe('KmsSecretStore refuses bad props, naming the construct path, the prop and the fix', () => {
  test.each([
    ['not an ARN', 'clinic-secrets', "'clinic-secrets' is not an ARN of the form arn:<partition>:iam::<account>:role/<name> (expected e.g. arn:aws:iam::123456789012:role/clinic-secrets-reader)"],
    ['an unknown partition', 'arn:aws-eu:iam::123456789012:role/r', "'arn:aws-eu:iam::123456789012:role/r' has partition 'aws-eu'; expected aws, aws-us-gov or aws-cn"],
    ['another service', 'arn:aws:kms::123456789012:role/r', "'arn:aws:kms::123456789012:role/r' is an ARN of service 'kms', not iam (an IAM role ARN is arn:aws:iam::<account>:role/<name>)"],
    ['a region', 'arn:aws:iam:us-east-1:123456789012:role/r', "'arn:aws:iam:us-east-1:123456789012:role/r' has region 'us-east-1'; IAM ARNs have none (arn:aws:iam::<account>:role/<name>)"],
    ['a short account', 'arn:aws:iam::12345:role/r', "'arn:aws:iam::12345:role/r' has account '12345'; expected 12 digits"],
    ['a user', 'arn:aws:iam::123456789012:user/ci', "'arn:aws:iam::123456789012:user/ci' names a user, not a role; expected role/<name> (IRSA assumes a role, never a user's keys)"],
    ['a bad role name', 'arn:aws:iam::123456789012:role/team/bad name', "'arn:aws:iam::123456789012:role/team/bad name' has role name 'bad name'; expected 1 to 64 letters, digits or + = , . @ _ -"],
    ['no role name', 'arn:aws:iam::123456789012:role/team/', "'arn:aws:iam::123456789012:role/team/' has role name ''; expected 1 to 64 letters, digits or + = , . @ _ -"],
    ['whitespace', ` ${ROLE}`, `' ${ROLE}' has leading or trailing whitespace`],
  ])('roleArn with %s', (_what, roleArn, problem) => {
    expectRefusal(
      () => store({ roleArn }),
      `[test/secrets] roleArn: ${problem}. Give the ARN of the IAM role the store's ServiceAccount assumes through IRSA, e.g. arn:aws:iam::123456789012:role/clinic-secrets-reader.`,
    );
  });

  test('a role with a path, and roles of the GovCloud and China partitions in their regions, are accepted', () => {
    const arn = 'arn:aws:iam::123456789012:role/platform/secrets/clinic-reader';
    const chart = newChart();
    store({ roleArn: arn }, chart);
    expect(Testing.synth(chart).find((m) => m.kind === 'ServiceAccount').metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': arn });
    expect(() => store({ roleArn: 'arn:aws-us-gov:iam::123456789012:role/r', region: 'us-gov-west-1' })).not.toThrow();
    expect(() => store({ roleArn: 'arn:aws-cn:iam::123456789012:role/r', region: 'cn-north-1' })).not.toThrow();
  });

  test('every problem at once: region, role partition, service, mode, names, v1beta1 apiVersion', () => {
    expectRefusal(
      () => store({ region: 'us-east', roleArn: undefined, service: 'CertificateManager', mode: 'vault', name: 'AWS_Store', serviceAccountName: 'Clinic SA', apiVersion: 'external-secrets.io/v1beta1', phi: 'yes' }),
      [
        '[test/secrets] 8 problems in the props (all are listed; fix each):',
        '- apiVersion: external-secrets.io/v1beta1 is not served by External Secrets Operator 0.17 and later: KmsSecretStore writes external-secrets.io/v1 only (k8s-external-secrets-v1). Remove apiVersion.',
        "- region: 'us-east' is not an AWS region (expected e.g. us-east-1, eu-central-1, us-gov-west-1). Give the region that holds the secrets, e.g. 'us-east-1'.",
        "- roleArn: is missing. Give the ARN of the IAM role the store's ServiceAccount assumes through IRSA, e.g. arn:aws:iam::123456789012:role/clinic-secrets-reader.",
        "- service: expected one of 'SecretsManager', 'ParameterStore', got a string (\"CertificateManager\").",
        "- mode: expected one of 'external-secrets', 'csi', got a string (\"vault\").",
        "- name: SecretStore name 'AWS_Store' is not a valid DNS-1123 subdomain: use only lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters (k8s-valid-name). Rename name to a valid DNS-1123 subdomain, e.g. 'aws-store'.",
        "- serviceAccountName: ServiceAccount name 'Clinic SA' is not a valid DNS-1123 subdomain: use only lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters (k8s-valid-name). Rename serviceAccountName to a valid DNS-1123 subdomain, e.g. 'clinic-sa'.",
        '- phi: expected true or false, got a string ("yes").',
      ].join('\n'),
    );
  });

  test('a region of another partition than the role', () => {
    expectRefusal(
      () => store({ region: 'us-gov-west-1' }),
      "[test/secrets] roleArn: the role is in partition aws but region 'us-gov-west-1' is in partition aws-us-gov; IRSA cannot assume a role across partitions. Use a role of partition aws-us-gov or a region of partition aws.",
    );
  });

  test('a region with a typo names the word and the nearest region', () => {
    expectRefusal(
      () => store({ region: 'us-eats-1' }),
      "[test/secrets] region: 'us-eats-1' is not an AWS region: 'eats' is not a direction of an AWS region name (central, east, north, northeast, northwest, south, southeast, southwest, west); " +
        "the nearest region is us-east-1. Give the region that holds the secrets, e.g. 'us-east-1'.",
    );
  });

  test('the namespace\'s default ServiceAccount as the store\'s identity (every pod naming none would get the role)', () => {
    const why = "'default' would make the store's IRSA ServiceAccount the namespace's default one, which every pod that names no ServiceAccount runs as: " +
      "each of them would get the role and could read the store's secrets (and the namespace's own default ServiceAccount would be overwritten). Use a dedicated name";
    expectRefusal(() => store({ serviceAccountName: 'default' }), `[test/secrets] serviceAccountName: ${why}, or leave serviceAccountName unset.`);
    expectRefusal(() => store({ name: 'default', mode: 'csi' }), `[test/secrets] name: ${why} (or set serviceAccountName).`);
    expect(() => store({ name: 'default', serviceAccountName: 'clinic-secrets' })).not.toThrow();
  });

  test('not an object', () => {
    expectRefusal(() => new KmsSecretStore(newChart(), 'secrets', 'us-east-1' as unknown as KmsSecretStoreProps), '[test/secrets] props: expected an object, got a string ("us-east-1").');
  });
});

describe('addSecret refuses bad options', () => {
  test('an empty remote key, names the store', () => {
    expectRefusal(() => store({}).addSecret('db', { remoteKey: '' }), "[test/secrets] addSecret('db').remoteKey: is empty; name the secret in Secrets Manager (its name or ARN, e.g. clinic/db).");
    expectRefusal(() => store({ service: 'ParameterStore' }).addSecret('db', { remoteKey: '  ' }), "[test/secrets] addSecret('db').remoteKey: is empty; name the parameter in Parameter Store (e.g. /clinic/db/password).");
  });

  test('every problem at once: remote key in another region, keys, refresh interval, name', () => {
    expectRefusal(
      () => store({}).addSecret('db', {
        remoteKey: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:clinic/db-AbCdEf',
        keys: { '../etc/passwd': 'password', 'ok': 'a..b', 'n': 3 as unknown as string },
        refreshInterval: '1 hour',
        name: 'DB',
      }),
      [
        '[test/secrets] 6 problems in the props (all are listed; fix each):',
        "- addSecret('db').remoteKey: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:clinic/db-AbCdEf' is a secret in region 'eu-west-1', but the store reads region 'us-east-1'. Create the secret (or a replica) in us-east-1, or use a store for eu-west-1.",
        "- addSecret('db').keys[\"../etc/passwd\"]: '../etc/passwd' is not a valid file name for a secret volume: use letters, digits, '-', '_' and '.', at most 253 characters, not '.' or '..'.",
        "- addSecret('db').keys[\"ok\"]: property 'a..b' is not a key path of the secret's JSON value: use keys of letters, digits, '-' and '_', joined by '.' for nested keys (e.g. 'password' or 'db.password').",
        '- addSecret(\'db\').keys["n"]: expected a string, got a number (3).',
        "- addSecret('db').refreshInterval: '1 hour' is not a duration; use a Go duration such as '1h' (Go durations have no days and no spelled-out units).",
        "- addSecret('db').name: Secret name 'DB' is not a valid DNS-1123 subdomain: use only lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters (k8s-valid-name). Rename name to a valid DNS-1123 subdomain, e.g. 'db'.",
      ].join('\n'),
    );
  });

  test.each([
    ['1d', "'1d' is not a duration; use a Go duration such as '24h' (Go durations have no days and no spelled-out units)."],
    ['30 minutes', "'30 minutes' is not a duration; use a Go duration such as '30m' (Go durations have no days and no spelled-out units)."],
    ['hourly', "'hourly' is not a duration; use a Go duration such as '1h', '30m' or '1h30m'."],
  ])('a refresh interval written as %p names the Go duration it means', (refreshInterval, problem) => {
    expectRefusal(() => store({}).addSecret('db', { remoteKey: 'clinic/db', refreshInterval }), `[test/secrets] addSecret('db').refreshInterval: ${problem}`);
  });

  test('a zero refresh interval, empty keys', () => {
    expectRefusal(
      () => store({}).addSecret('db', { remoteKey: 'clinic/db', refreshInterval: '0s', keys: {} }),
      [
        '[test/secrets] 2 problems in the props (all are listed; fix each):',
        "- addSecret('db').keys: is empty, so no file would be written. Name at least one file, or leave keys unset to get the whole value as the file `value`.",
        "- addSecret('db').refreshInterval: '0s' turns refreshing off, so a rotated secret would never reach the pods. Use a positive duration such as '1h'.",
      ].join('\n'),
    );
  });

  test('the same id twice, or an id that is not a string (JavaScript), is refused in the store\'s words, not by the construct tree', () => {
    const s = store({});
    s.addSecret('db', { remoteKey: 'clinic/db' });
    expectRefusal(
      () => s.addSecret('db', { remoteKey: 'clinic/db-replica' }),
      "[test/secrets] addSecret('db'): the id 'db' is already used in this store (by an earlier addSecret or one of the store's own objects). Give each secret its own id, e.g. addSecret('db-2', ...).",
    );
    expectRefusal(
      () => s.addSecret(undefined as unknown as string, { remoteKey: 'clinic/db' }),
      "[test/secrets] addSecret: the id must be a non-empty string (got nothing (undefined)): it names the secret in the construct tree, e.g. store.addSecret('db', { remoteKey: 'clinic/db' }).",
    );
  });

  test('duplicate secret names in one store', () => {
    const s = store({});
    s.addSecret('db', { remoteKey: 'clinic/db', name: 'db' });
    expectRefusal(
      () => s.addSecret('db2', { remoteKey: 'clinic/db2', name: 'db' }),
      "[test/secrets] addSecret('db2').name: 'db' is already the name of another secret of this store; two ExternalSecrets of one namespace cannot share a name (k8s-unique-object). Choose another name.",
    );
  });

  test('csi mode: no refresh interval (the driver\'s), parameters by name only, no key named value', () => {
    const s = store({ mode: 'csi', service: 'ParameterStore' });
    expectRefusal(
      () => s.addSecret('db', { remoteKey: 'arn:aws:ssm:us-east-1:123456789012:parameter/clinic/db', refreshInterval: '1h', keys: { value: 'password' } }),
      [
        '[test/secrets] 3 problems in the props (all are listed; fix each):',
        "- addSecret('db').remoteKey: 'arn:aws:ssm:us-east-1:123456789012:parameter/clinic/db' is an ARN; the Secrets Store CSI AWS provider fetches parameters by name only. Give the parameter's name (e.g. /clinic/db/password).",
        "- addSecret('db').keys[\"value\"]: in csi mode the AWS provider writes the secret's whole value as the file 'value', which this key would overwrite. Name the file otherwise.",
        "- addSecret('db').refreshInterval: is not used in csi mode: the Secrets Store CSI driver refreshes mounted secrets at its own rotationPollInterval (a setting of the driver's installation). Remove refreshInterval.",
      ].join('\n'),
    );
  });
});

describe('workloads mounting stored secrets', () => {
  test('csi mode: a pod that does not run as the store\'s ServiceAccount is refused, naming the fix', () => {
    const chart = newChart();
    const s = store({ mode: 'csi', name: 'aws-secrets' }, chart);
    const db = s.addSecret('db', { remoteKey: 'clinic/db', name: 'db' });
    const message = (runsAs: string) =>
      '[test/api] secrets[0].secret: the SecretProviderClass \'db\' of KmsSecretStore \'test/secrets\' is mounted through the Secrets Store CSI driver, whose AWS provider fetches it with the pod\'s ServiceAccount; ' +
      `this pod would run as ${runsAs}, which the store's IAM role does not trust, so the mount would fail. Pass serviceAccount: store.serviceAccount (ServiceAccount 'aws-secrets'), or use a store in external-secrets mode.`;
    expectRefusal(() => new SecureDeployment(chart, 'api', { containers: [container()], secrets: [{ secret: db, mountPath: '/s' }] }), message('its own ServiceAccount'));
    const other = kplus.ServiceAccount.fromServiceAccountName(chart, 'other', 'api');
    expectRefusal(() => new SecureDeployment(chart, 'api', { containers: [container()], serviceAccount: other, secrets: [{ secret: db, mountPath: '/s' }] }), message("ServiceAccount 'api'"));
    // The store's ServiceAccount, also when named rather than passed.
    expect(() => new SecureDeployment(chart, 'api', { containers: [container()], serviceAccount: s.serviceAccount, secrets: [{ secret: db, mountPath: '/s' }] })).not.toThrow();
    const named = kplus.ServiceAccount.fromServiceAccountName(chart, 'named', 'aws-secrets');
    expect(() => new SecureDeployment(chart, 'api2', { containers: [container()], serviceAccount: named, secrets: [{ secret: db, mountPath: '/s' }] })).not.toThrow();
  });

  test('external-secrets mode: a workload running as the store\'s ServiceAccount (the operator\'s identity) is refused', () => {
    const chart = newChart();
    const s = store({ name: 'aws-secrets' }, chart);
    expectRefusal(
      () => new SecureDeployment(chart, 'api', { containers: [container()], serviceAccount: s.serviceAccount }),
      "[test/api] serviceAccount: ServiceAccount 'aws-secrets' is the identity of KmsSecretStore 'test/secrets': the External Secrets Operator assumes its IAM role " +
        'to read the store, and a pod running as it could read every secret the role allows. Leave serviceAccount unset (the workload gets its own), ' +
        "or mount the store's secrets with secrets: [{ secret: store.addSecret(...), mountPath }].",
    );
  });

  test('a stored secret of another namespace is refused', () => {
    const s = store({ name: 'aws-secrets' }, newChart('billing'));
    const db = s.addSecret('db', { remoteKey: 'clinic/db', name: 'db' });
    expect(StoredSecret.isStoredSecret(db)).toBe(true);
    expectRefusal(
      () => new SecureDeployment(newChart('clinic'), 'api', { containers: [container()], secrets: [{ secret: db, mountPath: '/s' }] }),
      "[test/api] secrets: the Secret 'db' of KmsSecretStore 'test/secrets' is in namespace 'billing', but this workload is in 'clinic'; a pod mounts only what its own namespace holds. Create the KmsSecretStore in the workload's namespace (its chart's).",
    );
  });
});
