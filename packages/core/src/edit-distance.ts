/**
 * Edit distance between two words, for "did you mean" suggestions (the assembler's mnemonics,
 * the manifest's keys).
 *
 * Interface: `editDistance(a, b)` → the number of edits that turn `a` into `b`. Each caller picks
 * its own threshold and case rule.
 *
 * Invariants: the optimal-string-alignment distance: an insertion, a deletion, a substitution or
 * a swap of two neighbours each count 1 (so `mvo` is 1 from `mov`); symmetric; 0 only for equal
 * words. Characters are UTF-16 code units, compared exactly (callers lowercase first if needed).
 */

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}
