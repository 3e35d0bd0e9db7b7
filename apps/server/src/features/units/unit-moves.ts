import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/db';
import { bytewiseCollation, prefixEnd } from '../../lib/collation';
import type { Database } from '../../db/schema';
import { startsWith } from '../../lib/sql';
import { upsertDeltas } from '../../lib/upsert-deltas';

// A unit moved to another parent (the official unit list import: in the 2025 reform communes
// moved from a district to directly under the province) carries its records. Every scope check is a
// prefix match on a materialised path (`inScope`), and the records keep a copy of their unit's path
// in `unit_path`; the kept counts are kept for a unit and every unit above it. So a move rewrites,
// in the import's transaction, the path of every unit of the subtree and the `unit_path` of every
// record under it, and moves the subtree's kept counts from the old ancestors to the new ones.

/**
 * The tables whose rows keep a copy of their unit's path in `unit_path`, rewritten by a move. A
 * test compares this list with the database's catalogue, so a new table cannot be forgotten.
 */
export const UNIT_PATH_TABLES = [
  'residents',
  'households',
  'support_records',
  'teams',
  'files',
  'decisions',
  'chat_groups',
  'data_requests',
  'campaigns',
  'targets',
  'materials',
  'practices',
  'report_requests',
  'report_request_units',
  'reports',
  'difficulties',
  'partners',
  'partner_contributions',
  'trainings',
  'training_invitations',
  'member_courses',
  'evaluation_weights',
] as const satisfies readonly (keyof Database)[];

/**
 * Tables with `unit_path` a move leaves as written: the audit log is append-only (the database
 * refuses updates), and an entry keeps the unit's place at the time of the change.
 */
export const UNIT_PATH_KEPT_AS_RECORDED = ['audit_log'] as const;

export type UnitPathTable = (typeof UNIT_PATH_TABLES)[number];
/** How many rows a move rewrote: units, and the records of each table. */
export type MovedCounts = Record<'units' | UnitPathTable, number>;

/**
 * The kept counts: keyed by unit (and more key columns), each row the sum over the records of the
 * unit's subtree (a record counts for its unit and every unit above it).
 */
const KEPT_COUNTS: readonly {
  table: keyof Database;
  keys: readonly string[];
  counts: readonly string[];
}[] = [
  {
    table: 'kpi_month_changes',
    keys: ['unit_id', 'month'],
    counts: ['working_age', 'able', 'unknown_age', 'unknown_age_able'],
  },
  {
    table: 'unit_coverage_counts',
    keys: ['unit_id'],
    counts: ['households', 'hamlets_with_team', 'households_joined'],
  },
  {
    table: 'support_counts',
    keys: ['unit_id', 'platform_id', 'outcome', 'month'],
    counts: ['count'],
  },
  {
    table: 'support_counts_daily',
    keys: ['unit_id', 'platform_id', 'outcome', 'day'],
    counts: ['count'],
  },
];

const ancestorsAbove = (path: string) => path.split('/').filter(Boolean).slice(0, -1);

/**
 * Moves the kept counts of a moved unit's subtree: the unit's own rows (its subtree's totals) are
 * taken from every old ancestor and added to every new one (those in both cancel out). Exact when
 * the counts were right before, and as cheap as the unit's own rows, whatever the records' number.
 */
