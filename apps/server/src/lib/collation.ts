import { sql } from 'kysely';
import type { Executor } from '../db/db';
import { sqlDialect } from './sql';

/**
 * The prefix with its last character's code one higher (ASCII): bytewise, the texts starting with
 * the prefix are exactly those from the prefix (included) up to this one (excluded). Undefined
 * when the last character has no such successor in ASCII.
 */
export function prefixEnd(prefix: string): string | undefined {
  const last = prefix.charCodeAt(prefix.length - 1);
  if (!(last < 0x7f)) return undefined;
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

/**
 * Whether the database's default collation orders texts bytewise (PostgreSQL with C, POSIX or
 * C.UTF-8 under the libc provider: code point order, bytewise for UTF-8). Then a path prefix is
 * exactly the range [prefix, prefixEnd(prefix)) of a plain `unit_path` index, which the
 * registry's search and the unit moves use. False on SQLite (whose callers do not need it) and
 * for any other collation. Asked once per database handle or transaction.
 */
const bytewiseSeen = new WeakMap<object, Promise<boolean>>();
export function bytewiseCollation(db: Executor): Promise<boolean> {
  if (sqlDialect() !== 'postgres') return Promise.resolve(false);
  let seen = bytewiseSeen.get(db);
  if (!seen) {
    // The provider through to_jsonb: `datlocprovider` exists from PostgreSQL 15 on (ICU: not
    // bytewise whatever `datcollate` says); before it, libc only.
    seen = sql<{ collate: string; provider: string | null }>`SELECT d.datcollate AS collate,
        to_jsonb(d) ->> 'datlocprovider' AS provider
      FROM pg_database d WHERE d.datname = current_database()`
      .execute(db)
      .then((r) => {
        const row = r.rows[0];
        return !!row && (row.provider ?? 'c') === 'c' && /^(C|POSIX|C\.UTF-?8)$/i.test(row.collate);
      })
      .catch(() => {
        bytewiseSeen.delete(db);
        return false;
      });
    bytewiseSeen.set(db, seen);
  }
  return seen;
}
