import { Testing } from 'cdk8s';
import { HipaaNamespace, ImagePolicy, ImagePolicyProps } from '../../lib/cdk8s';
import { expectRefusal, newChart, ofKind, REGISTRY } from '../helpers/cdk8s';

const PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEbemiMf8vb76LSf2dQmAm/WbiYCam
9k3j/7CJQy3a9pzP26QrxM+MjgjJxW21mZe0A90jpgUGBMtCoNeUy658vQ==
-----END PUBLIC KEY-----`;
const ISSUER = 'https://token.actions.githubusercontent.com';
const SUBJECT = 'https://github.com/acme/api/.github/workflows/release.yml@refs/heads/main';
const RULE = '(k8s-phi-namespace-image-policy)';

function policy(props: Record<string, unknown>, chart = newChart()): ImagePolicy {
  return new ImagePolicy(chart, 'images', { allowedRegistries: [REGISTRY], ...props } as unknown as ImagePolicyProps);
}

describe('ImagePolicy refuses bad props, naming the construct path, the prop and the fix', () => {
  test('no registries (missing or empty)', () => {
    const message = `[test/images] allowedRegistries: an image policy needs at least one allowed registry; with none every image would be refused ${RULE}. ` +
      "List the registries your images are pushed to and scanned in, e.g. ['123456789012.dkr.ecr.us-east-1.amazonaws.com'] or ['ghcr.io/acme'].";
    expectRefusal(() => policy({ allowedRegistries: [] }), message);
    expectRefusal(() => policy({ allowedRegistries: undefined }), message);
  });

  test.each([
    ['a scheme', 'https://registry.example.com/', "has a scheme; image references name the registry without one. Use 'registry.example.com'"],
    ['a wildcard', '*.dkr.ecr.us-east-1.amazonaws.com', 'is a pattern; wildcards would let any registry that matches the pattern in (e.g. one an attacker registers). List each registry host'],
    ['a trailing slash', 'registry.example.com/', "ends with '/'; the policy adds the '/' boundary itself. Use 'registry.example.com'"],
    ['a tag', 'registry.example.com/api:1.0', 'names an image (tag or digest), not a registry. Give the registry host, optionally with a repository prefix (ghcr.io/acme)'],
    ['a digest', `registry.example.com/api@sha256:${'a'.repeat(64)}`, 'names an image (tag or digest), not a registry. Give the registry host, optionally with a repository prefix (ghcr.io/acme)'],
    ['a Docker Hub namespace', 'acme', "does not start with a registry host: 'acme' has no '.' or port, so an image reference starting with it is a Docker Hub repository. Use 'docker.io/acme' if you mean Docker Hub"],
    ['an empty string', '', 'is empty. Give a registry host such as registry.example.com'],
    ['whitespace', 'registry.example.com ', 'contains whitespace. Give a registry host such as registry.example.com'],
    ['a bad host', 'registry_.example.com', "does not start with a registry host ('registry_.example.com' is not a host name with an optional port). Give a registry host such as registry.example.com"],
    ['a port out of range', 'localhost:70000', 'has port 70000, outside 1-65535'],
    ['an upper-case repository', 'ghcr.io/Acme', "has the repository path component 'Acme', which image references do not allow (lowercase letters and digits, separated by '.', '_', '__' or '-'). Fix the repository prefix"],
  ])('a registry with %s', (_what, entry, problem) => {
    expectRefusal(() => policy({ allowedRegistries: [entry] }), `[test/images] allowedRegistries[0]: '${entry}' ${problem} ${RULE}.`);
  });

  test('registries that are hosts, ports and repository prefixes are accepted', () => {
    const chart = newChart();
    policy({ allowedRegistries: ['registry.example.com', 'localhost:5000', '10.0.0.1:5000', 'ghcr.io/acme/team-a', 'docker.io/library'] }, chart);
    const [vap] = ofKind(Testing.synth(chart), 'ValidatingAdmissionPolicy');
    expect(vap.spec.variables.find((v: any) => v.name === 'allowedPrefixes').expression)
      .toBe("['registry.example.com/', 'localhost:5000/', '10.0.0.1:5000/', 'ghcr.io/acme/team-a/', 'docker.io/library/']");
  });

  test('keyless issuer without subject, exactly', () => {
    expectRefusal(
      () => policy({ signatures: { keylessIssuer: ISSUER } }),
      '[test/images] signatures.keylessSubject: is required with keylessIssuer: without a subject any identity the issuer vouches for ' +
        `(any repository's workflow, any account) could sign images ${RULE}. Give the signer's identity, e.g. 'https://github.com/acme/api/.github/workflows/release.yml@refs/heads/main'.`,
    );
  });

  test('keyless subject without issuer', () => {
    expectRefusal(
      () => policy({ signatures: { keylessSubject: SUBJECT } }),
      `[test/images] signatures.keylessIssuer: is required with keylessSubject: a subject means nothing without the OIDC issuer that vouches for it ${RULE}. ` +
        "Give the issuer, e.g. 'https://token.actions.githubusercontent.com'.",
    );
  });

  test.each([
    ['plain http', 'http://token.actions.githubusercontent.com', "'http://token.actions.githubusercontent.com' is not https; an issuer reached over plain text could be impersonated. Give its https URL"],
    ['not a URL', 'github-actions', "'github-actions' is not a URL. Give the OIDC issuer URL, e.g. 'https://token.actions.githubusercontent.com'"],
    ['a query', 'https://issuer.example.com/?x=1', "'https://issuer.example.com/?x=1' has credentials, a query or a fragment; an OIDC issuer is a plain https URL. Give it as the issuer's tokens name it (their iss claim)"],
  ])('an issuer that is %s', (_what, issuer, problem) => {
    expectRefusal(() => policy({ signatures: { keylessIssuer: issuer, keylessSubject: SUBJECT } }), `[test/images] signatures.keylessIssuer: ${problem} ${RULE}.`);
  });

  test.each([
    'https://github.com/acme/*',
    'https://github.com/acme/.+',
    '^https://github.com/acme/api/.github/workflows/release.yml@refs/heads/main',
    'https://github.com/acme/api/.github/workflows/release.yml@refs/heads/main$',
    'https://github.com/acme/(api|web)/.github/workflows/release.yml@refs/heads/main',
    'https://github\\.com/acme/api/.github/workflows/release.yml@refs/heads/main',
  ])('a subject that is a pattern: %s', (subject) => {
    expectRefusal(
      () => policy({ signatures: { keylessIssuer: ISSUER, keylessSubject: subject } }),
      `[test/images] signatures.keylessSubject: '${subject}' is a pattern; Kyverno compares the subject exactly with the signing certificate's identity, so no signature would match ` +
        `and every image would be refused (patterns, which would admit other identities, are not offered) ${RULE}. ` +
        "Give the exact identity, e.g. 'https://github.com/acme/api/.github/workflows/release.yml@refs/heads/main'.",
    );
  });

  test.each([
    'https://github.com/acme/api/.github/workflows/release.yml@refs/heads/main',
    'release+signing@acme.example.com',
    'spiffe://acme.example.com/ns/ci/sa/signer',
  ])('an exact subject is accepted: %s', (subject) => {
    expect(() => policy({ signatures: { keylessIssuer: ISSUER, keylessSubject: subject } })).not.toThrow();
  });

  const KEY_FIX = 'Give the contents of cosign.pub (-----BEGIN PUBLIC KEY----- ... -----END PUBLIC KEY-----).';
  test.each([
    ['not PEM', 'cosign.pub', 'is not a PEM public key (no -----BEGIN PUBLIC KEY----- line)'],
    ['a private key', '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----', 'is a PRIVATE key; never put a signing key in a manifest. Rotate it (it is exposed) and give the public key'],
    ['a certificate', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----', 'starts with -----BEGIN CERTIFICATE-----, not -----BEGIN PUBLIC KEY-----'],
    ['two keys', `${PUBLIC_KEY}\n${PUBLIC_KEY}`, 'holds 2 PEM blocks; give exactly one public key'],
    ['a truncated key', PUBLIC_KEY.replace('-----END PUBLIC KEY-----', ''), 'does not end with -----END PUBLIC KEY-----'],
  ])('a public key that is %s', (_what, publicKey, problem) => {
    expectRefusal(() => policy({ signatures: { publicKey } }), `[test/images] signatures.publicKey: ${problem} ${RULE}. ${KEY_FIX}`);
  });

  test('a public key whose body is not a key', () => {
    let message = '';
    try {
      policy({ signatures: { publicKey: '-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----' } });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^\[test\/images\] signatures\.publicKey: cannot be read as a public key \(.+\) \(k8s-phi-namespace-image-policy\)\. Give the contents of cosign\.pub/);
  });

  test('signatures that say nothing, or both a key and keyless', () => {
    expectRefusal(
      () => policy({ signatures: {} }),
      `[test/images] signatures: says how signatures are verified: give publicKey (a cosign public key, PEM), or keylessIssuer and keylessSubject ${RULE}. Leave signatures out to verify no signatures.`,
    );
    expectRefusal(
      () => policy({ signatures: { publicKey: PUBLIC_KEY, keylessIssuer: ISSUER, keylessSubject: SUBJECT } }),
      `[test/images] signatures: gives both publicKey and keylessIssuer; an image signed with either would be admitted, so the weaker one decides ${RULE}. Give publicKey, or keylessIssuer and keylessSubject, not both.`,
    );
  });

  test('every problem at once: registries, namespaces, name, audit, signatures', () => {
    expectRefusal(
      () => policy({
        allowedRegistries: ['https://ghcr.io', REGISTRY, REGISTRY, 3],
        namespaces: ['Bad_Name', 'team-*', 4],
        name: 'Images',
        audit: 'yes',
        signatures: { keylessIssuer: 'http://issuer.example.com', requireSbom: 'yes' },
      }),
      [
        '[test/images] 11 problems in the props (all are listed; fix each):',
        `- allowedRegistries[0]: 'https://ghcr.io' has a scheme; image references name the registry without one. Use 'ghcr.io' ${RULE}.`,
        `- allowedRegistries[2]: '${REGISTRY}' is listed twice. Remove the duplicate.`,
        '- allowedRegistries[3]: expected a string, got a number (3).',
        "- namespaces[0]: namespace 'Bad_Name' is not a valid DNS-1123 label: use only lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters (k8s-valid-name).",
        "- namespaces[1]: 'team-*' is a pattern; the binding selects namespaces by name (kubernetes.io/metadata.name). List the namespaces by name.",
        '- namespaces[2]: expected a HipaaNamespace or a namespace name, got a number (4).',
        "- name: name 'Images' is not a valid DNS-1123 subdomain: use only lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters (k8s-valid-name).",
        '- audit: expected true or false, got a string ("yes").',
        '- signatures.requireSbom: expected true or false, got a string ("yes").',
        `- signatures.keylessSubject: is required with keylessIssuer: without a subject any identity the issuer vouches for (any repository's workflow, any account) could sign images ${RULE}. Give the signer's identity, e.g. 'https://github.com/acme/api/.github/workflows/release.yml@refs/heads/main'.`,
        `- signatures.keylessIssuer: 'http://issuer.example.com' is not https; an issuer reached over plain text could be impersonated. Give its https URL ${RULE}.`,
      ].join('\n'),
    );
  });

  test('HipaaNamespace objects are accepted as namespaces', () => {
    const chart = newChart();
    const ns = new HipaaNamespace(chart, 'records', { owner: 'records-team' });
    policy({ namespaces: [ns, 'billing', 'records'] }, chart);
    const named = ofKind(Testing.synth(chart), 'ValidatingAdmissionPolicyBinding').find((b) => b.metadata.name.endsWith('-named-namespaces'));
    expect(named.spec.matchResources.namespaceSelector.matchExpressions[0].values).toEqual(['records', 'billing']);
  });
});
