/**
 * Validation of ImagePolicy props at construction: every problem at once, each naming the prop,
 * the rule that backs it and the fix. Loaded on first use (lib/cdk8s/props-checks.ts), as the
 * other constructs' prop checks are.
 */
import { createPublicKey } from 'crypto';
import { describe, InputProblems, isPlainObject } from './input-problems';
import { nameViolation } from '../rules/k8s/workload/valid-name';

/** The rule every ImagePolicy refusal is about: PHI namespaces covered by an enforcing image policy. */
const RULE = 'k8s-phi-namespace-image-policy';

/** A registry host: DNS labels (or an IPv4 address) with an optional port, as image references write it. */
const HOST = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]{1,5})?$/;
/** A repository path component (the distribution reference grammar). */
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

/**
 * A glob or regular expression where an exact keyless subject is expected: `*`, `?`, `.*`, `.+`,
 * a leading `^`, a trailing `$`, a backslash, brackets, braces, parentheses or `|` (none of which a
 * workflow URL, e-mail address or SPIFFE id holds).
 */
const SUBJECT_PATTERN = /[*?\\[\](){}|]|\.\+|^\^|\$$/;

/** What validateImagePolicyProps hands back: the checked values the construct writes. */
export interface CheckedImagePolicyProps {
  /** Allowed registries, as given, without duplicates. */
  readonly allowedRegistries: string[];
  /** Names of the namespaces named explicitly, without duplicates. */
  readonly namespaces: string[];
}

/** Throws one Error listing every problem of ImagePolicy `props`. `where` is the construct path. */
export function validateImagePolicyProps(where: string, props: unknown): CheckedImagePolicyProps {
  const p = new InputProblems(where);
  if (!p.object(props, 'props', false)) {
    p.throwIfAny();
    return { allowedRegistries: [], namespaces: [] };
  }
  const allowedRegistries = registries(p, props.allowedRegistries);
  const namespaces = namespaceNames(p, props.namespaces);
  if (p.string(props.name, 'name')) {
    const v = nameViolation('ValidatingAdmissionPolicy', props.name);
    if (v) p.add('name', `${v.message.replace('ValidatingAdmissionPolicy name', 'name')} (k8s-valid-name).`);
    // The objects are named <name>-images, <name>-signatures-named...: leave room for the longest suffix.
    else if (props.name.length > 230) p.add('name', `is ${props.name.length} characters; the objects are named after it with a suffix of up to 23 characters and a name may have at most 253. Use a shorter name.`);
  }
  p.boolean(props.audit, 'audit');
  if (props.signatures !== undefined) signatures(p, props.signatures);
  p.throwIfAny();
  return { allowedRegistries, namespaces };
}

/** Checks `allowedRegistries`; returns the valid entries. */
function registries(p: InputProblems, value: unknown): string[] {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) {
    p.add(
      'allowedRegistries',
      `an image policy needs at least one allowed registry; with none every image would be refused (${RULE}). ` +
        "List the registries your images are pushed to and scanned in, e.g. ['123456789012.dkr.ecr.us-east-1.amazonaws.com'] or ['ghcr.io/acme'].",
    );
    return [];
  }
  if (!p.list(value, 'allowedRegistries', false)) return [];
  const out: string[] = [];
  value.forEach((entry, i) => {
    const field = `allowedRegistries[${i}]`;
    if (!p.string(entry, field, false)) return;
    const problem = registryProblem(entry);
    if (problem !== undefined) p.add(field, `'${entry}' ${problem} (${RULE}).`);
    else if (out.includes(entry)) p.add(field, `'${entry}' is listed twice. Remove the duplicate.`);
    else out.push(entry);
  });
  return out;
}

/**
 * Why `entry` is not a registry host or host/path prefix (with the fix), or undefined when it is.
 * A host is what an image reference starts with: it has a `.` or a port, or is `localhost`.
 */
