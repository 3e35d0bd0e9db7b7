/**
 * The registry benchmark's search phase alone, on a database kept by
 * `TOSO_BENCH_KEEP=1 npm run bench:registry` (its world and users), so that search changes can be
 * compared back to back without filling 1,000,000 residents again:
 *
 *   npx tsx apps/server/bench/registry-search.bench.ts --sqlite /tmp/toso-bench-sqlite-…/toso-bench.db
 *   npx tsx apps/server/bench/registry-search.bench.ts --pg postgres://postgres@127.0.0.1:55433/toso_bench_…
 *
 * Options: `--searches N` (300), `--budget-s N` (30), `--migrate` (bring the database to the
 * latest migration first, e.g. a new index), `--analyze` (PostgreSQL: ANALYZE residents and
 * households first, as autovacuum would). Prints the migration's time when it runs.
 *
 * `--province`: on a province-shaped database (`npm run toso -- generate-province`) instead of the
 * bench's kept one: the users' scopes and the query texts are taken from the data
 * (`registry-search-province.ts`: the median hamlet, the largest commune, the largest district, the
 * province), the users created when missing; prints each scope's size.
 */
import { cpus, loadavg } from 'node:os';
import { sql } from 'kysely';
import type { DatabaseConfig } from '../src/config';
import { createDb } from '../src/db/db';
import { migrateTimed, runBench, serveApp } from './bench-app';
import { measureSearch, printSearch, SYNTHETIC_PLAN, type SearchPlan } from './registry-search';
import { provincePlan } from './registry-search-province';

async function main() {
  const argv = process.argv.slice(2);
  let database: DatabaseConfig | undefined;
  let searches = 300;
  let budgetS = 30;
  let migrate = false;
  let analyze = false;
  let province = false;
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '--sqlite') database = { dialect: 'sqlite', file: argv[++i] };
    else if (a === '--pg') database = { dialect: 'postgres', url: argv[++i] };
    else if (a === '--searches') searches = Number(argv[++i]);
    else if (a === '--budget-s') budgetS = Number(argv[++i]);
    else if (a === '--migrate') migrate = true;
    else if (a === '--analyze') analyze = true;
    else if (a === '--province') province = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!database) throw new Error('--sqlite FILE or --pg URL');
  const db = createDb(database);
  try {
    if (migrate) await migrateTimed(db);
    if (analyze && database.dialect === 'postgres') {
      await sql`ANALYZE residents`.execute(db);
      await sql`ANALYZE households`.execute(db);
    }
    let plan: SearchPlan = SYNTHETIC_PLAN;
    if (province) {
      const t = performance.now();
      const p = await provincePlan(db);
      plan = p;
      console.log(
        `  province plan in ${((performance.now() - t) / 1000).toFixed(2)} s; scopes (active residents):`,
      );
      for (const s of p.scopes)
        console.log(
          `    ${s.user.kind.padEnd(20)} ${s.user.username.padEnd(18)} ${s.unit}: ${s.residents.toLocaleString('en-US')}`,
        );
      console.log(
        `  ${p.queries.length} query texts: ${p.queries.map((x) => `"${x.q}"`).join(', ')}`,
      );
    }
    const { app, address } = await serveApp(db, database);
    try {
      const load0 = loadavg()[0];
      const cpu0 = process.cpuUsage();
      const samples = await measureSearch(address, searches, budgetS * 1000, console.log, plan);
      const cpu = process.cpuUsage(cpu0);
      console.log(
        `  ${database.dialect}: ${samples.length} searches; load average (1 min) ${load0.toFixed(2)} → ${loadavg()[0].toFixed(2)} on ${cpus().length} cores; CPU of this process ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`,
      );
      printSearch(samples, console.log, plan);
    } finally {
      await app.close();
    }
  } finally {
    await db.destroy();
  }
}

runBench(main);
