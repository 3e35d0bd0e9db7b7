// Shared by the benchmark scripts: how their figures are computed and printed.

/** The nearest-rank percentile of sorted numbers (NaN when there are none). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/** A plain-text table: the first row is the header, the first column left-aligned, the rest right. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r, i) => {
      const line = r.map((cell, c) =>
        c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]),
      );
      const text = `  ${line.join('  ')}`;
      return i === 0 ? `${text}\n  ${widths.map((w) => '-'.repeat(w)).join('  ')}` : text;
    })
    .join('\n');
}
