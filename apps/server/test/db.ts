import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../src/config';

export type TestDialect = 'sqlite' | 'postgres';

/** The database this test run uses: TOSO_TEST_DB=sqlite|postgres (postgres needs TOSO_TEST_PG_URL). */
export function testDialect(): TestDialect {
  return process.env.TOSO_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
}

/**
 * A fresh, empty database for one test file, and a way to drop it. SQLite is in memory unless
 * `sqliteFile` asks for a file in a temporary folder, as production has (a second, read-only
 * connection then exists: `readerOf`).
 */
export async function freshDatabase(opts: { sqliteFile?: boolean } = {}): Promise<{
  config: DatabaseConfig;
  drop: () => Promise<void>;
}> {
  if (testDialect() === 'sqlite') {
    if (!opts.sqliteFile) {
      return { config: { dialect: 'sqlite', file: ':memory:' }, drop: async () => {} };
    }
    const dir = mkdtempSync(join(tmpdir(), 'toso-test-'));
    return {
      config: { dialect: 'sqlite', file: join(dir, 'test.db') },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const base = process.env.TOSO_TEST_PG_URL;
  if (!base) throw new Error('TOSO_TEST_DB=postgres needs TOSO_TEST_PG_URL');
  const name = `toso_test_${randomBytes(6).toString('hex')}`;
  const admin = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: base, max: 1 }) }),
  });
  await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    config: { dialect: 'postgres', url: url.toString() },
    drop: async () => {
      await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin);
      await admin.destroy();
    },
  };
}
