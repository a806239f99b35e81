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
  const data = Buffer.allocUnsafe(16 + Buffer.byteLength(name, 'utf8'));
  ns.copy(data, 0);
  data.write(name, 16, 'utf8');
  const hash = oneShot ? oneShot('sha1', data, 'buffer') : crypto.createHash('sha1').update(data).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const OWN_NAMESPACE_BYTES = Buffer.from(OSCAL_UUID_NAMESPACE.replace(/-/g, ''), 'hex');

/** One-shot `crypto.hash` (Node >= 20.12) when there is one: no Hash object per UUID. */
const oneShot = (crypto as unknown as { hash?: (algorithm: string, data: Buffer, encoding: 'buffer') => Buffer }).hash;

/** RFC 4122's namespace for URLs (appendix C). */
export const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';
