/**
 * Known leak shapes (after the public test corpora of gitleaks and secretlint) and look-alikes
 * that must pass. Tokens are assembled at run time from harmless parts, so this file itself
 * holds no string a secret scanner would take for a real credential.
 */

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const rep = (s: string, n: number) => s.repeat(n);

/** A PEM block of `label` with a body of base64 lines. */
export function pem(label: string): string {
  const body = rep('MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7', 2);
  return `-----BEGIN ${label}-----\n${body}\n${body.slice(0, 40)}\n-----END ${label}-----\n`;
}

/** Values that hold a credential whatever their name, with what the detector must call them. */
export const LEAKS: ReadonlyArray<[string, string, string]> = [
  ['RSA private key', pem('RSA PRIVATE KEY'), 'a PEM private key'],
  ['PKCS#8 private key', pem('PRIVATE KEY'), 'a PEM private key'],
  ['encrypted private key', pem('ENCRYPTED PRIVATE KEY'), 'a PEM private key'],
  ['EC private key', pem('EC PRIVATE KEY'), 'a PEM private key'],
  ['OpenSSH private key', pem('OPENSSH PRIVATE KEY'), 'a PEM private key'],
  ['PGP private key block', pem('PGP PRIVATE KEY BLOCK'), 'a PEM private key'],
  ['private key in a JSON service account file, with escaped newlines',
    JSON.stringify({ type: 'service_account', private_key: pem('PRIVATE KEY') }), 'a PEM private key'],
  ['PuTTY private key', `PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\nPublic-Lines: 6\n${rep('AAAAB3NzaC1yc2E', 4)}\nPrivate-Lines: 14\n`, 'a PuTTY private key'],
  ['AWS access key id', 'AKIA' + 'Z7QWERTY2345ABCD', 'an AWS access key id'],
  ['AWS temporary access key id', 'ASIA' + 'Y3BG7QWERTY2ZXCV', 'an AWS access key id'],
  ['AWS secret access key in a credentials file', `[default]\naws_secret_access_key = ${rep('Ab3/x9Kq+Z', 4)}\n`, 'an AWS secret access key'],
  ['GitHub personal access token', 'ghp_' + rep('a1B2c3D4e5F6', 3), 'a GitHub token'],
  ['GitHub OAuth token', 'gho_' + rep('Z9y8X7w6V5u4', 3), 'a GitHub token'],
  ['GitHub app installation token', 'ghs_' + rep('Q1w2E3r4T5y6', 3), 'a GitHub token'],
  ['GitHub fine-grained token', 'github_pat_' + '11ABCDEFG0' + 'aB3dE6gH9jK0' + '_' + rep('aB3dE6gH9j', 5) + 'kLmN0pQrS', 'a GitHub token'],
  ['GitLab personal access token', 'glpat-' + 'x1Y2z3A4b5C6d7E8f9G0', 'a GitLab token'],
  ['Slack bot token', 'xoxb-' + '123456789012-1234567890123-' + rep('AbCdEfGh', 3), 'a Slack token'],
  ['Slack user token', 'xoxp-' + '123456789012-123456789012-1234567890123-' + rep('a1b2c3d4', 4), 'a Slack token'],
  ['Slack webhook', 'https://hooks.slack.com/services/' + 'T0A1B2C3D/B0A1B2C3D/' + rep('aB1cD2eF3', 3), 'a Slack webhook URL'],
  ['Stripe live secret key', 'sk_live_' + rep('4eC39HqLyjWD', 2), 'a Stripe secret key'],
  ['Stripe restricted test key', 'rk_test_' + rep('51HxYzAbCdEf', 2), 'a Stripe secret key'],
  ['Google API key', 'AIza' + 'SyD-' + 'a1B2c3D4e5F6g7a1B2c3D4e5F6' + 'H8i9J', 'a Google API key'],
  ['Google OAuth client secret', 'GOCSPX-' + rep('aB3dE6gH9jKl', 2) + 'MnOp', 'a Google OAuth client secret'],
  // The example token of jwt.io.
  ['JSON Web Token',
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    'a JSON Web Token'],
  ['bearer Authorization header', 'Authorization: Bearer ' + rep('a1b2c3d4e5', 3), 'a bearer token'],
  ['basic Authorization header', 'Basic ' + b64('admin:s3cr3t-P4ss'), 'HTTP basic credentials'],
  ['PostgreSQL URL with a password', 'postgres://app:hunter2@db.clinic.svc:5432/ehr', 'a URL with a password'],
  ['Redis URL with a password only', 'redis://:p4ssw0rd@redis:6379/0', 'a URL with a password'],
  ['AMQP URL with a placeholder password', 'amqp://guest:changeme@rabbitmq:5672/', 'a URL with a password'],
  ['HTTPS URL with a password', 'https://deploy:t0ps3cret@git.example.com/org/repo.git', 'a URL with a password'],
  ['SQL Server connection string', 'Server=db;Database=ehr;User Id=sa;Password=Str0ng!Pass;', 'a password'],
  ['JDBC URL with a password parameter', 'jdbc:postgresql://db:5432/ehr?user=app&password=hunter2', 'a password'],
  ['Azure storage connection string',
    `DefaultEndpointsProtocol=https;AccountName=clinic;AccountKey=${b64(rep('k3y-material', 5))};EndpointSuffix=core.windows.net`, 'a key'],
  ['JVM option with a keystore password', '-Xmx512m -Djavax.net.ssl.keyStorePassword=changeit', 'a password'],
  ['command-line flag with a password', '--db-password=hunter22 --port=8080', 'a password'],
  ['JSON with a password', '{"spring":{"datasource":{"password":"hunter22"}}}', 'a password'],
];