async function shiftKeptCounts(tx: Executor, unitId: string, oldPath: string, newPath: string) {
  const before = ancestorsAbove(oldPath);
  const after = ancestorsAbove(newPath);
  // Kysely cannot type a table chosen by a parameter; the columns are those of the list above.
  /* eslint-disable @typescript-eslint/no-explicit-any */
  const db = tx as unknown as Kysely<any>;
  for (const k of KEPT_COUNTS) {
    const own: Record<string, any>[] = await db
      .selectFrom(k.table)
      .selectAll()
      .where('unit_id', '=', unitId)
      .execute();
    const deltas = new Map<string, Record<string, any>>();
    for (const row of own)
      for (const [units, sign] of [
        [before, -1],
        [after, 1],
      ] as const)
        for (const unit_id of units) {
          const keyed: Record<string, any> = { ...row, unit_id };
          const key = k.keys.map((c) => String(keyed[c])).join('\u0000');
          const d =
            deltas.get(key) ??
            Object.fromEntries([
              ...k.keys.map((c) => [c, keyed[c]]),
              ...k.counts.map((c) => [c, 0]),
            ]);
          for (const c of k.counts) d[c] += sign * Number(row[c]);
          deltas.set(key, d);
        }
    await upsertDeltas(
      tx,
      k.table,
      k.keys as never,
      k.counts as never,
      [...deltas.values()] as never,
    );
  }
  /* eslint-enable @typescript-eslint/no-explicit-any */
}

/**
 * The rows under a path. On PostgreSQL, LIKE 'prefix%' uses only `text_pattern_ops` indexes, and
 * some tables have none, or a partial one (support records: those not voided), so an UPDATE with
 * it alone read the whole table (4.7 M support records, ~4 s per moved commune). With a bytewise
 * collation the prefix is also written as the range [prefix, prefix with its final '/' raised to
 * '0'), which the plain path indexes serve; the LIKE stays, so the rows are the same either way.
 */
function underPath(column: string, prefix: string, asRange: boolean): RawBuilder<boolean> {
  if (!asRange) return startsWith(column, prefix);
  const upper = prefixEnd(prefix);
  if (upper === undefined) return startsWith(column, prefix);
  return sql<boolean>`(${sql.ref(column)} >= ${prefix} AND ${sql.ref(column)} < ${upper} AND ${startsWith(column, prefix)})`;
}

/** The statements of one move, each a step of an import's progress: units, each table, counts. */
export const MOVE_STEPS = UNIT_PATH_TABLES.length + 2;

export interface MoveOptions {
  /** `bytewiseCollation(tx)`, read once by the caller that moves many units; read here if absent. */
  asRange?: boolean;
  /**
   * Called and awaited after each statement (MOVE_STEPS in all) with the rows it rewrote: for
   * progress, and to let the event loop answer the progress polls meanwhile (see the import).
   */
  onStep?: (table: 'units' | UnitPathTable | 'kept_counts', rows: number) => void | Promise<void>;
}

/**
 * Moves a unit (already given its new parent) and its subtree from `oldPath` to `newPath`: the
 * units' paths, every record's `unit_path` under the old path, and the kept counts. Run in the
 * transaction of the change. Returns how many rows of each table were rewritten.
 */
export async function moveSubtree(
  tx: Executor,
  unitId: string,
  oldPath: string,
  newPath: string,
  options: MoveOptions = {},
): Promise<MovedCounts> {
  const rewritten = (column: string) =>
    sql<string>`${newPath} || substr(${sql.ref(column)}, ${oldPath.length + 1})`;
  const units = await tx
    .updateTable('units')
    .set({ path: rewritten('path') })
    .where(startsWith('units.path', oldPath))
    .executeTakeFirst();
  const moved = { units: Number(units.numUpdatedRows) } as MovedCounts;
  await options.onStep?.('units', moved.units);
  const asRange = options.asRange ?? (await bytewiseCollation(tx));
  for (const table of UNIT_PATH_TABLES) {
    const r = await (tx as unknown as Kysely<Record<string, { unit_path: string }>>)
      .updateTable(table)
      .set({ unit_path: rewritten('unit_path') })
      .where(underPath('unit_path', oldPath, asRange))
      .executeTakeFirst();
    moved[table] = Number(r.numUpdatedRows);
    await options.onStep?.(table, moved[table]);
  }
  await shiftKeptCounts(tx, unitId, oldPath, newPath);
  await options.onStep?.('kept_counts', 0);
  return moved;
}
