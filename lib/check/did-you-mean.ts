// Near-miss suggestions for misspelt keys and values in the files users write (BAA register,
// baseline, cdk8s.yaml plugin properties): one place, so every message suggests alike.

/**
 * ` (did you mean 'x'?)` for a near miss of one of `known`: the same letters in another case, the
 * plural or singular of a known word (`registry` for `registries`), or at most two edits; '' otherwise.
 */
export function didYouMean(word: string, known: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = k.toLowerCase() === word.toLowerCase() || sameWord(word.toLowerCase(), k.toLowerCase()) ? 0 : editDistance(word, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.min(2, Math.floor(best.length / 3))) ? ` (did you mean '${best}'?)` : '';
}

/** Whether one word is the other's plural (`host`/`hosts`, `registry`/`registries`). */
function sameWord(a: string, b: string): boolean {
  const plural = (w: string) => (/[^aeiou]y$/.test(w) ? `${w.slice(0, -1)}ies` : `${w}s`);
  return plural(a) === b || plural(b) === a;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
