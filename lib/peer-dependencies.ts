// Optional peer dependencies: the cdk8s and Pulumi packages are peers that npm does not install
// with hipaa-constructs (the core and hipaa-check need none of them). A user who forgets one would
// get Node's "Cannot find module '@pulumi/aws'" from deep inside this package; the entry points
// (lib/cdk8s/peers.ts, lib/pulumi/peers.ts) and HipaaChart use this to name every missing peer at
// once and the command that installs them. Loads nothing itself.

/**
 * A peer dependency: its package name and how to find it, written out literally
 * (`() => require('cdk8s')`, `() => require.resolve('@pulumi/aws')`) so bundlers see it.
 */
export type PeerLoader = readonly [name: string, load: () => unknown];

/** Whether `error` is Node's "Cannot find module '<name>'" for the package `name` itself (not for a file inside it). */
function isNotFound(error: unknown, name: string): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return e?.code === 'MODULE_NOT_FOUND' && typeof e.message === 'string' && e.message.startsWith(`Cannot find module '${name}'`);
}

/**
 * The peers that cannot be found, in the order given. Errors other than "not found" (a broken
 * install, a syntax error in a peer) are rethrown as they are.
 */
export function missingPeerNames(peers: readonly PeerLoader[]): string[] {
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

/** The peer dependency ranges this package declares (for the install hint); empty when they cannot be read. */
export function declaredPeerRanges(): Record<string, string> {
  try {
    // dist/peer-dependencies.js and lib/peer-dependencies.ts are both one level below package.json.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('../package.json') as { peerDependencies?: Record<string, string> }).peerDependencies ?? {};
  } catch {
    return {};
  }
}

/** `a`, `a and b`, `a, b and c`. */
function listOf(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** What to tell a user whose peers are missing. */
export interface MissingPeersReport {
  /** Who needs them, the start of the message: `hipaa-constructs/pulumi`, `[HipaaChart 'web'] builds a cdk8s chart and`. */
  readonly subject: string;
  /** Every peer `subject` needs, in order. */
  readonly needs: readonly string[];
  /** Those not installed. */
  readonly missing: readonly string[];
  /** The last line: what works without them. */
  readonly note: string;
  /** Declared peer ranges, for the install command. @default - this package's peerDependencies */
  readonly ranges?: Record<string, string>;
}

/**
 * The error message for missing peers: what is needed and what is missing, the install command
 * (with the declared ranges, quoted for the shell) and `note`.
 */
export function missingPeersReport(report: MissingPeersReport): string {
  const ranges = report.ranges ?? declaredPeerRanges();
  const specs = report.missing.map((name) => (ranges[name] ? `${name}@'${ranges[name]}'` : name));
  return (
    `${report.subject} needs the peer dependencies ${listOf(report.needs)}; not installed: ${report.missing.join(', ')}.\n` +
    `Install them in your app: npm install ${specs.join(' ')}\n` +
    report.note
  );
}
