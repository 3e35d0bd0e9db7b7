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
import { foldText } from '@toso/domain/text';
import type { Role } from '@toso/domain/roles';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseConfig } from '../src/config';
import type { Database } from '../src/db/schema';
import { useSqlDialect } from '../src/lib/sql';
import { issueScope } from '../src/lib/scope';
import { searchResidents } from '../src/features/registry/registry.repository';
import { percentile as percentileOfSorted } from './figures';
import { SYNTHETIC_PLAN, type SearchPlan } from './registry-search';
import { provincePlan } from './registry-search-province';

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
        ? new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 2 }) })
        : new SqliteDialect({ database: new SQLite(database.file, { readonly: true }) }),
  });
  try {
    const plan: SearchPlan = province ? await provincePlan(db) : SYNTHETIC_PLAN;
    const all = { a: [] as number[], b: [] as number[] };
    console.log('user      q                   A median / min     B median / min   (ms)');
    for (const u of plan.users) {
      if (only && !u.username.includes(only)) continue;
      const user = await db
        .selectFrom('users')
        .leftJoin('units', 'units.id', 'users.unit_id')
        .select(['users.role', 'units.id as unit_id', 'units.path'])
        .where('users.username', '=', u.username)
        .executeTakeFirstOrThrow();
      const scope = issueScope(
        user.role as Role,
        user.unit_id && user.path ? { id: user.unit_id, path: user.path } : null,
      );
      const contact = !['district_officer', 'province_officer'].includes(user.role);
      for (const { q } of plan.queries) {
        // As the service reads the text (registry.service.ts).
        const digits = /^[\d\s.+]+$/.test(q) ? q.replace(/\D/g, '') : '';
        const isYear = /^\d{4}$/.test(q) && Number(q) >= 1900 && Number(q) <= 2100;
        if (digits && !isYear && !contact) continue;
        const f = {
          folded: digits ? undefined : foldText(q),
          phoneDigits: digits && !isYear ? digits.replace(/^84/, '0') : undefined,
          birthYear: isYear ? Number(digits) : undefined,
          dialect: database.dialect,
        };
        const times = { a: [] as number[], b: [] as number[] };
        const totals = new Set<string>();
        for (let r = 0; r < repeat; r += 1)
          for (const [k, fn] of [
            ['a', a],
            ['b', b],
          ] as const) {
            const t = performance.now();
            const res = await fn(db, scope, f, { limit: 20, offset: 0 });
            if (r > 0) times[k].push(performance.now() - t);
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
          `${u.label.padEnd(9)} ${`"${q}"`.padEnd(18)} ${med(times.a)} / ${min(times.a)}    ${med(times.b)} / ${min(times.b)}`,
        );
        all.a.push(...times.a);
        all.b.push(...times.b);
      }
    }
    console.log(
      `overall p50 / p95: A ${percentile(all.a, 50).toFixed(1)} / ${percentile(all.a, 95).toFixed(1)}, B ${percentile(all.b, 50).toFixed(1)} / ${percentile(all.b, 95).toFixed(1)} ms`,
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