/** Values that are not credentials, whatever they look like at first sight. */
export const LOOK_ALIKES: ReadonlyArray<[string, string]> = [
  ['a certificate', pem('CERTIFICATE')],
  ['a public key', pem('PUBLIC KEY')],
  ['a PEM header without a body', '-----BEGIN PRIVATE KEY-----'],
  ["AWS's documented example access key id", 'AKIA' + 'IOSFODNN7' + 'EXAMPLE'],
  ["AWS's documented example secret key", `aws_secret_access_key_example: wJalrXUtnFEMI/K7MDENG/bPxRfiCY${'EXAMPLE'}KEY`],
  ['a Stripe publishable key', 'pk_live_' + rep('4eC39HqLyjWD', 2)],
  ['a URL without credentials', 'https://api.clinic.example.com/v1/patients'],
  ['a URL with a user but no password', 'postgres://app@db.clinic.svc:5432/ehr'],
  ['a URL whose password is a Kubernetes reference', 'postgres://app:$(DB_PASSWORD)@db:5432/ehr'],
  ['a URL whose password is a template', 'postgres://app:${DB_PASSWORD}@db:5432/ehr'],
  ['a URL with a port', 'jdbc:postgresql://db:5432/ehr?sslmode=require'],
  ['a Mongo URL with several hosts', 'mongodb://db-0:27017,db-1:27017/?replicaSet=rs0'],
  ['prose about basic authentication', 'Basic authentication is disabled'],
  ['prose about bearer tokens', 'bearer authentication with rotating tokens'],
  ['base64 of a JSON document', b64('{"key":"value","list":[1,2,3]}')],
  ['an image digest', 'sha256:' + rep('ab12', 16)],
  ['a UUID', '3f2b8c1e-9d4a-4e7b-a1c2-5d6e7f8a9b0c'],
  ['a password read from a file', '--password-file=/run/secrets/db/password'],
  ['a connection string with a referenced password', 'Server=db;Database=ehr;User Id=sa;Password=${SA_PASSWORD};'],
  ['a properties line naming a secret by name', 'db.secret-name=clinic-db'],
  ['a log level', 'info'],
  ['a cache key setting', 'cache.key=users'],
];

