/**
 * Finds credentials written in plain text: by the name they are stored under (`DB_PASSWORD`,
 * `apiKey`, `spring.datasource.password`) and by the shape of the value (a PEM private key, an
 * AWS access key id, a GitHub token, a JWT, a URL with a password...). Shared by the rules on
 * environment variables and ConfigMaps; not a rule itself.
 *
 * Why not a library: the well-kept scanner for JavaScript (secretlint) lints whole files
 * asynchronously through a plugin loader, while rules here are synchronous and run at more than
 * 100,000 objects per second. The value patterns follow the public rule sets of gitleaks and
 * secretlint; the tests hold known leak shapes from their corpora and look-alikes that must pass.
 *
 * Nothing here ever returns the secret itself: results say what was found and where, so
 * messages can name the variable or key without echoing the value.
 */

/** What was found, e.g. `a password` or `a PEM private key`, and optionally under which key inside the value. */
export interface CredentialFinding {
  /** What the credential is, with its article: `a password`, `an AWS access key id`. */
  readonly what: string;
  /** How it was recognised: by the name it is stored under, or by the shape of the value. */
  readonly by: 'name' | 'value';
  /** The key inside the value it sits under (a line of a config file, a pair of a connection string). @default - the value as a whole */
  readonly key?: string;
}

// ---------------------------------------------------------------------------------------------
// By name

/** Single words that name a credential. */
const NOUNS: Readonly<Record<string, string>> = {
  PASSWORD: 'a password',
  PASSWORDS: 'passwords',
  PASSWD: 'a password',
  PASS: 'a password',
  PWD: 'a password',
  PASSPHRASE: 'a passphrase',
  SECRET: 'a secret',
  SECRETS: 'secrets',
  TOKEN: 'a token',
  TOKENS: 'tokens',
  APIKEY: 'an API key',
  APITOKEN: 'a token',
  ACCESSKEY: 'an access key',
  SECRETKEY: 'a secret key',
  PRIVATEKEY: 'a private key',
  CLIENTSECRET: 'a client secret',
  CREDENTIAL: 'a credential',
  CREDENTIALS: 'credentials',
  CREDS: 'credentials',
  AUTHORIZATION: 'an authorization header',
};

/** Words ending a run-together name (`mysqlpassword`, `authtoken`) that name a credential. */
const NOUN_ENDINGS: ReadonlyArray<[string, string]> = [
  ['PASSWORD', 'a password'],
  ['PASSWD', 'a password'],
  ['PASSPHRASE', 'a passphrase'],
  ['SECRET', 'a secret'],
  ['TOKEN', 'a token'],
  ['APIKEY', 'an API key'],
  ['ACCESSKEY', 'an access key'],
  ['SECRETKEY', 'a secret key'],
  ['PRIVATEKEY', 'a private key'],
  ['CREDENTIALS', 'credentials'],
];

/** `<word>_KEY` names a key that is a credential (`API_KEY`, `ACCOUNT_KEY`); other keys (`CACHE_KEY`, `KMS_KEY_ID`) are not. */
const KEY_PREFIXES: ReadonlySet<string> = new Set([
  'API', 'PRIVATE', 'ACCESS', 'SECRET', 'SIGNING', 'SIGN', 'ENCRYPTION', 'CRYPT', 'CRYPTO', 'MASTER', 'ACCOUNT', 'HMAC',
  'SHARED', 'AUTH', 'SESSION', 'JWT', 'LICENSE', 'SUBSCRIPTION', 'APP', 'CLIENT', 'WEBHOOK', 'SSH', 'TLS', 'SSL', 'GPG', 'PGP',
]);

/**
 * Words that may follow the credential word without changing what the value is: `DB_PASSWORD_PROD`,
 * `API_KEY_V2`, `SECRET_BASE64`. Any other word after it says the value is something else:
 * `PASSWORD_FILE`, `TOKEN_URL`, `SECRET_NAME`, `AUTH_ENABLED`, `TOKEN_TTL`.
 */
const QUALIFIERS: ReadonlySet<string> = new Set([
  'VALUE', 'VAL', 'STRING', 'STR', 'B64', 'BASE64', 'HEX', 'RAW', 'PLAIN', 'PLAINTEXT', 'TEXT', 'ENCODED', 'DATA',
  'PROD', 'PRODUCTION', 'DEV', 'DEVELOPMENT', 'STAGING', 'STAGE', 'TEST', 'QA', 'UAT', 'LIVE', 'SANDBOX',
  'PRIMARY', 'SECONDARY', 'OLD', 'NEW', 'CURRENT', 'PREVIOUS', 'PREV', 'NEXT', 'BACKUP', 'ADMIN', 'ROOT', 'USER',
  'DEFAULT', 'MAIN', 'MASTER', 'READ', 'WRITE', 'RO', 'RW',
  // Rails' SECRET_KEY_BASE.
  'BASE',
]);

