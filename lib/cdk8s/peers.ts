/* eslint-disable @typescript-eslint/no-require-imports */
// Loaded first by the cdk8s entry point. The cdk8s packages are optional peer dependencies (the
// core and hipaa-check need none of them), so npm does not install them with hipaa-constructs. A
// user who forgets one would get Node's "Cannot find module 'cdk8s-plus-28'" from deep inside this
// package; this names every missing peer at once and the command that installs them.
import { declaredPeerRanges, missingPeerNames, missingPeersReport, PeerLoader } from '../peer-dependencies';

/** The peer dependencies `hipaa-constructs/cdk8s` needs, each with a loader written out literally so bundlers see it. */
const PEERS: readonly PeerLoader[] = [
  ['cdk8s', () => require('cdk8s')],
  ['cdk8s-plus-28', () => require('cdk8s-plus-28')],
  ['constructs', () => require('constructs')],
];

/**
 * The peers that cannot be loaded, in a stable order. Errors other than "not found" (a broken
 * install, a syntax error in a peer) are rethrown as they are.
 */
export function missingPeers(peers: readonly PeerLoader[] = PEERS): string[] {
  return missingPeerNames(peers);
}

/** The error a user sees when peers are missing: what is missing, the install command, and what works without them. */
export function missingPeersMessage(missing: readonly string[], ranges: Record<string, string> = declaredPeerRanges()): string {
  return missingPeersReport({
    subject: 'hipaa-constructs/cdk8s',
    needs: PEERS.map(([name]) => name),
    missing,
    ranges,
    note: '(The core entry point `hipaa-constructs` and the `hipaa-check` CLI work without them.)',
  });
}

const missing = missingPeers();
if (missing.length > 0) throw new Error(missingPeersMessage(missing));
