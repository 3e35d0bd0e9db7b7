/**
 * The import's write phase alone, without HTTP or the spool: 100,000 residents (and their
 * households) written into a fresh migrated database through `prepareImportBatch`, in one
 * transaction, batches as the import writes them (one in flight), then the kept counts. Prints the
 * wall time, this process's CPU and, on PostgreSQL, the CPU of the database's backends. Used to
 * weigh the cost of each index or trigger on `residents` (an experiment, not a figure of the app).
 *
 *   npx tsx apps/server/bench/import-write.exp.ts sqlite|postgres [--rows N] [--runs N]
 *       [--drop name,name…]     drop these indexes / triggers (SQLite: also `fts`, `phone_fts`)
 *       [--sql "statement"]     run before the write, after the migration (repeatable)
 *       [--tx-sql "statement"]  run inside the write transaction, first (repeatable; SET LOCAL …)
 *       [--cache KiB]           SQLite page cache during the write (32768, as the import)
 *       [--keep]                keep the database (to EXPLAIN on it)
 *
 * PostgreSQL: TOSO_BENCH_PG_URL (a superuser URL); the database is created and dropped.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { foldText } from '@toso/domain/text';
import { createDb, sqliteHandle, type Db } from '../src/db/db';
import { migrateToLatest } from '../src/db/migrate';
import { BulkBuffers } from '../src/lib/bulk-insert';
import { newId, nowIso } from '../src/lib/ids';
import { newResidentCounter } from '../src/features/dashboard/kpi-counts';
import { countNewHouseholds } from '../src/features/dashboard/coverage-counts';
import {
  prepareImportBatch,
  type HouseholdRow,
  type ResidentRow,
} from '../src/features/registry/registry.repository';
import type { UnitRow } from '../src/features/units/units.repository';
import { buildUnit } from '../test/factories';

const kind = process.argv[2];
if (kind !== 'sqlite' && kind !== 'postgres') throw new Error('sqlite|postgres first');
let rows = 100_000;
let runs = 1;
let cacheKib = 32768;
let keep = false;
const drops: string[] = [];
const before: string[] = [];
const inTx: string[] = [];
for (let i = 3; i < process.argv.length; i += 1) {
  const a = process.argv[i];
  const v = process.argv[++i] ?? '';
  if (a === '--rows') rows = Number(v);
  else if (a === '--runs') runs = Number(v);
  else if (a === '--cache') cacheKib = Number(v);
  else if (a === '--keep') {
    keep = true;
    i -= 1;
  } else if (a === '--drop') drops.push(...v.split(',').filter(Boolean));
  else if (a === '--sql') before.push(v);
  else if (a === '--tx-sql') inTx.push(v);
  else throw new Error(`unknown ${a}`);
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const FAMILY = ['Nguyễn', 'Nguyễn', 'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đỗ', 'Ngô'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thanh', 'Ngọc', 'Hữu', 'Quang', 'Thu', 'Hồng'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hiền', 'Hùng', 'Lan', 'Linh', 'Mai'];
const GIVEN2 = ['Nam', 'Nga', 'Nhung', 'Phương', 'Quân', 'Sơn', 'Thảo', 'Trang', 'Tuấn', 'Yến'];

/** Deterministic households of 1–7 people in the hamlets, as the bench's file roughly holds. */
function people(hamlets: UnitRow[]) {
  const r = rng(20261129);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const now = nowIso();
  const hs: HouseholdRow[] = [];
  const rs: ResidentRow[] = [];
  let h = 0;
  while (rs.length < rows) {
    h += 1;
    const hamlet = hamlets[h % hamlets.length]!;
    const size = 1 + Math.floor(r() * 7);
    const family = pick(FAMILY);
    const hid = newId();
    const head = `${family} ${pick(MIDDLE)} ${pick(r() < 0.5 ? GIVEN : GIVEN2)}`;
    const address = `Số ${1 + Math.floor(r() * 200)}, ${hamlet.name}`;
    hs.push({
      id: hid,
      hamlet_id: hamlet.id,
      unit_path: hamlet.path,
      address,
      address_folded: foldText(address),
      head_name: head,
      head_name_folded: foldText(head),
      phone: null,
      notes: '',
      is_demo: 0,
      created_at: now,
      updated_at: now,
    });
    for (let i = 0; i < size && rs.length < rows; i += 1) {
      const name =
        i === 0
          ? head
          : `${r() < 0.7 ? family : pick(FAMILY)} ${pick(MIDDLE)} ${pick(r() < 0.5 ? GIVEN : GIVEN2)}`;
      const adult = i < 2 || r() < 0.5;
      rs.push({
        id: newId(),
        household_id: hid,
        hamlet_id: hamlet.id,
        unit_path: hamlet.path,
        full_name: name,
        full_name_folded: foldText(name),
        sex: r() < 0.5 ? 'male' : 'female',
        birth_year: 1930 + Math.floor(r() * 95),
        relation: i === 0 ? 'head' : 'child',
        phone:
          adult && r() < 0.4
            ? `09${Math.floor(r() * 1e8)
                .toString()
                .padStart(8, '0')}`
            : null,
        national_id_hash: adult && r() < 0.55 ? randomBytes(16).toString('hex') : null,
        national_id_last4: null,
        ethnicity: 'Kinh',
        notes: '',
        status: 'active',
        merged_into_id: null,
        erased_at: null,
        is_demo: 0,
        created_at: now,
        updated_at: now,
      });
    }
  }
  return { hs, rs };
}

