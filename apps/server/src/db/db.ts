import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config';
import { useSqlDialect } from '../lib/sql';
import type { Database } from './schema';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database or an open transaction: what repositories take first. */
export type Executor = Db | Tx;

// COUNT(*) comes back from PostgreSQL as int8 text; our counts fit in a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
// Keep timestamps and dates as text so both databases return the same portable types.
pg.types.setTypeParser(1082, (v) => v);
pg.types.setTypeParser(1114, (v) => v);
pg.types.setTypeParser(1184, (v) => v);

/**
 * Kysely prepares every query anew; compiling a statement costs SQLite more than running a small
 * one. The same SQL text reuses its prepared statement (least recently used first out). Safe
 * because Kysely's SQLite driver runs one query at a time on its single connection.
 */
function withStatementCache(sqlite: SQLite.Database, onClose?: () => void, size = 300) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      sqlite.close();
      onClose?.();
    },
    prepare(sql: string): SQLite.Statement {
      let statement = cache.get(sql);
      if (statement) cache.delete(sql);
      else {
        statement = sqlite.prepare(sql);
        if (cache.size >= size) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}

const sqliteHandles = new WeakMap<object, SQLite.Database>();

/**
 * The better-sqlite3 connection behind a SQLite `Db` (null on PostgreSQL), for bulk writes with
 * prepared statements. Kysely runs every query of a SQLite database on this one connection, so a
 * statement run on it inside `db.transaction().execute(…)` is part of that transaction.
 */
export function sqliteHandle(db: Db): SQLite.Database | null {
  return sqliteHandles.get(db) ?? null;
}

const readers = new WeakMap<object, Db>();

/**
 * Where short reads that must not wait behind a long write may go: on SQLite a second, read-only
 * connection to the same file (WAL lets it read the last commit while a transaction, such as an
 * import's commit, holds the writing connection); on PostgreSQL (a pool) and for an in-memory
 * SQLite database, the database itself. Used for the session lookup of every request, so that an
 * import's progress can be polled while it writes.
 */
export function readerOf(db: Db): Db {
  return readers.get(db) ?? db;
}

export function createDb(config: DatabaseConfig): Db {
  useSqlDialect(config.dialect);
  if (config.dialect === 'sqlite') {
    if (config.file !== ':memory:') mkdirSync(dirname(config.file), { recursive: true });
    const sqlite = new SQLite(config.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('busy_timeout = 5000');
    const readSqlite =
      config.file === ':memory:' ? null : new SQLite(config.file, { readonly: true });
    readSqlite?.pragma('busy_timeout = 5000');
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({
        database: withStatementCache(sqlite, () => readSqlite?.close()),
      }),
    });
    sqliteHandles.set(db, sqlite);
    if (readSqlite) {
      readers.set(
        db,
        new Kysely<Database>({
          dialect: new SqliteDialect({ database: withStatementCache(readSqlite) }),
        }),
      );
    }
    return db;
  }
  const pool = new pg.Pool({ connectionString: config.url, max: 10 });
  // An idle connection closed by the server (restart, failover) must not crash the process:
  // the pool drops it and opens a new one on the next query.
  pool.on('error', (error) => {
    process.stderr.write(`PostgreSQL connection lost: ${error.message}\n`);
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export function dialectOf(config: DatabaseConfig): 'sqlite' | 'postgres' {
  return config.dialect;
}
