// "Did you mean …?" for unknown keys and enum values: a typo should come back with its fix.

/** The candidate the user most likely meant, or undefined when none is close enough to be a useful hint. */
export function suggestClosest(
  input: string,
  candidates: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): string | undefined {
  const aliased = Object.hasOwn(aliases, input) ? aliases[input] : undefined;
  if (aliased !== undefined && candidates.includes(aliased)) return aliased;

  const wanted = simplify(input);
  if (wanted === '') return undefined;
  const same = candidates.find((candidate) => simplify(candidate) === wanted);
  if (same !== undefined) return same;

  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, simplify(candidate));
    if (distance <= Math.max(1, Math.floor(wanted.length / 3)) && (best === undefined || distance < best.distance)) {
      best = { candidate, distance };
    }
  }
  if (best !== undefined) return best.candidate;

  // `grant_type` for `authorized_grant_type`: a fragment of a long name is still a clear intent.
  if (wanted.length >= 4) return candidates.find((candidate) => simplify(candidate).includes(wanted));
  return undefined;
}

/** Case, `_`, `-` and spaces do not tell keys apart for a human: `authorizedGrantType` means `authorized_grant_type`. */
function simplify(text: string): string {
  return text.toLowerCase().replace(/[-_\s]/g, '');
}

/** Optimal-string-alignment distance; infinite when the lengths are far apart or the first string is long. */
export function editDistance(a: string, b: string): number {
  // Inputs are keys and enum values; a long unknown key is never close to any of ours, so cap the work.
  if (Math.abs(a.length - b.length) > 8 || a.length > 64) return Number.POSITIVE_INFINITY;
  // Optimal string alignment: two swapped letters (`paht` for `path`) are one typo, not two.
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
      // At i = 1 or j = 1 one side reads index -1, which is undefined and never equal to a letter.
      if (a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (before[j - 2] ?? 0) + 1);
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? Number.POSITIVE_INFINITY;
}