/** Environment variable names that say the value is a credential. */
export const CREDENTIAL_NAMES: readonly string[] = [
  'DB_PASSWORD', 'POSTGRES_PASSWORD', 'MYSQL_ROOT_PASSWORD', 'PGPASSWORD', 'MYSQL_PWD', 'DB_PWD', 'DB_PASSWD', 'SMTP_PASS',
  'password', 'dbPassword', 'db.password', 'spring.datasource.password', 'KEYSTORE_PASSPHRASE',
  'API_KEY', 'APIKEY', 'apiKey', 'SENDGRID_API_KEY', 'x-api-key',
  'CLIENT_SECRET', 'OAUTH_CLIENT_SECRET', 'clientSecret', 'JWT_SECRET', 'SESSION_SECRET', 'SECRET', 'SECRET_KEY_BASE',
  'DJANGO_SECRET_KEY', 'STRIPE_SECRET_KEY', 'AWS_SECRET_ACCESS_KEY', 'PRIVATE_KEY', 'SSH_PRIVATE_KEY', 'ENCRYPTION_KEY',
  'MASTER_KEY', 'AZURE_STORAGE_ACCOUNT_KEY', 'GITHUB_TOKEN', 'ACCESS_TOKEN', 'REFRESH_TOKEN', 'authToken', 'VAULT_TOKEN',
  'CREDENTIALS', 'DB_CREDS', 'REDIS_AUTH', 'BASIC_AUTH', 'AUTHORIZATION', 'DB_PASSWORD_PROD', 'API_KEY_V2', 'TOKEN_2',
];

/** Names that mention a credential word but whose value is something else. */
export const NON_CREDENTIAL_NAMES: readonly string[] = [
  'PASSWORD_FILE', 'DB_PASSWORD_FILE', 'TOKEN_PATH', 'SECRET_DIR', 'SECRETS_DIRECTORY', 'TOKEN_URL', 'AUTH_URL', 'TOKEN_ENDPOINT',
  'SECRET_NAME', 'DB_SECRET_NAME', 'SECRETS_MANAGER_ARN', 'SECRET_ID', 'AWS_ACCESS_KEY_ID', 'KMS_KEY_ID', 'CACHE_KEY',
  'PARTITION_KEY', 'KEY', 'PWD', 'OLDPWD', 'AUTH', 'AUTH_ENABLED', 'AUTH_TYPE', 'OAUTH_CLIENT_ID', 'TOKEN_TTL',
  'TOKEN_LIFETIME_SECONDS', 'PASSWORD_MIN_LENGTH', 'AUTHOR', 'KEYCLOAK_REALM', 'MONKEY', 'BYPASS_CACHE', 'COMPASS_HEADING',
  'PASSWORD_HASH', 'PASSWORD_ENCRYPTED', 'TOKENIZER_MODEL', 'CSRF_TOKEN_HEADER', 'PUBLIC_KEY',
];

/** Values under a credential name that are not a credential in plain text. */
export const NOT_LITERAL: ReadonlyArray<[string, string]> = [
  ['a Kubernetes variable reference', '$(DB_PASSWORD)'],
  ['a shell or Spring template', '${DB_PASSWORD}'],
  ['a Helm template left unrendered', '{{ .Values.db.password }}'],
  ['a file path', '/run/secrets/db/password'],
  ['a relative path', './secrets/password'],
  ['a flag', 'true'],
  ['none', 'none'],
  ['whitespace', '   '],
  ['an AWS Secrets Manager ARN', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:clinic/db-AbCdEf'],
  ['a Vault reference', 'vault:secret/data/clinic/db#password'],
  ['a vals reference', 'ref+awssecrets://clinic/db#/password'],
  ['Jasypt ciphertext', 'ENC(G6N718UuyPE5bHyWKyuLQSm02auQPUtm)'],
  ['a masked value', '********'],
  ['a URL without a password', 'https://vault.clinic.svc:8200'],
];