export function registryProblem(entry: string): string | undefined {
  if (entry === '') return 'is empty. Give a registry host such as registry.example.com';
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(entry)) return `has a scheme; image references name the registry without one. Use '${entry.replace(/^[^:]+:\/\//, '').replace(/\/+$/, '')}'`;
  if (/[*?[\]]/.test(entry)) return 'is a pattern; wildcards would let any registry that matches the pattern in (e.g. one an attacker registers). List each registry host';
  if (entry.endsWith('/')) return `ends with '/'; the policy adds the '/' boundary itself. Use '${entry.replace(/\/+$/, '')}'`;
  if (/[@:]/.test(entry.split('/').slice(1).join('/')) || entry.includes('@')) return 'names an image (tag or digest), not a registry. Give the registry host, optionally with a repository prefix (ghcr.io/acme)';
  if (/\s/.test(entry)) return 'contains whitespace. Give a registry host such as registry.example.com';
  const [host, ...path] = entry.split('/');
  if (!HOST.test(host)) return `does not start with a registry host ('${host}' is not a host name with an optional port). Give a registry host such as registry.example.com`;
  if (!host.includes('.') && !host.includes(':') && host !== 'localhost') {
    return `does not start with a registry host: '${host}' has no '.' or port, so an image reference starting with it is a Docker Hub repository. Use 'docker.io/${entry}' if you mean Docker Hub`;
  }
  const port = /:(\d+)$/.exec(host);
  if (port && (Number(port[1]) < 1 || Number(port[1]) > 65535)) return `has port ${port[1]}, outside 1-65535`;
  const bad = path.find((c) => !PATH_COMPONENT.test(c));
  if (bad !== undefined) return `has the repository path component '${bad}', which image references do not allow (lowercase letters and digits, separated by '.', '_', '__' or '-'). Fix the repository prefix`;
  return undefined;
}

/** The names of the explicitly covered namespaces: HipaaNamespace objects (their `name`) or names. */
function namespaceNames(p: InputProblems, value: unknown): string[] {
  if (value === undefined) return [];
  if (!p.list(value, 'namespaces', false)) return [];
  const names: string[] = [];
  value.forEach((ns, i) => {
    const field = `namespaces[${i}]`;
    const name: unknown = isPlainObject(ns) ? ns.name : ns;
    if (typeof name !== 'string') {
      p.add(field, `expected a HipaaNamespace or a namespace name, got ${describe(ns)}.`);
      return;
    }
    if (/[*?]/.test(name)) {
      p.add(field, `'${name}' is a pattern; the binding selects namespaces by name (kubernetes.io/metadata.name). List the namespaces by name.`);
      return;
    }
    const v = nameViolation('Namespace', name);
    if (v) p.add(field, `${v.message.replace('Namespace name', 'namespace')} (k8s-valid-name).`);
    else if (!names.includes(name)) names.push(name);
  });
  return names;
}

