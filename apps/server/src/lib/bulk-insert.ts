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

/** A bulk insert made ready before its turn: `run` sends it inside the open transaction. */
export interface PreparedInsert {
  run(tx: Tx): Promise<void>;
}

/**
 * Reusable memory for the binary arrays of one import's batches (PostgreSQL): four slots taken in
 * turn, enough for two batches of two tables each — the batch in the database and the one being
 * prepared. The pg driver copies a parameter when it sends the query, and a caller prepares batch
 * N+1 only once batch N-1 is done, so a slot is never rewritten before it was sent. One per import
 * (never shared between transactions). Without it each batch allocated its arrays anew; they
 * outlived a few scavenges and waited for a major GC: the write alone peaked ~42 MB higher.
 */
export class BulkBuffers {
  private readonly slots: (Buffer | undefined)[] = [undefined, undefined, undefined, undefined];
  private next = 0;

  take(size: number): Buffer {
    const k = this.next;
    this.next = (k + 1) % this.slots.length;
    let b = this.slots[k];
    if (!b || b.length < size) {
      b = Buffer.allocUnsafeSlow(Math.max(size, Math.ceil((b?.length ?? 0) * 1.25)));
      this.slots[k] = b;
    }
    return b.subarray(0, size);
  }
}

/**
 * The binary form (PostgreSQL's `array_recv`) of one-dimensional text[] or integer[] arrays, one
 * per column: built here, element by element, and sent as is (the pg driver passes a Buffer
 * parameter in binary format). The text form cost the server the driver's escaping and the UTF-8
 * encoding of one long string per column (~36 ms per 2,000-row batch, while the database waited),
 * and PostgreSQL the parsing of that text back into an array. All the columns of a batch share
 * one allocation (views into it): one buffer per column left the server's peak RSS ~25 MB higher
 * (malloc keeping the freed blocks).
 */
function binaryArrays(
  rows: readonly Record<string, unknown>[],
  columns: readonly (readonly [string, 'text' | 'integer'])[],
  buffers?: BulkBuffers,
): Buffer[] {
  const n = rows.length;
  // Each text's UTF-8 length first (-1: null), then one buffer written in place.
  const lengths = new Int32Array(n * columns.length);
  const sizes: number[] = [];
  let total = 0;
  columns.forEach(([c, type], k) => {
    let size = 20;
    for (let i = 0; i < n; i += 1) {
      const v = rows[i]![c];
      let len = -1;
      if (v !== null && v !== undefined) len = type === 'text' ? Buffer.byteLength(String(v)) : 4;
      lengths[k * n + i] = len;
      size += len < 0 ? 4 : 4 + len;
    }
    sizes.push(size);
    total += size;
  });
  const all = buffers ? buffers.take(total) : Buffer.allocUnsafe(total);
  const out: Buffer[] = [];
  let start = 0;
  columns.forEach(([c, type], k) => {
    const b = all.subarray(start, start + sizes[k]!);
    start += sizes[k]!;
    let nulls = 0;
    for (let i = 0; i < n; i += 1) if (lengths[k * n + i]! < 0) nulls = 1;
    b.writeInt32BE(1, 0); // dimensions
    b.writeInt32BE(nulls, 4); // has nulls
    b.writeInt32BE(type === 'text' ? 25 : 23, 8); // element type: text, int4
    b.writeInt32BE(n, 12); // length
    b.writeInt32BE(1, 16); // lower bound
    let at = 20;
    for (let i = 0; i < n; i += 1) {
      const len = lengths[k * n + i]!;
      b.writeInt32BE(len, at);
      at += 4;
      if (len < 0) continue;
      const v = rows[i]![c];
      if (type === 'text') {
        b.write(String(v), at, len, 'utf8');
        at += len;
      } else {
        const x = Number(v);
        if (!Number.isInteger(x) || x < -2147483648 || x > 2147483647)
          throw new Error(`bulkInsert: ${String(v)} is not a 32-bit integer`);
        b.writeInt32BE(x, at);
        at += 4;
      }
    }
    out.push(b);
  });
  return out;
}

/**
 * Prepares a bulk insert of many rows, to be run inside an open transaction with few statements:
 * on SQLite, prepared multi-row INSERTs run on the connection behind `db` (the connection the
 * transaction holds: refused if no transaction is open there); on PostgreSQL one `INSERT … SELECT
 * FROM unnest(arrays)`, the arrays built now in binary form (see `binaryArrays`), so that a caller
 * can build the next batch's while the database writes the previous one. Triggers, indexes and
 * foreign keys apply as for any insert. Kept counts are the caller's business.
 */
export function prepareBulkInsert<K extends keyof Database & string>(
  db: Db,
  table: K,
  columns: BulkColumns<Database[K]>,
  rows: readonly Database[K][],
  buffers?: BulkBuffers,
): PreparedInsert {
  if (rows.length === 0) return { run: async () => {} };
  const names = columns.map(([c]) => c);
  const all = rows as unknown as readonly Record<string, unknown>[];
  const handle = sqliteHandle(db);
  if (handle) return { run: async () => sqliteInsert(handle, table, names, all) };
  const arrays = binaryArrays(all, columns, buffers).map(
    (b, k) => sql`${b}::${sql.raw(columns[k]![1])}[]`,
  );
  const query = sql`INSERT INTO ${sql.table(table)} (${sql.join(names.map((c) => sql.ref(c)))})
    SELECT * FROM unnest(${sql.join(arrays)})`;
  return {
    run: async (tx) => {
      await query.execute(tx);
    },
  };
}

/** `prepareBulkInsert` run at once. */
export async function bulkInsert<K extends keyof Database & string>(
  db: Db,
  tx: Tx,
  table: K,
  columns: BulkColumns<Database[K]>,
  rows: readonly Database[K][],
): Promise<void> {
  await prepareBulkInsert(db, table, columns, rows).run(tx);
}

function sqliteInsert(
  handle: SQLite.Database,
  table: string,
  names: readonly string[],
  all: readonly Record<string, unknown>[],
): void {
  if (!handle.inTransaction) throw new Error('bulkInsert runs inside a transaction');
  const width = names.length;
  let i = 0;
  const values: unknown[] = new Array(SQLITE_ROWS * width);
  for (; i + SQLITE_ROWS <= all.length; i += SQLITE_ROWS) {
    for (let r = 0; r < SQLITE_ROWS; r += 1) {
      const row = all[i + r]!;
      for (let c = 0; c < width; c += 1) values[r * width + c] = row[names[c]!] ?? null;
    }
    sqliteStatement(handle, table, names, SQLITE_ROWS).run(values);
  }
  const rest = all.length - i;
  if (rest > 0) {
    const tail: unknown[] = [];
    for (let r = i; r < all.length; r += 1) {
      const row = all[r]!;
      for (const c of names) tail.push(row[c] ?? null);
    }
    sqliteStatement(handle, table, names, rest).run(tail);
  }
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
