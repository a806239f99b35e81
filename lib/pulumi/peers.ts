/* eslint-disable @typescript-eslint/no-require-imports */
// Loaded first by the Pulumi entry point. The Pulumi packages are optional peer dependencies (a
// cdk8s-only user installs none), so npm does not install them with hipaa-constructs. A user who
// forgets one would get Node's "Cannot find module '@pulumi/aws'" from deep inside this package;
// this names every missing peer at once and the command that installs them. The peers are only
// resolved, not loaded: the entry point loads the AWS and Kubernetes submodules it uses, never the
// (slow) package roots. @pulumi/policy is not checked: only a CrossGuard policy pack program needs
// it. The cdk8s peers are checked by HipaaChart, which builds cdk8s charts (cdk8sPeersForChart).
import { declaredPeerRanges, missingPeerNames, missingPeersReport, PeerLoader } from '../peer-dependencies';

/** The peer dependencies `hipaa-constructs/pulumi` needs, each with a resolver written out literally so bundlers see it. */
const PEERS: readonly PeerLoader[] = [
  ['@pulumi/pulumi', () => require.resolve('@pulumi/pulumi')],
  ['@pulumi/aws', () => require.resolve('@pulumi/aws')],
  ['@pulumi/kubernetes', () => require.resolve('@pulumi/kubernetes')],
];

/** The cdk8s peers a HipaaChart needs to build its chart. */
const CHART_PEERS: readonly PeerLoader[] = [
  ['cdk8s', () => require.resolve('cdk8s')],
  ['cdk8s-plus-28', () => require.resolve('cdk8s-plus-28')],
  ['constructs', () => require.resolve('constructs')],
];

/**
 * The Pulumi peers that cannot be found, in a stable order. Errors other than "not found" are
 * rethrown as they are.
 */
export function missingPulumiPeers(peers: readonly PeerLoader[] = PEERS): string[] {
  return missingPeerNames(peers);
}

/** The error a user sees when Pulumi peers are missing: what is missing, the install command, and what works without them. */
export function missingPulumiPeersMessage(missing: readonly string[], ranges: Record<string, string> = declaredPeerRanges()): string {
  return missingPeersReport({
    subject: 'hipaa-constructs/pulumi',
    needs: PEERS.map(([name]) => name),
    missing,
    ranges,
    note:
      '(HipaaChart also needs cdk8s, cdk8s-plus-28 and constructs, a CrossGuard policy pack @pulumi/policy; ' +
      'the core entry point `hipaa-constructs` and the `hipaa-check` CLI work without any of them.)',
  });
}

/**
 * Throws, naming the missing peers and the install command, when the cdk8s peers a HipaaChart
 * builds its chart with are not installed. `chart`: the HipaaChart's name.
 */
export function cdk8sPeersForChart(
  chart: string,
  peers: readonly PeerLoader[] = CHART_PEERS,
  ranges: Record<string, string> = declaredPeerRanges(),
): void {
  const missing = missingPeerNames(peers);
  if (missing.length === 0) return;
  throw new Error(missingPeersReport({
    subject: `[HipaaChart '${chart}'] builds a cdk8s chart and`,
    needs: peers.map(([name]) => name),
    missing,
    ranges,
    note: '(The other components of `hipaa-constructs/pulumi` work without them.)',
  }));
}

const missing = missingPulumiPeers();
if (missing.length > 0) throw new Error(missingPulumiPeersMessage(missing));
