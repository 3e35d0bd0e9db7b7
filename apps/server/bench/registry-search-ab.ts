/**
 * Two versions of `searchResidents` compared back to back in one process, on a kept benchmark
 * database: for each bench user and query text of `registry-search.bench.ts`, the two are called
 * alternately (A, B, A, B…) `--repeat` times, so that a loaded machine slows both alike; prints
 * each line's median and minimum (ms) and the whole plan's p95 of each. Version A is a copy of
 * the repository module (e.g. main's: `git show main:apps/server/src/features/registry/registry.repository.ts
 * > apps/server/src/features/registry/registry.repository.before.ts`, not committed), B this tree's.
 *
 *   npx tsx apps/server/bench/registry-search-ab.ts --pg <url> --before <module> [--repeat 7] [--province] [--user commune]
 */
import { readFileSync } from 'node:fs';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseConfig } from '../src/config';
import type { Database } from '../src/db/schema';
import { useSqlDialect } from '../src/lib/sql';
import { searchResidents } from '../src/features/registry/registry.repository';
import { percentile as percentileOfSorted } from './figures';
import { SYNTHETIC_PLAN, type SearchPlan } from './registry-search';
import { provincePlan } from './registry-search-province';
import { searchFilter, userScope } from './search-as-user';

type Search = typeof searchResidents;

const percentile = (x: number[], p: number) =>
  percentileOfSorted(
    [...x].sort((m, n) => m - n),
    p,
  );

async function main() {
  const argv = process.argv.slice(2);
  let database: DatabaseConfig | undefined;
  let before: string | undefined;
  let repeat = 7;
  let province = false;
  let only: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '--sqlite') database = { dialect: 'sqlite', file: argv[++i] };
    else if (a === '--pg') database = { dialect: 'postgres', url: argv[++i] };
    else if (a === '--before') before = argv[++i];
    else if (a === '--repeat') repeat = Number(argv[++i]);
    else if (a === '--province') province = true;
    else if (a === '--user') only = argv[++i];
    else throw new Error(`unknown argument ${a}`);
  }
  if (!database || !before) throw new Error('--sqlite FILE | --pg URL, --before MODULE');
  const a = ((await import(before)) as { searchResidents: Search }).searchResidents;
  const b = searchResidents;
  useSqlDialect(database.dialect);
  const db = new Kysely<Database>({
    dialect:
      database.dialect === 'postgres'
        ? new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 1 }) })
        : new SqliteDialect({ database: new SQLite(database.file, { readonly: true }) }),
  });
  // PostgreSQL on this machine: its one backend's CPU time (ms) from /proc, else 0.
  let backend: number | undefined;
  if (database.dialect === 'postgres')
    backend = (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db)).rows[0]?.pid;
  const backendCpu = () => {
    try {
      const f = readFileSync(`/proc/${backend}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(f[11]) + Number(f[12])) * 10;
    } catch {
      return 0;
    }
  };
  try {
    const plan: SearchPlan = province ? await provincePlan(db) : SYNTHETIC_PLAN;
    const all = { a: [] as number[], b: [] as number[] };
    const cpuAll = { a: 0, b: 0 };
    console.log(
      'user      q                   A median / min     B median / min   (ms)   backend CPU per search A / B',
    );
    for (const u of plan.users) {
      if (only && !u.username.includes(only)) continue;
      const { scope, role } = await userScope(db, u.username);
      // District and province officers do not see phones: the service answers nothing.
      const contact = !['district_officer', 'province_officer'].includes(role);
      for (const { q } of plan.queries) {
        const f = searchFilter(q, database.dialect);
        if (f.phoneDigits && !contact) continue;
        const times = { a: [] as number[], b: [] as number[] };
        const cpu = { a: 0, b: 0 };
        const totals = new Set<string>();
        for (let r = 0; r < repeat; r += 1)
          for (const [k, fn] of [
            ['a', a],
            ['b', b],
          ] as const) {
            const c = backendCpu();
            const t = performance.now();
            const res = await fn(db, scope, f, { limit: 20, offset: 0 });
            if (r > 0) {
              times[k].push(performance.now() - t);
              cpu[k] += backendCpu() - c;
            }
            totals.add(
              `${res.total}${res.isCapped ? '+' : ''} ${res.rows.map((x) => x.id).join()}`,
            );
          }
        if (totals.size !== 1) console.log(`  !! ${u.label} "${q}": the two versions differ`);
        const med = (x: number[]) => percentile(x, 50).toFixed(1).padStart(6);
        const min = (x: number[]) =>
          Math.min(...x)
            .toFixed(1)
            .padStart(6);
        console.log(
          `${u.label.padEnd(9)} ${`"${q}"`.padEnd(18)} ${med(times.a)} / ${min(times.a)}    ${med(times.b)} / ${min(times.b)}      ${(cpu.a / (repeat - 1)).toFixed(1).padStart(6)} / ${(cpu.b / (repeat - 1)).toFixed(1).padStart(6)}`,
        );
        cpuAll.a += cpu.a;
        cpuAll.b += cpu.b;
        all.a.push(...times.a);
        all.b.push(...times.b);
      }
    }
    console.log(
      `overall p50 / p95: A ${percentile(all.a, 50).toFixed(1)} / ${percentile(all.a, 95).toFixed(1)}, B ${percentile(all.b, 50).toFixed(1)} / ${percentile(all.b, 95).toFixed(1)} ms; backend CPU A ${(cpuAll.a / 1000).toFixed(2)} s, B ${(cpuAll.b / 1000).toFixed(2)} s`,
    );
  } finally {
    await db.destroy();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
