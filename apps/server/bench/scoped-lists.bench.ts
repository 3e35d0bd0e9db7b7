/**
 * The first page of every scoped list, timed through the real app, as a commune officer, the officer
 * of the largest district and a province officer of a province-shaped database (`npm run toso -- generate-province`;
 * the users are those of `registry-search-province.ts`, created when missing):
 *
 *   npx tsx apps/server/bench/scoped-lists.bench.ts --pg postgres://postgres@127.0.0.1:55433/<copy> [--migrate] [--runs N]
 *   npx tsx apps/server/bench/scoped-lists.bench.ts --sqlite /tmp/<copy>.db [--migrate] [--runs N]
 *
 * Each list is fetched `--runs` times (10) per user after one warm-up fetch; prints p50 / p95 per
 * list and user, the load average and this process's CPU time. Work on a copy: `--migrate` and the
 * users write to the database.
 */
import { cpus, loadavg } from 'node:os';
import type { DatabaseConfig } from '../src/config';
import { createDb } from '../src/db/db';
import { migrateTimed, runBench, serveApp, sessionCookie } from './bench-app';
import { percentile, table } from './figures';
import { provinceUsers } from './registry-search-province';

/**
 * The lists' first pages, as the web app asks for them (newest first, 20 a page where paged); the
 * reports of `period`, the data's latest month.
 */
const lists = (period: string): { name: string; path: string }[] => [
  { name: 'support records', path: '/api/supports?page=1&pageSize=20' },
  { name: 'households', path: '/api/households?page=1&pageSize=20' },
  { name: 'reports', path: `/api/reports?period=${period}` },
  { name: 'difficulties', path: '/api/difficulties?page=1&pageSize=20' },
  { name: 'progress', path: '/api/progress' },
  { name: 'trainings', path: '/api/trainings?page=1&pageSize=20' },
  { name: 'teams', path: '/api/teams?page=1&pageSize=20' },
  { name: 'audit', path: '/api/audit?page=1&pageSize=20' },
];

async function main() {
  const argv = process.argv.slice(2);
  let database: DatabaseConfig | undefined;
  let runs = 10;
  let migrate = false;
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '--sqlite') database = { dialect: 'sqlite', file: argv[++i] };
    else if (a === '--pg') database = { dialect: 'postgres', url: argv[++i] };
    else if (a === '--runs') runs = Number(argv[++i]);
    else if (a === '--migrate') migrate = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!database) throw new Error('--sqlite FILE or --pg URL');
  const db = createDb(database);
  try {
    if (migrate) await migrateTimed(db);
    const { picks } = await provinceUsers(db);
    const latest = await db
      .selectFrom('reports')
      .select((eb) => eb.fn.max('period_to').as('to'))
      .executeTakeFirst();
    const LISTS = lists(String(latest?.to ?? '2023-12').slice(0, 7));
    // The commune officer's lists are small enough to be sorted or walked in a few ms: a check
    // that the large scopes' way (a bounded walk of the list's index) costs the small ones nothing.
    const users = picks.filter(
      ([, role]) =>
        role === 'commune_officer' || role === 'district_officer' || role === 'province_officer',
    );
    const { app, address: base } = await serveApp(db, database);
    try {
      const load0 = loadavg()[0];
      const cpu0 = process.cpuUsage();
      const rows = [['list', 'user', 'status', 'p50 ms', 'p95 ms', 'max ms', 'total']];
      for (const [user, , unit] of users) {
        const cookie = await sessionCookie(base, user.username);
        for (const list of LISTS) {
          const times: number[] = [];
          let status = 0;
          let total = '';
          for (let i = 0; i <= runs; i += 1) {
            const t = performance.now();
            const res = await fetch(`${base}${list.path}`, { headers: { cookie } });
            const body = await res.text();
            if (i > 0) times.push(performance.now() - t);
            status = res.status;
            if (res.status === 200) {
              const json = JSON.parse(body) as { total?: number; items?: unknown[] } | unknown[];
              total = Array.isArray(json)
                ? `${json.length} rows`
                : String(json.total ?? json.items?.length ?? '');
            }
          }
          times.sort((x, y) => x - y);
          rows.push([
            list.name,
            `${user.label} (${unit.name})`,
            String(status),
            percentile(times, 50).toFixed(1),
            percentile(times, 95).toFixed(1),
            (times.at(-1) ?? Number.NaN).toFixed(1),
            total,
          ]);
        }
      }
      const cpu = process.cpuUsage(cpu0);
      console.log(
        `  ${database.dialect}: ${runs} runs per list and user; load average (1 min) ${load0.toFixed(2)} → ${loadavg()[0].toFixed(2)} on ${cpus().length} cores; CPU of this process ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`,
      );
      console.log(table(rows));
    } finally {
      await app.close();
    }
  } finally {
    await db.destroy();
  }
}

runBench(main);