/** Checks the Kyverno signature props. */
function signatures(p: InputProblems, value: unknown): void {
  if (!p.object(value, 'signatures', false)) return;
  const { publicKey, keylessIssuer, keylessSubject } = value;
  p.boolean(value.requireSbom, 'signatures.requireSbom');
  const hasKey = publicKey !== undefined;
  const hasIssuer = keylessIssuer !== undefined;
  const hasSubject = keylessSubject !== undefined;
  if (!hasKey && !hasIssuer && !hasSubject) {
    p.add(
      'signatures',
      `says how signatures are verified: give publicKey (a cosign public key, PEM), or keylessIssuer and keylessSubject (${RULE}). ` +
        'Leave signatures out to verify no signatures.',
    );
    return;
  }
  if (hasKey && (hasIssuer || hasSubject)) {
    p.add(
      'signatures',
      `gives both publicKey and keyless${hasIssuer ? 'Issuer' : 'Subject'}; an image signed with either would be admitted, so the weaker one decides (${RULE}). ` +
        'Give publicKey, or keylessIssuer and keylessSubject, not both.',
    );
  }
  if (hasKey && p.string(publicKey, 'signatures.publicKey', false)) {
    const problem = publicKeyProblem(publicKey);
    if (problem) p.add('signatures.publicKey', `${problem} (${RULE}). Give the contents of cosign.pub (-----BEGIN PUBLIC KEY----- ... -----END PUBLIC KEY-----).`);
  }
  if (hasIssuer && !hasSubject) {
    p.add(
      'signatures.keylessSubject',
      `is required with keylessIssuer: without a subject any identity the issuer vouches for (any repository's workflow, any account) could sign images (${RULE}). ` +
        "Give the signer's identity, e.g. 'https://github.com/acme/api/.github/workflows/release.yml@refs/heads/main'.",
    );
  }
  if (hasSubject && !hasIssuer) {
    p.add(
      'signatures.keylessIssuer',
      `is required with keylessSubject: a subject means nothing without the OIDC issuer that vouches for it (${RULE}). ` +
        "Give the issuer, e.g. 'https://token.actions.githubusercontent.com'.",
    );
  }
  if (hasIssuer && p.string(keylessIssuer, 'signatures.keylessIssuer', false)) {
    const problem = issuerProblem(keylessIssuer);
    if (problem) p.add('signatures.keylessIssuer', `${problem} (${RULE}).`);
  }
  if (hasSubject && p.string(keylessSubject, 'signatures.keylessSubject', false)) {
    if (keylessSubject.trim() === '' || keylessSubject !== keylessSubject.trim()) {
      p.add('signatures.keylessSubject', `${JSON.stringify(keylessSubject)} is empty or has surrounding whitespace; it is compared exactly with the certificate's identity (${RULE}). Give the exact identity.`);
    } else if (SUBJECT_PATTERN.test(keylessSubject)) {
      p.add(
        'signatures.keylessSubject',
        `'${keylessSubject}' is a pattern; Kyverno compares the subject exactly with the signing certificate's identity, so no signature would match ` +
          `and every image would be refused (patterns, which would admit other identities, are not offered) (${RULE}). ` +
          "Give the exact identity, e.g. 'https://github.com/acme/api/.github/workflows/release.yml@refs/heads/main'.",
      );
    }
  }
}

/** Why `issuer` is not an https OIDC issuer URL, or undefined. */
function issuerProblem(issuer: string): string | undefined {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return `'${issuer}' is not a URL. Give the OIDC issuer URL, e.g. 'https://token.actions.githubusercontent.com'`;
  }
  if (url.protocol !== 'https:') return `'${issuer}' is not https; an issuer reached over plain text could be impersonated. Give its https URL`;
  if (url.username || url.password || url.search || url.hash) return `'${issuer}' has credentials, a query or a fragment; an OIDC issuer is a plain https URL. Give it as the issuer's tokens name it (their iss claim)`;
  return undefined;
}

/** Why `pem` is not a single PEM public key Node can read, or undefined. */
export function publicKeyProblem(pem: string): string | undefined {
  const trimmed = pem.trim();
  const blocks = trimmed.match(/-----BEGIN [A-Z ]+-----/g) ?? [];
  if (blocks.length === 0) return 'is not a PEM public key (no -----BEGIN PUBLIC KEY----- line)';
  if (blocks.some((b) => b.includes('PRIVATE'))) return 'is a PRIVATE key; never put a signing key in a manifest. Rotate it (it is exposed) and give the public key';
  if (blocks.length > 1) return `holds ${blocks.length} PEM blocks; give exactly one public key`;
  if (blocks[0] !== '-----BEGIN PUBLIC KEY-----') return `starts with ${blocks[0]}, not -----BEGIN PUBLIC KEY-----`;
  if (!trimmed.endsWith('-----END PUBLIC KEY-----')) return 'does not end with -----END PUBLIC KEY-----';
  try {
    createPublicKey({ key: trimmed, format: 'pem' });
  } catch (e) {
    return `cannot be read as a public key (${(e as Error).message})`;
  }
  return undefined;
}
