/* eslint-disable @typescript-eslint/no-require-imports */
// Loaded first by the cdk8s entry point. The cdk8s packages are optional peer dependencies (the
// core and hipaa-check need none of them), so npm does not install them with hipaa-constructs. A
// user who forgets one would get Node's "Cannot find module 'cdk8s-plus-28'" from deep inside this
// package; this names every missing peer at once and the command that installs them.

/** The peer dependencies `hipaa-constructs/cdk8s` needs, each with a loader written out literally so bundlers see it. */
const PEERS: ReadonlyArray<readonly [string, () => unknown]> = [
  ['cdk8s', () => require('cdk8s')],
  ['cdk8s-plus-28', () => require('cdk8s-plus-28')],
  ['constructs', () => require('constructs')],
];

/** Whether `error` is Node's "Cannot find module '<name>'" for the package `name` itself (not for a file inside it). */
function isNotFound(error: unknown, name: string): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return e?.code === 'MODULE_NOT_FOUND' && typeof e.message === 'string' && e.message.startsWith(`Cannot find module '${name}'`);
}

/** The peer dependency ranges this package declares (for the install hint); empty when they cannot be read. */
function declaredRanges(): Record<string, string> {
  try {
    // dist/cdk8s/peers.js and lib/cdk8s/peers.ts are both two levels below package.json.
    return (require('../../package.json') as { peerDependencies?: Record<string, string> }).peerDependencies ?? {};
  } catch {
    return {};
  }
}

/**
 * The peers that cannot be loaded, in a stable order. Errors other than "not found" (a broken
 * install, a syntax error in a peer) are rethrown as they are.
 */
export function missingPeers(peers: ReadonlyArray<readonly [string, () => unknown]> = PEERS): string[] {
  const missing: string[] = [];
  for (const [name, load] of peers) {
    try {
      load();
    } catch (error) {
      if (!isNotFound(error, name)) throw error;
      missing.push(name);
    }
  }
  return missing;
}

/** The error a user sees when peers are missing: what is missing, the install command, and what works without them. */
export function missingPeersMessage(missing: readonly string[], ranges: Record<string, string> = declaredRanges()): string {
  const specs = missing.map((name) => (ranges[name] ? `${name}@'${ranges[name]}'` : name));
  return (
    `hipaa-constructs/cdk8s needs the peer dependencies cdk8s, cdk8s-plus-28 and constructs; not installed: ${missing.join(', ')}.\n` +
    `Install them in your app: npm install ${specs.join(' ')}\n` +
    '(The core entry point `hipaa-constructs` and the `hipaa-check` CLI work without them.)'
  );
}

const missing = missingPeers();
if (missing.length > 0) throw new Error(missingPeersMessage(missing));
