/**
 * Dashboard benchmark (issue 6): a script that prints figures, not a timed test.
 *
 * For each database: a fresh database filled by `generateProvince` (the province-scale dataset,
 * `--scale 1` = 9 districts, 180 communes, 2,000 hamlets, 350,000 households, 1,300,000 residents,
 * 5,000,000 support records), the real app on 127.0.0.1, then through HTTP as each user would:
 * `GET /api/dashboard` for a hamlet member, a commune officer, a district officer and a province
 * officer, `GET /api/evaluation/ranking` for the three officers, p50 / p95 over `--rounds` after a
 * warm-up; and the district's consolidated report for a month (start → done → .docx).
 *
 *   npx tsx apps/server/bench/dashboard.bench.ts --db sqlite --scale 0.1
 *   TOSO_BENCH_PG_URL=postgres://… npx tsx apps/server/bench/dashboard.bench.ts --db postgres
 *
 * `--reuse <sqlite file | postgres database name>` keeps the generated database and uses it again
 * on the next run (migrated to the latest schema, not regenerated; `--scale` then has no effect).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/app';
import { loadConfig, type DatabaseConfig } from '../src/config';
import { createDb } from '../src/db/db';
import { migrateToLatest } from '../src/db/migrate';
import { generateProvince, PROVINCE_SCALE_DEFAULTS } from '../src/features/demo/province-scale';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    scale: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '40' },
    year: { type: 'string', default: '2023' },
    // Keep the generated database and use it again next time: a SQLite file path, or a
    // PostgreSQL database name. Generated when missing or empty, never dropped.
    reuse: { type: 'string' },
  },
});
const scale = Number(values.scale);
const rounds = Number(values.rounds);
const year = Number(values.year);
const log = (s: string) => process.stdout.write(`${s}\n`);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function openDatabase(kind: 'sqlite' | 'postgres') {
  const reuse = values.reuse;
  if (kind === 'sqlite' && reuse) {
    const config: DatabaseConfig = { dialect: 'sqlite', file: resolve(reuse) };
    return { config, cleanup: async () => {} };
  }
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'toso-dash-'));
    const config: DatabaseConfig = { dialect: 'sqlite', file: join(dir, 'bench.db') };
    return { config, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const base = process.env.TOSO_BENCH_PG_URL;
  if (!base) throw new Error('--db postgres needs TOSO_BENCH_PG_URL (a superuser URL)');
  const name = reuse ?? `toso_dash_${randomBytes(4).toString('hex')}`;
  const admin = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: base, max: 1 }) }),
  });
  const exists = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM pg_database WHERE datname = ${name}`.execute(admin);
  if (!reuse || exists.rows[0].n === 0) await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin);
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    config: { dialect: 'postgres', url: u.toString() } as DatabaseConfig,
    cleanup: async () => {
      if (!reuse && process.env.TOSO_BENCH_KEEP !== '1')
        await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin);
      await admin.destroy();
    },
  };
}

async function runOne(kind: 'sqlite' | 'postgres') {
  log(`=== ${kind} ===`);
  const { config: database, cleanup } = await openDatabase(kind);
  const db = createDb(database);
  try {
    await migrateToLatest(db);
    const d = PROVINCE_SCALE_DEFAULTS;
    const kept = Number(
      (
        await db
          .selectFrom('units')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const shape = {
      districts: d.districts,
      communes: Math.max(d.districts, Math.round(d.communes * scale)),
      hamlets: Math.max(d.districts, Math.round(d.hamlets * scale)),
      households: Math.round(d.households * scale),
      residents: Math.round(d.residents * scale),
      supports: Math.round(d.supports * scale),
      year,
    };
    let lastLine = 0;
    if (kept > 0) {
      // A kept database (--reuse): migrated above, not regenerated; --scale is ignored.
      const count = async (t: 'units' | 'households' | 'residents' | 'support_records') =>
        Number(
          (
            await db
              .selectFrom(t)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      log(
        `  dataset (kept, ${values.reuse}): ${(await count('units')).toLocaleString('en')} units, ${(await count('households')).toLocaleString('en')} households, ` +
          `${(await count('residents')).toLocaleString('en')} residents, ${(await count('support_records')).toLocaleString('en')} support records`,
      );
    } else {
      const generated = await generateProvince(db, shape, (phase, done, total) => {
        if (Date.now() - lastLine > 5000 || done === total) {
          lastLine = Date.now();
          process.stderr.write(
            `  ${phase}: ${done.toLocaleString('en')}/${total.toLocaleString('en')}\n`,
          );
        }
      });
      log(
        `  dataset: ${generated.units.toLocaleString('en')} units, ${generated.households.toLocaleString('en')} households, ` +
          `${generated.residents.toLocaleString('en')} residents, ${generated.supports.toLocaleString('en')} support records ` +
          `(generated in ${generated.seconds.toFixed(0)} s, not a figure)`,
      );
    }
    if (kind === 'postgres') await sql`VACUUM ANALYZE`.execute(db);
    const config = { ...loadConfig({ TOSO_DEMO: '0', TOSO_LOG_LEVEL: 'silent' }), database };
    const app = await buildApp(config, db, { logger: false });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const login = async (username: string) => {
        const r = await fetch(`${base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: base },
          body: JSON.stringify({ username, password: d.password }),
        });
        if (!r.ok) throw new Error(`login ${username}: ${r.status}`);
        return (r.headers.get('set-cookie') ?? '').split(';')[0];
      };
      const date = `${year}-12-31`;
      const users = [
        { level: 'hamlet', username: 'p.thanhvien' },
        { level: 'commune', username: 'p.xa' },
        { level: 'district', username: 'p.huyen' },
        { level: 'province', username: 'p.tinh' },
      ];
      const time = async (cookie: string, url: string) => {
        const t0 = performance.now();
        const r = await fetch(`${base}${url}`, { headers: { cookie } });
        await r.arrayBuffer();
        if (!r.ok) throw new Error(`${url}: ${r.status}`);
        return performance.now() - t0;
      };
      const rows: string[][] = [];
      const p95s: Record<string, number> = {};
      for (const u of users) {
        const cookie = await login(u.username);
        const urls: [string, string][] = [['dashboard', `/api/dashboard?date=${date}`]];
        if (u.level !== 'hamlet')
          urls.push(['ranking', `/api/evaluation/ranking?level=commune&date=${date}`]);
        for (const [what, url] of urls) {
          for (let i = 0; i < 5; i += 1) await time(cookie, url);
          const ms: number[] = [];
          // CPU of this process (server and client; not PostgreSQL's) per request: compares
          // better than wall time on a loaded machine.
          const cpu0 = process.cpuUsage();
          for (let i = 0; i < rounds; i += 1) ms.push(await time(cookie, url));
          const cpu = process.cpuUsage(cpu0);
          ms.sort((a, b) => a - b);
          p95s[`${what}:${u.level}`] = percentile(ms, 95);
          rows.push([
            what,
            u.level,
            `${percentile(ms, 50).toFixed(1)} ms`,
            `${percentile(ms, 95).toFixed(1)} ms`,
            `${((cpu.user + cpu.system) / 1000 / rounds).toFixed(1)} ms`,
          ]);
        }
      }
      log(
        `  what        level       p50         p95         CPU/request   (load average ${loadavg()[0].toFixed(2)})`,
      );
      for (const r of rows)
        log(
          `  ${r[0].padEnd(10)}  ${r[1].padEnd(10)}  ${r[2].padEnd(10)}  ${r[3].padEnd(10)}  ${r[4]}`,
        );
      const ratio = p95s['dashboard:province'] / p95s['dashboard:hamlet'];
      log(`  dashboard p95 province / hamlet: ${ratio.toFixed(2)} (aim ≤ 3)`);
      const worst = Math.max(
        ...Object.entries(p95s)
          .filter(([k]) => k.startsWith('dashboard'))
          .map(([, v]) => v),
      );
      log(`  worst dashboard p95: ${worst.toFixed(1)} ms (aim ≤ 100 ms)`);

      // The district's consolidated report for December, start to finished .docx.
      const cookie = await login('p.huyen');
      const t0 = performance.now();
      const start = await fetch(`${base}/api/report-consolidations`, {
        method: 'POST',
        headers: { cookie, origin: base, 'content-type': 'application/json' },
        body: JSON.stringify({ period: `${year}-12` }),
      });
      if (start.status !== 202)
        throw new Error(`consolidation: ${start.status} ${await start.text()}`);
      const job = (await start.json()) as { id: string };
      for (;;) {
        const s = (await (
          await fetch(`${base}/api/report-consolidations/${job.id}`, { headers: { cookie } })
        ).json()) as { status: string; message: string | null };
        if (s.status === 'failed') throw new Error(`consolidation failed: ${s.message}`);
        if (s.status === 'done') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const file = await fetch(`${base}/api/report-consolidations/${job.id}/docx`, {
        headers: { cookie },
      });
      const bytes = (await file.arrayBuffer()).byteLength;
      log(
        `  consolidated report of the district for ${year}-12: ${((performance.now() - t0) / 1000).toFixed(2)} s, ${Math.round(bytes / 1024)} KiB (aim ≤ 5 s)`,
      );
    } finally {
      await app.close();
    }
  } finally {
    await db.destroy();
    await cleanup();
  }
}

async function main() {
  log(
    `Tổ Số dashboard benchmark: ${values.reuse ? `kept database ${values.reuse} (made with its own --scale)` : `province-scale dataset × ${scale}`}, ${rounds} rounds; node ${process.version}`,
  );
  const kinds =
    values.db === 'both' ? (['sqlite', 'postgres'] as const) : [values.db as 'sqlite' | 'postgres'];
  for (const kind of kinds) await runOne(kind);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
