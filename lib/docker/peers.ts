/* eslint-disable @typescript-eslint/no-require-imports */
// Loaded first by the Docker entry point. `constructs` is an optional peer dependency (the core and
// hipaa-check need none), so a user who forgets it would get Node's "Cannot find module" from deep
// inside this package; this names it and the command that installs it.
import { declaredPeerRanges, missingPeerNames, missingPeersReport, PeerLoader } from '../peer-dependencies';

/** The peer dependencies `hipaa-constructs/docker` needs. */
const PEERS: readonly PeerLoader[] = [['constructs', () => require('constructs')]];

/** The error a user sees when peers are missing. */
export function missingDockerPeersMessage(missing: readonly string[], ranges: Record<string, string> = declaredPeerRanges()): string {
  return missingPeersReport({
    subject: 'hipaa-constructs/docker',
    needs: PEERS.map(([name]) => name),
    missing,
    ranges,
    note: '(The core entry point `hipaa-constructs` and the `hipaa-check` CLI work without it.)',
  });
}

const missing = missingPeerNames(PEERS);
if (missing.length > 0) throw new Error(missingDockerPeersMessage(missing));
