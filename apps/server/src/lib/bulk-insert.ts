import type SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { sqliteHandle, type Db, type Tx } from '../db/db';
import type { Database } from '../db/schema';

/** A column written by `bulkInsert`, with its PostgreSQL array type. */
export type BulkColumns<T> = readonly (readonly [keyof T & string, 'text' | 'integer'])[];

// Rows per SQLite statement: 500 rows of 20 columns is 10,000 parameters (the limit is 32,766).
const SQLITE_ROWS = 500;
const statements = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

function sqliteStatement(
  handle: SQLite.Database,
  table: string,
  columns: readonly string[],
  rows: number,
): SQLite.Statement {
  let cache = statements.get(handle);
  if (!cache) {
    cache = new Map();
    statements.set(handle, cache);
  }
  const key = `${table}|${columns.join(',')}|${rows}`;
  let stmt = cache.get(key);
  if (!stmt) {
    const tuple = `(${columns.map(() => '?').join(',')})`;
    stmt = handle.prepare(
      `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(',')}) VALUES ${Array(rows)
        .fill(tuple)
        .join(',')}`,
    );
    // Only the full-size statement is kept: the last, shorter one of each call varies in size.
    if (rows === SQLITE_ROWS) cache.set(key, stmt);
  }
  return stmt;
}

/**
 * Inserts many rows inside an open transaction with few statements: on SQLite, prepared multi-row
 * INSERTs run on the connection behind `db` (the connection the transaction holds: refused if no
 * transaction is open there); on PostgreSQL one `INSERT … SELECT FROM unnest(arrays)` per call, so
 * the number of parameters does not grow with the rows. Triggers, indexes and foreign keys apply
 * as for any insert. Kept counts are the caller's business.
 */
export async function bulkInsert<K extends keyof Database & string>(
  db: Db,
  tx: Tx,
  table: K,
  columns: BulkColumns<Database[K]>,
  rows: readonly Database[K][],
): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map(([c]) => c);
  const all = rows as unknown as readonly Record<string, unknown>[];
  const handle = sqliteHandle(db);
  if (handle) {
    if (!handle.inTransaction) throw new Error('bulkInsert runs inside a transaction');
    const width = names.length;
    let i = 0;
    const values: unknown[] = new Array(SQLITE_ROWS * width);
    for (; i + SQLITE_ROWS <= rows.length; i += SQLITE_ROWS) {
      for (let r = 0; r < SQLITE_ROWS; r += 1) {
        const row = all[i + r]!;
        for (let c = 0; c < width; c += 1) values[r * width + c] = row[names[c]!] ?? null;
      }
      sqliteStatement(handle, table, names, SQLITE_ROWS).run(values);
    }
    const rest = rows.length - i;
    if (rest > 0) {
      const tail: unknown[] = [];
      for (let r = i; r < rows.length; r += 1) {
        const row = all[r]!;
        for (const c of names) tail.push(row[c] ?? null);
      }
      sqliteStatement(handle, table, names, rest).run(tail);
    }
    return;
  }
  const arrays = columns.map(([c, type]) => {
    const values = all.map((row) => row[c] ?? null);
    return sql`${values}::${sql.raw(type)}[]`;
  });
  await sql`INSERT INTO ${sql.table(table)} (${sql.join(names.map((c) => sql.ref(c)))})
    SELECT * FROM unnest(${sql.join(arrays)})`.execute(tx);
}

/** Page cache of the SQLite connection while a bulk write runs (KiB; better-sqlite3's default is 16,000). */
const BULK_CACHE_KIB = 32768;

/**
 * Runs a bulk write (`fn` opens and commits its transaction) with SQLite settings that suit one
 * large transaction, restored afterwards; on PostgreSQL it just runs `fn`.
 * - `temp_store = MEMORY`: each multi-row INSERT (with triggers, so it may abort halfway) keeps a
 *   statement journal of every existing page it touches; by default that journal spills to a
 *   temporary file after 64 KiB, costing two `pwrite` calls per page (about 900,000 for a
 *   100,000-row import, half of the write phase's CPU went to the kernel). In memory it is a few
 *   MB per statement, freed when the statement ends. It must be set outside a transaction.
 * - a 32 MB page cache instead of 16 MB: fewer index pages spilled to the WAL and read back.
 * Neither touches durability: the WAL and `synchronous = FULL` stay as they are.
 */
export async function withBulkWriteSettings<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  const handle = sqliteHandle(db);
  if (!handle) return fn();
  const before = {
    temp: handle.pragma('temp_store', { simple: true }) as number,
    cache: handle.pragma('cache_size', { simple: true }) as number,
  };
  handle.pragma('temp_store = MEMORY');
  handle.pragma(`cache_size = ${-BULK_CACHE_KIB}`);
  try {
    return await fn();
  } finally {
    if (handle.open) {
      handle.pragma(`temp_store = ${before.temp}`);
      handle.pragma(`cache_size = ${before.cache}`);
    }
  }
}
