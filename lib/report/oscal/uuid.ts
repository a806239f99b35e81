import * as crypto from 'crypto';

/**
 * The namespace of every UUID hipaa-constructs writes into OSCAL documents: a version 5 UUID of
 * `https://github.com/hipaa-constructs/hipaa-constructs` in RFC 4122's URL namespace. Fixed forever, so
 * the same key names the same thing in every document and every release.
 */
export const OSCAL_UUID_NAMESPACE = 'bd51f2f8-1c76-5749-a868-f9bc3b074b4b';

/**
 * A name-based (version 5, SHA-1) UUID of `name` in `namespace` (RFC 4122 section 4.3): the same key
 * always gives the same UUID, so two runs on the same input write the same ids and diff cleanly.
 */
export function uuidV5(name: string, namespace: string = OSCAL_UUID_NAMESPACE): string {
  const ns = namespace === OSCAL_UUID_NAMESPACE ? OWN_NAMESPACE_BYTES : Buffer.from(namespace.replace(/-/g, ''), 'hex');
  // Namespace and name in one reused buffer (no allocation per UUID; a report makes one per finding).
  const length = Buffer.byteLength(name, 'utf8');
  const data = 16 + length <= SCRATCH.length ? SCRATCH.subarray(0, 16 + length) : Buffer.allocUnsafe(16 + length);
  ns.copy(data, 0);
  data.write(name, 16, 'utf8');
  const hash = oneShot ? oneShot('sha1', data, 'buffer') : crypto.createHash('sha1').update(data).digest();
  // RFC 4122 4.3: version 5 in the high nibble of byte 6, the variant (10xx) in the high bits of byte 8.
  hash[6] = 0x50 + (hash[6] % 0x10);
  hash[8] = 0x80 + (hash[8] % 0x40);
  const hex = hash.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const OWN_NAMESPACE_BYTES = Buffer.from(OSCAL_UUID_NAMESPACE.replace(/-/g, ''), 'hex');
const SCRATCH = Buffer.allocUnsafe(64 * 1024);

/** One-shot `crypto.hash` (Node >= 20.12) when there is one: no Hash object per UUID. */
const oneShot = (crypto as unknown as { hash?: (algorithm: string, data: Buffer, encoding: 'buffer') => Buffer }).hash;

/** RFC 4122's namespace for URLs (appendix C). */
export const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';