/** Cheap test before splitting a name into words: most names mention none of these. */
const NAME_HINT = /pass|pwd|secret|token|key|cred|auth/i;

/** Names that look like credentials but are not: the shell's working directories. */
const NOT_CREDENTIAL_NAMES: ReadonlySet<string> = new Set(['PWD', 'OLDPWD']);

/**
 * What a name says its value is, when it names a credential: `DB_PASSWORD` → `a password`,
 * `apiKey` → `an API key`; undefined for `PASSWORD_FILE`, `TOKEN_URL`, `SECRET_NAME`, `CACHE_KEY`.
 * Words are split at `_`, `-`, `.`, spaces and camelCase boundaries; case does not matter.
 */
export function credentialName(name: string): string | undefined {
  // Names repeat across objects (every Deployment has its LOG_LEVEL): decide each once.
  const cached = nameCache.get(name);
  if (cached !== undefined) return cached === NOT_A_CREDENTIAL ? undefined : cached;
  const what = NAME_HINT.test(name) ? classifyName(name) : undefined;
  remember(nameCache, name, what ?? NOT_A_CREDENTIAL);
  return what;
}

const NOT_A_CREDENTIAL = '';
const nameCache = new Map<string, string>();
const CACHE_LIMIT = 10_000;

/** Sets a cache entry, forgetting everything once the cache is full (memory stays bounded on any input). */
function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
}

function classifyName(name: string): string | undefined {
  const words = splitWords(name);
  if (words.length === 1 && NOT_CREDENTIAL_NAMES.has(words[0])) return undefined;
  // The last credential word; everything after it must be a qualifier.
  for (let i = words.length - 1; i >= 0; i--) {
    const what = nounAt(words, i);
    if (what === undefined) {
      if (QUALIFIERS.has(words[i]) || /^(?:V?\d+)$/.test(words[i])) continue;
      return undefined;
    }
    return what;
  }
  return undefined;
}

function nounAt(words: readonly string[], i: number): string | undefined {
  const w = words[i];
  if (w === 'KEY' || w === 'KEYS') {
    return i > 0 && KEY_PREFIXES.has(words[i - 1]) ? (words[i - 1] === 'API' ? 'an API key' : words[i - 1] === 'PRIVATE' ? 'a private key' : 'a key') : undefined;
  }
  // AUTH alone is too often a mode (`AUTH=ldap`); `BASIC_AUTH`, `REDIS_AUTH` hold credentials.
  if (w === 'AUTH') return i > 0 ? 'authentication credentials' : undefined;
  const noun = NOUNS[w];
  if (noun !== undefined) return noun;
  if (w.length > 6) {
    for (const [ending, what] of NOUN_ENDINGS) if (w.endsWith(ending)) return what;
  }
  return undefined;
}

/** `dbPassword` → [DB, PASSWORD]; `AWS_SECRET_ACCESS_KEY` → [AWS, SECRET, ACCESS, KEY]; `APIKey` → [API, KEY]. */
export function splitWords(name: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= name.length; i++) {
    const c = i < name.length ? name.charCodeAt(i) : 0;
    const upper = c >= 65 && c <= 90;
    const alnum = upper || (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (!alnum) {
      if (start >= 0) words.push(name.slice(start, i).toUpperCase());
      start = -1;
      continue;
    }
    if (start < 0) {
      start = i;
      continue;
    }
    if (upper) {
      const prev = name.charCodeAt(i - 1);
      const prevLowerOrDigit = (prev >= 97 && prev <= 122) || (prev >= 48 && prev <= 57);
      const prevUpper = prev >= 65 && prev <= 90;
      const next = i + 1 < name.length ? name.charCodeAt(i + 1) : 0;
      const nextLower = next >= 97 && next <= 122;
      // dbPassword -> db|Password; APIKey -> API|Key.
      if (prevLowerOrDigit || (prevUpper && nextLower)) {
        words.push(name.slice(start, i).toUpperCase());
        start = i;
      }
    }
  }
  return words;
}

// ---------------------------------------------------------------------------------------------
// Values that are not a credential in plain text, whatever their name

