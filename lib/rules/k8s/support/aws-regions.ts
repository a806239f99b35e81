/**
 * AWS region names, checked part by part so a typo (`us-eats-1`, `eu-cental-1`) is caught where
 * it is written, not when the EBS CSI driver, IRSA or the External Secrets provider fails in the
 * cluster. A region name is `<area>-[gov-]<direction>-<number>`: the area and the direction come
 * from short fixed lists; the number is not checked, so regions AWS opens later still pass.
 * Also the partitions and account ids of ARNs. Shared by the KMS key and IAM parsers (kms-key.ts,
 * aws-identity.ts). Not a rule itself.
 */

/** AWS partitions and the region prefix each requires (undefined: any region without another partition's prefix). */
export const PARTITIONS: Readonly<Record<string, string | undefined>> = { 'aws': undefined, 'aws-us-gov': 'us-gov-', 'aws-cn': 'cn-' };

/** An AWS account id: 12 digits. */
export const ACCOUNT = /^\d{12}$/;

/** The partition a region belongs to. */
export function partitionOfRegion(region: string): string {
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('cn-')) return 'aws-cn';
  return 'aws';
}

/** The well-formed shape: lower-case words joined by '-', ending in a number. */
export const REGION_SHAPE = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

/** Areas that start AWS region names (commercial, GovCloud `us-gov-`, China `cn-`). */
const AREAS = ['af', 'ap', 'ca', 'cn', 'eu', 'il', 'me', 'mx', 'sa', 'us'];
/** Directions in AWS region names. */
const DIRECTIONS = ['central', 'east', 'north', 'northeast', 'northwest', 'south', 'southeast', 'southwest', 'west'];

/** Regions AWS has opened (for a "did you mean" only: a region not listed here still passes). */
const KNOWN = [
  'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7', 'ca-central-1', 'ca-west-1',
  'cn-north-1', 'cn-northwest-1', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-2',
  'eu-west-3', 'il-central-1', 'me-central-1', 'me-south-1', 'mx-central-1', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-gov-east-1',
  'us-gov-west-1', 'us-west-1', 'us-west-2',
];

/**
 * What is wrong with a region name of the right shape (see {@link REGION_SHAPE}), or undefined:
 * an area or a direction that no AWS region has, with the nearest known region when one is close.
 */
export function regionPartsProblem(region: string): string | undefined {
  const words = region.split('-').slice(0, -1);
  const [area, ...rest] = words;
  const direction = rest[0] === 'gov' && area === 'us' ? rest.slice(1) : rest;
  let problem: string | undefined;
  if (!AREAS.includes(area)) {
    problem = `'${area}' starts no AWS region name (${AREAS.join(', ')})`;
  } else if (direction.length !== 1 || !DIRECTIONS.includes(direction[0])) {
    problem = `'${direction.join('-')}' is not a direction of an AWS region name (${DIRECTIONS.join(', ')})`;
  }
  if (problem === undefined) return undefined;
  const near = nearestKnown(region);
  return near ? `${problem}; the nearest region is ${near}` : problem;
}

/** The known region within two edits (a transposition counts as one) of `region`, if exactly one is nearest. */
function nearestKnown(region: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  let tie = false;
  for (const known of KNOWN) {
    const d = editDistance(region, known);
    if (d < bestDistance) {
      best = known;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) {
      tie = true;
    }
  }
  return tie ? undefined : best;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
