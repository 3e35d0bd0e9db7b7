import {
  balanceOf,
  indicatorTitle,
  SHARE_TARGET_MAX,
  type TargetGridDto,
} from '@toso/domain/campaigns';

/** The edits not yet saved, by cell key, as typed (validated on the way out). */
export type Drafts = ReadonlyMap<string, string>;

export const cellKey = (unitId: string, indicatorId: string) => `${unitId}|${indicatorId}`;

export const MAX_TARGET = 10_000_000;

/** A cell's text as a target: empty is "no target", otherwise a whole number ≥ 0. */
export function parseTarget(
  text: string,
  max = MAX_TARGET,
): { ok: true; value: number | null } | { ok: false } {
  const t = text.replace(/[\s\u00a0%]/g, '');
  if (t === '') return { ok: true, value: null };
  if (!/^\d+$/.test(t)) return { ok: false };
  const value = Number(t);
  return value <= max ? { ok: true, value } : { ok: false };
}

/** A block copied from a spreadsheet: rows split on line ends, cells on tabs. */
export function parseClipboard(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => l.split('\t'));
}

export interface GridCellRef {
  unitId: string;
  indicatorId: string;
  saved: number | null;
}

/**
 * Lays a pasted block over the editable cells from (row, col) on; what falls outside the grid is
 * left out. Returns the new drafts and how many cells were filled.
 */
export function pasteBlock(
  drafts: Drafts,
  cells: GridCellRef[][],
  row: number,
  col: number,
  block: string[][],
): { drafts: Map<string, string>; filled: number } {
  const next = new Map(drafts);
  let filled = 0;
  block.forEach((values, dr) => {
    const target = cells[row + dr];
    if (!target) return;
    values.forEach((text, dc) => {
      const cell = target[col + dc];
      if (!cell) return;
      setDraft(next, cell, text.trim());
      filled += 1;
    });
  });
  return { drafts: next, filled };
}

/** Records a cell's text, forgetting the edit when it comes back to the saved value. */
export function setDraft(drafts: Map<string, string>, cell: GridCellRef, text: string) {
  const key = cellKey(cell.unitId, cell.indicatorId);
  const parsed = parseTarget(text);
  if (parsed.ok && parsed.value === cell.saved) drafts.delete(key);
  else drafts.set(key, text);
}

/** The value a cell shows now: its draft if any, else the saved target. */
export function currentValue(drafts: Drafts, cell: GridCellRef): number | null {
  const text = drafts.get(cellKey(cell.unitId, cell.indicatorId));
  if (text === undefined) return cell.saved;
  const parsed = parseTarget(text);
  return parsed.ok ? parsed.value : null;
}

/** The largest target of a column: a share is a percentage. */
export function maxFor(grid: TargetGridDto, indicatorId: string): number {
  const kind = grid.indicators.find((i) => i.id === indicatorId)?.kind;
  return kind === 'working_age_share' ? SHARE_TARGET_MAX : MAX_TARGET;
}

export function hasInvalid(drafts: Drafts, grid: TargetGridDto): boolean {
  return [...drafts.entries()].some(
    ([key, text]) => !parseTarget(text, maxFor(grid, key.split('|')[1])).ok,
  );
}

/** The edits to send: one entry per changed cell (null removes a target). */
export function changesOf(drafts: Drafts) {
  return [...drafts.entries()].map(([key, text]) => {
    const [unitId, indicatorId] = key.split('|');
    const parsed = parseTarget(text);
    return { unitId, indicatorId, value: parsed.ok ? parsed.value : null };
  });
}

/** Sum of the rows against the unit's own target per column, from what is on screen. */
export function liveBalance(grid: TargetGridDto, drafts: Drafts) {
  return grid.indicators.map((ind, c) => {
    const parent = currentValue(drafts, {
      unitId: grid.unit.id,
      indicatorId: ind.id,
      saved: grid.parent[c].target,
    });
    const children = grid.rows.map((r) =>
      currentValue(drafts, { unitId: r.unitId, indicatorId: ind.id, saved: r.cells[c].target }),
    );
    return {
      indicatorId: ind.id,
      kind: ind.kind,
      parent,
      ...balanceOf(ind.kind, parent, children),
    };
  });
}

/** The suggested split of one column as drafts (the officer adjusts them before saving). */
export function applySuggestion(drafts: Drafts, grid: TargetGridDto, col: number) {
  const next = new Map(drafts);
  for (const r of grid.rows) {
    const cell = r.cells[col];
    if (cell.suggested === null) continue;
    setDraft(
      next,
      { unitId: r.unitId, indicatorId: cell.indicatorId, saved: cell.target },
      String(cell.suggested),
    );
  }
  return next;
}

/** An indicator's column title, with the outcome in the user's language. */
export const indicatorLabel = indicatorTitle;