/** `$(VAR)` (Kubernetes), `${VAR}` (shell, Spring, envsubst), `{{ .Values.x }}` (Helm, Go templates). */
const REFERENCE = /\$\(|\$\{|\{\{/;
/** `/run/secrets/db`, `./x`, `~/x`, `C:\x`, `file:...`. */
const PATH = /^(?:\/|\.\.?\/|~\/|[A-Za-z]:\\|file:)/;
/** Flags and the "no value" words. */
const NOT_A_VALUE = /^(?:true|false|yes|no|on|off|y|n|enabled?|disabled?|none|null|nil|~|required|optional|-)$/i;
/** A URL; with a password in it, the value patterns find it. */
const URL = /^[a-z][a-z0-9+.-]*:\/\//i;
/** Pointers into a secret store: AWS Secrets Manager/SSM ARNs, Vault, vals, Azure Key Vault, GCP Secret Manager, 1Password, Jasypt ciphertext. */
const STORE_REFERENCE = /^(?:arn:aws[\w-]*:(?:secretsmanager|ssm|kms):|vault:|ref\+|@Microsoft\.KeyVault\(|projects\/[^/]+\/secrets\/|ENC\(.*\)$)/i;
/** A value masked in a template: `****`, `xxxxxx`, `<redacted>`. */
const MASKED = /^(?:\*+|x{4,}|X{4,}|<redacted>|\[redacted\])$/;

/** Whether a value stored under a credential name is a literal credential, not a reference, a path, a flag or nothing. */
export function isLiteralSecret(value: string): boolean {
  const v = value.trim();
  if (v === '' || NOT_A_VALUE.test(v) || MASKED.test(v)) return false;
  if (REFERENCE.test(v) || PATH.test(v) || STORE_REFERENCE.test(v)) return false;
  if (URL.test(v)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// By the shape of the value

interface ValuePattern {
  readonly what: string;
  /** A cheap test the value must pass before `re` runs. */
  readonly hint: RegExp;
  readonly re: RegExp;
  /** Further test of the match, e.g. that Basic credentials decode to `user:password`. */
  readonly accept?: (m: RegExpExecArray) => boolean;
}

const PATTERNS: readonly ValuePattern[] = [
  { what: 'a PEM private key', hint: /PRIVATE KEY/, re: /-----BEGIN[ A-Z0-9]{0,24}PRIVATE KEY(?: BLOCK)?-----(?:[^-]|-(?!----)){16,}-----END[ A-Z0-9]{0,24}PRIVATE KEY(?: BLOCK)?-----/ },
  { what: 'a PuTTY private key', hint: /PuTTY-User-Key-File/, re: /PuTTY-User-Key-File-\d+:[\s\S]{16,}?Private-Lines:/ },
  {
    what: 'an AWS access key id',
    hint: /A3T|AKIA|ASIA|ABIA|ACCA/,
    re: /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/,
    // AWS's documentation examples end in EXAMPLE (gitleaks allows them too).
    accept: (m) => !m[0].endsWith('EXAMPLE'),
  },
  {
    what: 'an AWS secret access key',
    hint: /aws/i,
    re: /aws.{0,20}?(?:secret|private).{0,20}?["'\s:=]+([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/i,
    accept: (m) => !m[1].includes('EXAMPLE'),
  },
  { what: 'a GitHub token', hint: /gh[pousr]_|github_pat_/, re: /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82})\b/ },
  { what: 'a GitLab token', hint: /gl(?:pat|dt|ptt|rt)-/, re: /\bgl(?:pat|dt|ptt|rt)-[A-Za-z0-9_-]{20,}/ },
  { what: 'a Slack token', hint: /xox[abposre]-/, re: /\bxox[abposre]-(?:[0-9]+-){1,4}[A-Za-z0-9-]{8,}/ },
  { what: 'a Slack webhook URL', hint: /hooks\.slack\.com/, re: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9+/]{20,}/ },
  { what: 'a Stripe secret key', hint: /k_(?:live|test|prod)_/, re: /\b[rs]k_(?:live|test|prod)_[A-Za-z0-9]{20,99}\b/ },
  { what: 'a Google API key', hint: /AIza/, re: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/ },
  { what: 'a Google OAuth client secret', hint: /GOCSPX-/, re: /\bGOCSPX-[A-Za-z0-9_-]{28}(?![A-Za-z0-9_-])/ },
  { what: 'a JSON Web Token', hint: /eyJ/, re: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*/ },
  {
    what: 'a bearer token',
    hint: /bearer/i,
    re: /\bbearer\s+([A-Za-z0-9._~+/-]{16,}=*)/i,
    accept: (m) => /\d/.test(m[1]),
  },
  {
    what: 'HTTP basic credentials',
    hint: /basic/i,
    re: /\bbasic\s+([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])/i,
    accept: (m) => /^[\x20-\x7e]+:[\x20-\x7e]+$/.test(Buffer.from(m[1], 'base64').toString('latin1')),
  },
  {
    what: 'a URL with a password',
    hint: /@/,
    re: /\b[a-z][a-z0-9+.-]{0,30}:\/\/([^\s:/?#@'"]{0,256}):([^\s/?#@'"]{1,256})@[^\s/?#@'"]/i,
    accept: (m) => isLiteralSecret(m[2]),
  },
];

/** A value that is one path (`/run/secrets/db/password`) holds no credential. */
const SINGLE_PATH = /^(?:\/|\.\.?\/|~\/)[^\s=]*$/;

/**
 * `key=value` pairs (connection strings, `-Dkey=value` and `--key=value` options, .properties,
 * .env) and `key: value` lines (YAML, JSON, INI) whose key holds a credential word; the name
 * check then decides. Keys without such a word are never matched, which keeps long files cheap.
 */
const PAIR = /(?:^|[\s;?&,{(])(?:--?D?)?["']?((?=[A-Za-z_])[\w.-]{0,63}?(?:pass|pwd|secret|token|key|cred|auth)[\w.-]{0,63})["']?[ \t]*[:=][ \t]*("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s;&,}'"#]+)/gi;
/** Redis configuration directives that take a password as their argument. */
const DIRECTIVE = /^[ \t]*(requirepass|masterauth)[ \t]+(\S+)/gim;

/**
 * Credentials in a value, by the shape of the value and by the names of the `key=value` pairs or
 * `key: value` lines inside it (a config file, a connection string, JVM options). One finding
 * per kind of credential, in pattern order.
 */
export function credentialsInValue(value: string): readonly CredentialFinding[] {
  if (value.length < 8) return NONE;
  // Values repeat across objects (the same URL in every Deployment): decide short ones once.
  const cacheable = value.length <= 512;
  if (cacheable) {
    const cached = valueCache.get(value);
    if (cached !== undefined) return cached;
  }
  const found = SINGLE_PATH.test(value) ? NONE : scanValue(value);
  if (cacheable) remember(valueCache, value, found);
  return found;
}

const NONE: readonly CredentialFinding[] = Object.freeze([]);
const valueCache = new Map<string, readonly CredentialFinding[]>();

/** Every pattern's hint in one pass: most values match none, and then no pattern runs. */
const ANY_HINT = new RegExp(PATTERNS.map((p) => `(?:${p.hint.flags.includes('i') ? caseless(p.hint.source) : p.hint.source})`).join('|'));

/** `aws` → `[aA][wW][sS]`, so one case-sensitive regex can hold case-insensitive hints. */
function caseless(source: string): string {
  return source.replace(/[a-z]/gi, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);
}

function scanValue(value: string): readonly CredentialFinding[] {
  const found: CredentialFinding[] = [];
  if (ANY_HINT.test(value)) {
    for (const p of PATTERNS) {
      if (!p.hint.test(value)) continue;
      const m = p.re.exec(value);
      if (m && (!p.accept || p.accept(m))) found.push({ what: p.what, by: 'value' });
    }
  }
  // Pairs and directives only where a credential word and a separator occur at all.
  if (!NAME_HINT.test(value) || (!value.includes('=') && !value.includes(':') && !/requirepass|masterauth/i.test(value))) {
    return found.length > 0 ? Object.freeze(found) : NONE;
  }
  for (const re of [PAIR, DIRECTIVE]) {
    re.lastIndex = 0;
    for (let m = re.exec(value); m !== null; m = re.exec(value)) {
      const key = m[1];
      const what = re === DIRECTIVE ? 'a password' : credentialName(key);
      if (what === undefined) continue;
      if (!isLiteralSecret(unquote(m[2]))) continue;
      if (!found.some((f) => f.key === key)) found.push({ what, by: 'name', key });
    }
  }
  return found.length > 0 ? Object.freeze(found) : NONE;
}

/**
 * Credentials stored under `name` with value `value` (an environment variable, a ConfigMap
 * key): the value's own shape first, then the name with a literal value, then the pairs inside
 * the value. Empty when it holds none.
 */
export function credentialsIn(name: string, value: string): readonly CredentialFinding[] {
  const inValue = credentialsInValue(value);
  if (inValue.length > 0 && inValue[0].by === 'value') return inValue.filter((f) => f.by === 'value');
  const what = credentialName(name);
  if (what !== undefined && isLiteralSecret(value)) return [{ what, by: 'name' }];
  return inValue;
}

function unquote(v: string): string {
  return v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0] ? v.slice(1, -1) : v;
}

/** `a password` as found in a value: `a password (under key 'db.password')`, or `a PEM private key`. */
export function describeCredential(f: CredentialFinding): string {
  return f.key === undefined ? f.what : `${f.what} (under key '${f.key}')`;
}
