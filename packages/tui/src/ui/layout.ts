/**
 * Sharing out a screen's rows. Every screen fits its terminal: its parts ask for rows, and while
 * the total is over the budget the part asking for the most gives one up (never below its
 * minimum), so short parts keep all they need and the long ones (a doc page) shrink first.
 * A list longer than its rows shows a window that keeps the selection in view.
 *
 * Interface: `fitRows(needs, budget, mins)`, `listWindow(cursor, count, visible)`.
 */

/** Rows for each part: `needs[i]` cut down, never below `mins[i]`, so that the sum fits `budget` when it can. */
export function fitRows(needs: readonly number[], budget: number, mins: readonly number[] = []): number[] {
  const rows = needs.map((n) => Math.max(0, n));
  let total = rows.reduce((a, b) => a + b, 0);
  while (total > budget) {
    let largest = -1;
    for (let i = 0; i < rows.length; i++) {
      if (rows[i]! > (mins[i] ?? 0) && (largest < 0 || rows[i]! > rows[largest]!)) largest = i;
    }
    if (largest < 0) break;
    rows[largest]!--;
    total--;
  }
  return rows;
}

/** The first item to show of a list of `count` items in `visible` rows, keeping `cursor` in view (centred when it can). */
export function listWindow(cursor: number, count: number, visible: number): number {
  if (count <= visible || visible <= 0) return 0;
  return Math.max(0, Math.min(cursor - Math.floor(visible / 2), count - visible));
}
