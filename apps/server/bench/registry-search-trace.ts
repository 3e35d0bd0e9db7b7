/**
 * Where a search's time goes, statement by statement, on a kept benchmark database: runs
 * `searchResidents` (the repository, no HTTP) for each bench user and the given queries, logging
 * every statement with its duration; with `--explain`, prints EXPLAIN (ANALYZE, BUFFERS) of each
 * statement (PostgreSQL) or EXPLAIN QUERY PLAN (SQLite).
 *
 *   npx tsx apps/server/bench/registry-search-trace.ts --pg <url> [--explain] [--user commune] nguyen "hoang minh"
 *   npx tsx apps/server/bench/registry-search-trace.ts --sqlite <file> nguyen
 *
 * `--province`: the users of `registry-search.bench.ts --province` (run that first: it creates them).
 */
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type LogEvent } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../src/config';
import type { Database } from '../src/db/schema';
import { useSqlDialect } from '../src/lib/sql';
import { searchResidents } from '../src/features/registry/registry.repository';
import { SEARCH_USERS } from './registry-search';
import { PROVINCE_USERS } from './registry-search-province';
import { searchFilter, userScope } from './search-as-user';

async function main() {
  const argv = process.argv.slice(2);
  let database: DatabaseConfig | undefined;
  let explain = false;
  let only: string | undefined;
  let repeat = 3;
  let users: readonly { kind: string; username: string }[] = SEARCH_USERS;
  const queries: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '--sqlite') database = { dialect: 'sqlite', file: argv[++i] };
    else if (a === '--pg') database = { dialect: 'postgres', url: argv[++i] };
    else if (a === '--explain') explain = true;
    else if (a === '--user') only = argv[++i];
    else if (a === '--repeat') repeat = Number(argv[++i]);
    else if (a === '--province') users = PROVINCE_USERS;
    else queries.push(a);
  }
  if (!database) throw new Error('--sqlite FILE or --pg URL');
  const events: LogEvent[] = [];
  useSqlDialect(database.dialect);
  const db = new Kysely<Database>({
    dialect:
      database.dialect === 'postgres'
        ? new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 2 }) })
        : new SqliteDialect({ database: new SQLite(database.file, { readonly: true }) }),
    log: (e) => {
      events.push(e);
    },
  });
  try {
    for (const u of users) {
      if (only && !u.username.includes(only)) continue;
      const { scope } = await userScope(db, u.username);
      for (const q of queries) {
        const f = searchFilter(q, database.dialect);
        for (let r = 0; r < repeat; r += 1) {
          events.length = 0;
          const t = performance.now();
          const res = await searchResidents(db, scope, f, { limit: 20, offset: 0 });
          const ms = performance.now() - t;
          console.log(
            `${u.kind} "${q}" #${r + 1}: ${ms.toFixed(1)} ms, total ${res.total}${res.isCapped ? '+' : ''}, ${events.length} statements: ${events.map((e) => e.queryDurationMillis.toFixed(1)).join(' + ')} ms`,
          );
        }
        if (!explain) continue;
        const statements = [...events];
        for (const e of statements) {
          const text = e.query.sql;
          const params = e.query.parameters;
          const rest = [...params];
          const plan =
            database.dialect === 'postgres'
              ? await sql
                  .raw(
                    `EXPLAIN (ANALYZE, BUFFERS) ${text.replace(/\$(\d+)/g, (_, n: string) => literal(params[Number(n) - 1]))}`,
                  )
                  .execute(db)
              : await sql
                  .raw(`EXPLAIN QUERY PLAN ${text.replace(/\?/g, () => literal(rest.shift()))}`)
                  .execute(db);
          console.log(`\n--- ${text.slice(0, 300)}${text.length > 300 ? '…' : ''}`);
          for (const row of plan.rows as Record<string, unknown>[])
            console.log(`    ${String(row['QUERY PLAN'] ?? row.detail)}`);
        }
        events.length = 0;
      }
    }
  } finally {
    await db.destroy();
  }
}

function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return literal(`{${v.map((x) => `"${String(x)}"`).join(',')}}`);
  return `'${String(v).replace(/'/g, "''")}'`;
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
