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
  return formatUuid(sha1Hex(namespace === OSCAL_UUID_NAMESPACE ? OWN_NAMESPACE_BYTES : Buffer.from(namespace.replace(/-/g, ''), 'hex'), name));
}

/**
 * A SHA-1 in hex as a version 5 UUID (RFC 4122 4.3): version 5 in the high nibble of byte 6 (hex digit 12),
 * the variant (10xx) in the high bits of byte 8 (hex digit 16 becomes 8, 9, a or b by its low two bits).
 * Made by one String.fromCharCode: one flat string (measured: slices joined by a template made a tree of
 * nine strings per UUID, flattened again by every Set lookup and join; five times the cost on 62k UUIDs).
 */
function formatUuid(h: string): string {
  return String.fromCharCode(
    h.charCodeAt(0), h.charCodeAt(1), h.charCodeAt(2), h.charCodeAt(3), h.charCodeAt(4), h.charCodeAt(5), h.charCodeAt(6), h.charCodeAt(7), DASH,
    h.charCodeAt(8), h.charCodeAt(9), h.charCodeAt(10), h.charCodeAt(11), DASH,
    FIVE, h.charCodeAt(13), h.charCodeAt(14), h.charCodeAt(15), DASH,
    VARIANT[h.charCodeAt(16)], h.charCodeAt(17), h.charCodeAt(18), h.charCodeAt(19), DASH,
    h.charCodeAt(20), h.charCodeAt(21), h.charCodeAt(22), h.charCodeAt(23), h.charCodeAt(24), h.charCodeAt(25),
    h.charCodeAt(26), h.charCodeAt(27), h.charCodeAt(28), h.charCodeAt(29), h.charCodeAt(30), h.charCodeAt(31),
  );
}

const DASH = 0x2d;
const FIVE = 0x35;

/** The SHA-1 (hex) of the namespace's 16 bytes followed by the name in UTF-8. */
function sha1Hex(ns: Buffer, name: string): string {
  // Namespace and name in one reused buffer, seen through a view per length (made once): a report makes
  // one UUID per finding, and measured, sizing, allocating and formatting a Buffer per UUID cost thrice the hashing.
  let data: Buffer;
  if (16 + name.length * 3 <= SCRATCH.length) { // UTF-8 takes at most 3 bytes per UTF-16 unit
    if (scratchNamespace !== ns) {
      ns.copy(SCRATCH, 0);
      scratchNamespace = ns;
    }
    const length = 16 + SCRATCH.write(name, 16, 'utf8');
    data = VIEWS[length] ?? (VIEWS[length] = SCRATCH.subarray(0, length));
  } else {
    data = Buffer.concat([ns, Buffer.from(name, 'utf8')]);
  }
  return oneShot ? oneShot('sha1', data, 'hex') : crypto.createHash('sha1').update(data).digest('hex');
}

const OWN_NAMESPACE_BYTES = Buffer.from(OSCAL_UUID_NAMESPACE.replace(/-/g, ''), 'hex');
const SCRATCH = Buffer.allocUnsafe(64 * 1024);
/** Views of SCRATCH by length. */
const VIEWS: Buffer[] = [];
/** The namespace whose bytes SCRATCH starts with. */
let scratchNamespace: Buffer | undefined;

/** The variant's hex digit by the hash's hex digit (both as character codes): 8 + its low two bits. */
const VARIANT: number[] = [];
for (let d = 0; d < 16; d++) VARIANT[d.toString(16).charCodeAt(0)] = (8 + (d % 4)).toString(16).charCodeAt(0);

/** One-shot `crypto.hash` (Node >= 20.12) when there is one: no Hash object per UUID. */
const oneShot = (crypto as unknown as { hash?: (algorithm: string, data: Buffer, encoding: 'hex') => string }).hash;

/** RFC 4122's namespace for URLs (appendix C). */
export const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';