async function backendTicks(db: Db): Promise<number> {
  const { rows: pids } = await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity
    WHERE datname = current_database() AND backend_type = 'client backend'`.execute(db);
  let t = 0;
  for (const { pid } of pids) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      t += Number(f[11]) + Number(f[12]);
    } catch {
      /* gone */
    }
  }
  return t * 10;
}

async function once(run: number) {
  const dir = await mkdtemp(join(tmpdir(), 'importfast-exp-'));
  let db: Db;
  let cleanup = async () => {};
  if (kind === 'sqlite') db = createDb({ dialect: 'sqlite', file: join(dir, 'x.db') });
  else {
    const base = process.env.TOSO_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:55433/postgres';
    const name = `importfast_exp_${randomBytes(4).toString('hex')}`;
    const admin = new Kysely<unknown>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: base, max: 1 }) }),
    });
    await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin);
    const u = new URL(base);
    u.pathname = `/${name}`;
    db = createDb({ dialect: 'postgres', url: u.toString() });
    console.log(`database ${name}`);
    cleanup = async () => {
      await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin);
      await admin.destroy();
    };
  }
  try {
    await migrateToLatest(db);
    const province = await buildUnit(db, null, { level: 'province', kind: 'tinh', name: 'T' });
    const district = await buildUnit(db, province, { level: 'district', kind: 'huyen', name: 'H' });
    const commune = await buildUnit(db, district, { level: 'commune', kind: 'xa', name: 'X' });
    const hamlets: UnitRow[] = [];
    for (let i = 0; i < 20; i += 1)
      hamlets.push(
        await buildUnit(db, commune, { level: 'hamlet', kind: 'xom', name: `Xóm ${i}` }),
      );
    for (const d of drops) {
      if (kind === 'sqlite' && d === 'fts') {
        for (const t of ['ai', 'ad', 'au'])
          await sql`DROP TRIGGER ${sql.id(`residents_fts_${t}`)}`.execute(db);
      } else if (kind === 'sqlite' && d === 'phone_fts') {
        for (const t of ['ai', 'ad', 'au'])
          await sql`DROP TRIGGER ${sql.id(`residents_phone_fts_${t}`)}`.execute(db);
      } else await sql`DROP INDEX ${sql.id(d)}`.execute(db);
    }
    for (const s of before) await sql.raw(s).execute(db);
    const { hs, rs } = people(hamlets);
    const batch = sqliteHandle(db) ? 500 : 2000;
    global.gc?.();
    const load0 = loadavg()[0]!;
    const pg0 = kind === 'postgres' ? await backendTicks(db) : 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const handle = sqliteHandle(db);
    if (handle) {
      handle.pragma('temp_store = MEMORY');
      handle.pragma(`cache_size = ${-cacheKib}`);
    }
    await (async () =>
      db.transaction().execute(async (tx) => {
        for (const s of inTx) await sql.raw(s).execute(tx);
        const counter = newResidentCounter();
        let writing: Promise<void> | null = null;
        const buffers = new BulkBuffers();
        let hi = 0;
        for (let i = 0; i < rs.length; i += batch) {
          const r = rs.slice(i, i + batch);
          const last = r[r.length - 1]!.household_id;
          let hj = hi;
          while (hj < hs.length && hs[hj]!.id <= last) hj += 1;
          const h = hs.slice(hi, hj);
          hi = hj;
          const next = prepareImportBatch(db, h, r, buffers);
          counter.add(r);
          if (writing) await writing;
          writing = next.run(tx);
        }
        if (writing) await writing;
        await counter.apply(tx);
        await countNewHouseholds(tx, hs);
        if (kind === 'postgres') await sql`SELECT pg_backend_pid()`.execute(tx);
      }))();
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const pg1 = kind === 'postgres' ? await backendTicks(db) : 0;
    console.log(
      `${kind} run ${run} rows ${rs.length} households ${hs.length} cache ${cacheKib} drop [${drops.join(',')}] sql [${[...before, ...inTx].join('; ')}]: wall ${(wall / 1000).toFixed(2)} s, node CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s (sys ${(cpu.system / 1e6).toFixed(2)})${kind === 'postgres' ? `, PG backend CPU ${((pg1 - pg0) / 1000).toFixed(2)} s` : ''}, load ${load0.toFixed(1)}→${loadavg()[0]!.toFixed(1)}, max RSS of this process ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MB`,
    );
  } finally {
    await db.destroy();
    if (keep)
      console.log(`kept ${kind === 'sqlite' ? join(dir, 'x.db') : 'the PostgreSQL database'}`);
    else {
      await cleanup();
      await rm(dir, { recursive: true, force: true });
    }
  }
}

for (let i = 1; i <= runs; i += 1) await once(i);
