/**
 * Field-loop benchmark (prints figures; not a timed test).
 *
 *   npm run bench:sync -- [--pg URL] [--clients 1,4,16] [--batch 100] [--per-client 2000]
 *       [--small 100000] [--large 5000000] [--reads 200]
 *
 * SQLite only by default; with `--pg URL` (or TOSO_BENCH_PG_URL) PostgreSQL too, in a database
 * created for the run and dropped afterwards. For each database: a fresh, migrated database and the
 * real app listening on 127.0.0.1;
 *   (a) support records sent through HTTP `POST /api/sync/supports` by 1, 4, 16 devices at once
 *       (team members of different hamlets, batches of --batch), records/s and batch latency,
 *       against a plain better-sqlite3 insert loop of the same rows in this process;
 *   (b) `GET /api/campaigns/:id/progress` for the district (with its communes) and for one hamlet
 *       with --small and then --large records stored, p50/p95 and the ratio.
 * See bench/README.md.
 */
import SQLite from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PLAN_PLATFORMS, type Outcome } from '@toso/domain/platforms';
import { foldText } from '@toso/domain/text';
import { buildApp } from '../src/app';
import { loadConfig, type DatabaseConfig } from '../src/config';
import { createDb, type Db } from '../src/db/db';
import type { HouseholdsTable, ResidentsTable, SupportRecordsTable } from '../src/db/schema';
import { migrateToLatest } from '../src/db/migrate';
import { ensurePlatformCatalogue } from '../src/features/supports/platforms.service';
import type { UnitRow } from '../src/features/units/units.repository';
import { newId, nowIso } from '../src/lib/ids';
import { buildUnit, buildUser, TEST_PASSWORD } from '../test/factories';
import { percentile, table } from './figures';

type DbKind = 'sqlite' | 'postgres';

function parseArgs(argv: string[]) {
  const opts = {
    pg: process.env.TOSO_BENCH_PG_URL ?? '',
    only: '' as '' | DbKind,
    clients: [1, 4, 16],
    batch: 100,
    perClient: 2000,
    small: 100_000,
    large: 5_000_000,
    reads: 200,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    const next = () => {
      const v = argv[i + 1];
      if (v === undefined) throw new Error(`${a} needs a value`);
      i += 1;
      return v;
    };
    if (a === '--pg') opts.pg = next();
    else if (a === '--only') {
      const v = next();
      if (v !== 'sqlite' && v !== 'postgres') throw new Error(`bad --only ${v}`);
      opts.only = v;
    } else if (a === '--clients')
      opts.clients = next()
        .split(',')
        .map((v) => int(v, a));
    else if (a === '--batch') opts.batch = Math.min(100, int(next(), a));
    else if (a === '--per-client') opts.perClient = int(next(), a);
    else if (a === '--small') opts.small = int(next(), a);
    else if (a === '--large') opts.large = int(next(), a);
    else if (a === '--reads') opts.reads = int(next(), a);
    else if (a === '--help' || a === '-h') {
      console.log(
        'npm run bench:sync -- [--pg URL] [--only sqlite|postgres] [--clients 1,4,16] [--batch 100] [--per-client 2000] [--small 100000] [--large 5000000] [--reads 200]',
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}
type Opts = ReturnType<typeof parseArgs>;

function int(v: string, name: string): number {
  const n = Number(v.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
}

const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const fmtS = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const fmtMs = (ms: number) => `${ms.toFixed(1)} ms`;
const log = (...a: unknown[]) => console.log(...a);

/** Deterministic 32-bit hash of integers (so every run makes the same records). */
function hash(...xs: number[]): number {
  let h = 0x9e3779b9;
  for (const x of xs) {
    h = Math.imul(h ^ x, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

// ---------------------------------------------------------------- world

const COMMUNES = 10;
const HAMLETS_PER_COMMUNE = 20;
const CAMPAIGN = { from: '2022-05-16', to: '2022-12-31' };
const DAYS: string[] = [];
for (let d = new Date(`${CAMPAIGN.from}T00:00:00Z`); d <= new Date(`${CAMPAIGN.to}T00:00:00Z`);) {
  DAYS.push(d.toISOString().slice(0, 10));
  d.setUTCDate(d.getUTCDate() + 1);
}

interface World {
  province: UnitRow;
  district: UnitRow;
  communes: UnitRow[];
  hamlets: UnitRow[];
  /** residents[h][i]: the id of resident i of hamlet h. */
  residents: string[][];
  pairs: { platformId: string; outcome: Outcome }[];
}

async function buildWorld(db: Db, residentsPerHamlet: number): Promise<World> {
  const province = await buildUnit(db, null, {
    level: 'province',
    kind: 'tinh',
    code: '19',
    name: 'Tỉnh Thái Nguyên',
  });
  const district = await buildUnit(db, province, {
    level: 'district',
    kind: 'huyen',
    code: '168',
    name: 'Huyện Phú Lương',
  });
  const communes: UnitRow[] = [];
  const hamlets: UnitRow[] = [];
  for (let c = 0; c < COMMUNES; c += 1) {
    const commune = await buildUnit(db, district, {
      level: 'commune',
      kind: 'xa',
      code: String(5620 + c * 3).padStart(5, '0'),
      name: `Xã Thử ${c + 1}`,
    });
    communes.push(commune);
    for (let h = 0; h < HAMLETS_PER_COMMUNE; h += 1)
      hamlets.push(
        await buildUnit(db, commune, { level: 'hamlet', kind: 'xom', name: `Xóm ${h + 1}` }),
      );
  }
  await buildUser(db, { username: 'bench.district', role: 'district_officer', unit: district });
  await ensurePlatformCatalogue(db);
  const platforms = await db.selectFrom('platforms').select(['id', 'code']).execute();
  const pairs = PLAN_PLATFORMS.flatMap((p) =>
    p.outcomes.map((outcome) => ({
      platformId: platforms.find((x) => x.code === p.code)!.id,
      outcome,
    })),
  );
  // Residents: four to a household, minimal fields (names are not what this bench is about).
  const now = nowIso();
  const residents: string[][] = [];
  for (const hamlet of hamlets) {
    const ids: string[] = [];
    const households: HouseholdsTable[] = [];
    const people: ResidentsTable[] = [];
    for (let i = 0; i < residentsPerHamlet; i += 1) {
      if (i % 4 === 0)
        households.push({
          id: newId(),
          hamlet_id: hamlet.id,
          unit_path: hamlet.path,
          address: `Số ${i / 4 + 1}`,
          address_folded: `so ${i / 4 + 1}`,
          head_name: `Người ${i}`,
          head_name_folded: foldText(`Người ${i}`),
          phone: null,
          notes: '',
          is_demo: 0,
          created_at: now,
          updated_at: now,
        });
      const id = newId();
      ids.push(id);
      people.push({
        id,
        household_id: households[households.length - 1].id,
        hamlet_id: hamlet.id,
        unit_path: hamlet.path,
        full_name: `Người ${i}`,
        full_name_folded: `nguoi ${i}`,
        sex: i % 2 ? 'female' : 'male',
        birth_year: 1950 + (i % 50),
        relation: i % 4 === 0 ? 'head' : 'child',
        phone: null,
        national_id_hash: null,
        national_id_last4: null,
        ethnicity: null,
        notes: '',
        status: 'active',
        merged_into_id: null,
        erased_at: null,
        is_demo: 0,
        created_at: now,
        updated_at: now,
      });
    }
    await db.transaction().execute(async (tx) => {
      for (let i = 0; i < households.length; i += 500)
        await tx
          .insertInto('households')
          .values(households.slice(i, i + 500))
          .execute();
      for (let i = 0; i < people.length; i += 500)
        await tx
          .insertInto('residents')
          .values(people.slice(i, i + 500))
          .execute();
    });
    residents.push(ids);
  }
  return { province, district, communes, hamlets, residents, pairs };
}

/**
 * Every (resident, platform/outcome) pair of the world, in a fixed pseudo-random order: the n-th
 * combination is (n × STRIDE) mod total, a permutation since STRIDE is prime to total. A combination
 * used once is never used again (a resident counts once per indicator).
 */
class Combos {
  readonly total: number;
  private readonly used: Uint8Array;
  private readonly stride: number;
  constructor(private readonly world: World) {
    this.total = world.hamlets.length * world.residents[0].length * world.pairs.length;
    this.used = new Uint8Array(this.total);
    let s = 2_654_435_761 % this.total;
    while (gcd(s, this.total) !== 1) s += 1;
    this.stride = s;
  }
  decode(c: number) {
    const pairs = this.world.pairs.length;
    const perHamlet = this.world.residents[0].length * pairs;
    const hamlet = Math.floor(c / perHamlet);
    const resident = Math.floor((c % perHamlet) / pairs);
    return { hamlet, resident, pair: c % pairs };
  }
  /** The next unused combination of one hamlet (the hamlet's own sequence). */
  nextIn(hamlet: number, cursor: { n: number }): number {
    const perHamlet = this.world.residents[0].length * this.world.pairs.length;
    for (;;) {
      const c = hamlet * perHamlet + ((cursor.n * 7919) % perHamlet);
      cursor.n += 1;
      if (cursor.n > perHamlet) throw new Error('hamlet has no combination left');
      if (!this.used[c]) {
        this.used[c] = 1;
        return c;
      }
    }
  }
  /** The next unused combination anywhere. */
  next(cursor: { n: number }): number {
    for (;;) {
      if (cursor.n >= this.total) throw new Error('no combination left: raise residents');
      const c = (cursor.n * this.stride) % this.total;
      cursor.n += 1;
      if (!this.used[c]) {
        this.used[c] = 1;
        return c;
      }
    }
  }
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function recordOf(world: World, combos: Combos, c: number, dayIndex?: number) {
  const { hamlet, resident, pair } = combos.decode(c);
  const day = DAYS[(dayIndex ?? hash(c, 17)) % DAYS.length];
  // pc-covid is retired in 2023 only: every 2022 date is valid.
  return {
    hamlet,
    id: newId(),
    residentId: world.residents[hamlet][resident],
    platformId: world.pairs[pair].platformId,
    outcome: world.pairs[pair].outcome,
    supportedOn: day,
  };
}

// ---------------------------------------------------------------- HTTP

/**
 * fetch, retried once when a kept-alive connection was closed by the server meanwhile (after a
 * long fill the server's keep-alive timeout has passed).
 */
async function fetchRetry(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (e) {
    const code = (e as { cause?: { code?: string } }).cause?.code;
    if (code !== 'ECONNRESET' && code !== 'UND_ERR_SOCKET') throw e;
    return fetch(url, init);
  }
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetchRetry(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const c = res.headers.getSetCookie().find((s) => s.startsWith('toso_session='));
  if (!c) throw new Error('no session cookie');
  return c.split(';')[0];
}

async function call<T>(base: string, cookie: string, method: string, path: string, body?: unknown) {
  const res = await fetchRetry(`${base}${path}`, {
    method,
    headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

type SyncRecord = ReturnType<typeof recordOf>;

interface SyncRound {
  clients: number;
  records: number;
  ms: number;
  batchTimes: number[];
  statuses: Record<string, number>;
  rows: SyncRecord[];
}

/** `clients` devices, each a team member of its own hamlet, send their records in batches. */
async function syncRound(
  base: string,
  world: World,
  combos: Combos,
  opts: Opts,
  clients: number,
  firstHamlet: number,
): Promise<SyncRound> {
  const devices = [];
  for (let k = 0; k < clients; k += 1) {
    const h = firstHamlet + k;
    const username = `bench.member.${h}`;
    const cookie = await login(base, username);
    const cursor = { n: 0 };
    const records: SyncRecord[] = [];
    for (let i = 0; i < opts.perClient; i += 1)
      // A device sends what its member recorded lately: about 25 records a day, day after day.
      records.push(recordOf(world, combos, combos.nextIn(h, cursor), Math.floor(i / 25)));
    devices.push({ cookie, records });
  }
  const batchTimes: number[] = [];
  const statuses: Record<string, number> = {};
  const t0 = performance.now();
  await Promise.all(
    devices.map(async (d) => {
      for (let i = 0; i < d.records.length; i += opts.batch) {
        const batch = d.records.slice(i, i + opts.batch).map(({ hamlet: _h, ...r }) => r);
        const t = performance.now();
        const res = await call<{ results: { status: string }[] }>(
          base,
          d.cookie,
          'POST',
          '/api/sync/supports',
          {
            records: batch,
          },
        );
        batchTimes.push(performance.now() - t);
        for (const r of res.results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      }
    }),
  );
  const ms = performance.now() - t0;
  return {
    clients,
    records: clients * opts.perClient,
    ms,
    batchTimes: batchTimes.sort((a, b) => a - b),
    statuses,
    rows: devices.flatMap((d) => d.records),
  };
}

/**
 * The same rows inserted by a plain better-sqlite3 loop in this process: a fresh file with the
 * support_records table and its indexes as migrated (same pragmas as the app: WAL,
 * synchronous=FULL), one prepared INSERT per row, one transaction per batch.
 */
function plainInsertLoop(
  dir: string,
  ddl: string[],
  rows: SyncRecord[],
  batch: number,
  path: string,
) {
  const file = join(dir, `plain-${randomBytes(3).toString('hex')}.db`);
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // No parent tables here: the foreign keys are not checked (the app checks them).
  db.pragma('foreign_keys = OFF');
  for (const s of ddl) db.exec(s);
  const insert = db.prepare(
    `INSERT INTO support_records (id, resident_id, hamlet_id, unit_path, platform_id, outcome, supported_on, note, recorded_by, voids_id, voided_by, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, '', NULL, NULL, NULL, ?)`,
  );
  const tx = db.transaction((items: SyncRecord[]) => {
    const now = nowIso();
    for (const r of items)
      insert.run(r.id, r.residentId, 'h', path, r.platformId, r.outcome, r.supportedOn, now);
  });
  const t0 = performance.now();
  for (let i = 0; i < rows.length; i += batch) tx(rows.slice(i, i + batch));
  const ms = performance.now() - t0;
  db.close();
  return { ms, rate: rows.length / (ms / 1000) };
}

// ---------------------------------------------------------------- filling and counts

async function recordCount(db: Db): Promise<number> {
  const [{ n }] = await db
    .selectFrom('support_records')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .execute();
  return Number(n);
}

/**
 * Fills support_records up to `target` rows with multi-row inserts in big transactions (setup,
 * not measured), then rebuilds support_counts and support_counts_daily from the records: one
 * GROUP BY per hamlet, platform, outcome and day, rolled up to the commune, district and province
 * (the same numbers the sync keeps record by record).
 */
async function fillTo(
  db: Db,
  kind: DbKind,
  file: string | null,
  world: World,
  combos: Combos,
  cursor: { n: number },
  target: number,
) {
  const have = await recordCount(db);
  const todo = target - have;
  const t0 = performance.now();
  if (todo > 0) {
    const now = nowIso();
    const make = (n: number): SupportRecordsTable[] => {
      const out: SupportRecordsTable[] = [];
      for (let i = 0; i < n; i += 1) {
        const r = recordOf(world, combos, combos.next(cursor));
        const hamlet = world.hamlets[r.hamlet];
        out.push({
          id: r.id,
          resident_id: r.residentId,
          hamlet_id: hamlet.id,
          unit_path: hamlet.path,
          platform_id: r.platformId,
          outcome: r.outcome,
          supported_on: r.supportedOn,
          note: '',
          recorded_by: null,
          voids_id: null,
          voided_by: null,
          received_at: now,
        });
      }
      return out;
    };
    let done = 0;
    let lastReport = t0;
    if (kind === 'sqlite' && file) {
      // A second connection on the same file (the app is idle meanwhile), synchronous=OFF and a
      // large page cache for setup. The secondary indexes are dropped during the fill and created
      // again afterwards from their own DDL (so the database ends exactly as migrated): inserting
      // 5,000,000 rows in random resident order into three B-trees is what made the fill slow,
      // while CREATE INDEX sorts once. Rows are inserted in primary-key order (UUIDv7 ids).
      const raw = new SQLite(file);
      raw.pragma('synchronous = OFF');
      raw.pragma('cache_size = -262144');
      // Only worth it when the fill is large next to what is stored (recreating costs a sort of
      // every row); a small top-up keeps the indexes.
      const rebuild = todo >= 50_000 && todo > have;
      const indexes = !rebuild
        ? []
        : (raw
            .prepare(
              `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'support_records' AND sql IS NOT NULL`,
            )
            .all() as { name: string; sql: string }[]);
      for (const i of indexes) raw.exec(`DROP INDEX ${i.name}`);
      const ROWS = 200;
      const cols = 12;
      const stmt = raw.prepare(
        `INSERT INTO support_records (id, resident_id, hamlet_id, unit_path, platform_id, outcome, supported_on, note, recorded_by, voids_id, voided_by, received_at) VALUES ${Array(
          ROWS,
        )
          .fill(`(${Array(cols).fill('?').join(',')})`)
          .join(',')}`,
      );
      const flat = (rows: SupportRecordsTable[]) =>
        rows.flatMap((r) => [
          r.id,
          r.resident_id,
          r.hamlet_id,
          r.unit_path,
          r.platform_id,
          r.outcome,
          r.supported_on,
          r.note,
          r.recorded_by,
          r.voids_id,
          r.voided_by,
          r.received_at,
        ]);
      const tx = raw.transaction((rows: SupportRecordsTable[]) => {
        for (let i = 0; i + ROWS <= rows.length; i += ROWS) stmt.run(flat(rows.slice(i, i + ROWS)));
        const rest = rows.length % ROWS;
        if (rest) {
          const tail = rows.slice(rows.length - rest);
          raw
            .prepare(
              `INSERT INTO support_records (id, resident_id, hamlet_id, unit_path, platform_id, outcome, supported_on, note, recorded_by, voids_id, voided_by, received_at) VALUES ${Array(
                rest,
              )
                .fill(`(${Array(cols).fill('?').join(',')})`)
                .join(',')}`,
            )
            .run(flat(tail));
        }
      });
      try {
        while (done < todo) {
          const n = Math.min(200_000, todo - done);
          tx(make(n));
          done += n;
          if (performance.now() - lastReport > 15_000) {
            lastReport = performance.now();
            log(`    filled ${fmtInt(have + done)} / ${fmtInt(target)}`);
          }
        }
      } finally {
        const t = performance.now();
        for (const i of indexes) raw.exec(i.sql);
        if (indexes.length > 0)
          log(`    indexes created again in ${fmtS(performance.now() - t)} (included in the fill)`);
        raw.close();
      }
    } else {
      const pending = new Set<Promise<void>>();
      while (done < todo) {
        const n = Math.min(20_000, todo - done);
        const rows = make(n);
        done += n;
        const p: Promise<void> = db
          .transaction()
          .execute(async (tx) => {
            // One statement per 10,000 rows: twelve arrays unnested by the server (far fewer
            // parameters to bind than a VALUES list).
            for (let i = 0; i < rows.length; i += 10_000) {
              const part = rows.slice(i, i + 10_000);
              const col = (k: keyof SupportRecordsTable) => part.map((r) => r[k]);
              await sql`INSERT INTO support_records (id, resident_id, hamlet_id, unit_path, platform_id, outcome, supported_on, note, received_at)
                SELECT * FROM unnest(${col('id')}::text[], ${col('resident_id')}::text[], ${col('hamlet_id')}::text[], ${col('unit_path')}::text[], ${col('platform_id')}::text[], ${col('outcome')}::text[], ${col('supported_on')}::text[], ${col('note')}::text[], ${col('received_at')}::text[])`.execute(
                tx,
              );
            }
          })
          .finally(() => pending.delete(p));
        pending.add(p);
        if (pending.size >= 2) await Promise.race(pending);
        if (performance.now() - lastReport > 15_000) {
          lastReport = performance.now();
          log(`    filled ${fmtInt(have + done)} / ${fmtInt(target)}`);
        }
      }
      await Promise.all(pending);
    }
  }
  const fillMs = performance.now() - t0;
  const t1 = performance.now();
  await rebuildCounts(db, world);
  if (kind === 'postgres') {
    await sql`VACUUM ANALYZE support_records`.execute(db);
    await sql`VACUUM ANALYZE support_counts`.execute(db);
    await sql`VACUUM ANALYZE support_counts_daily`.execute(db);
  }
  return { inserted: Math.max(0, todo), fillMs, countsMs: performance.now() - t1 };
}

async function rebuildCounts(db: Db, world: World) {
  const byHamlet = await db
    .selectFrom('support_records')
    .select(['hamlet_id', 'platform_id', 'outcome', 'supported_on'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('voided_by', 'is', null)
    .groupBy(['hamlet_id', 'platform_id', 'outcome', 'supported_on'])
    .execute();
  const pathOf = new Map(world.hamlets.map((h) => [h.id, h.path]));
  const daily = new Map<string, number>();
  const monthly = new Map<string, number>();
  for (const r of byHamlet) {
    for (const unit of pathOf.get(r.hamlet_id)!.split('/').filter(Boolean)) {
      const d = `${unit}|${r.platform_id}|${r.outcome}|${r.supported_on}`;
      daily.set(d, (daily.get(d) ?? 0) + Number(r.n));
      const m = `${unit}|${r.platform_id}|${r.outcome}|${r.supported_on.slice(0, 7)}`;
      monthly.set(m, (monthly.get(m) ?? 0) + Number(r.n));
    }
  }
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('support_counts').execute();
    await tx.deleteFrom('support_counts_daily').execute();
    const rows = (m: Map<string, number>) =>
      [...m].map(([k, count]) => {
        const [unit_id, platform_id, outcome, when] = k.split('|');
        return { unit_id, platform_id, outcome, when, count };
      });
    const m = rows(monthly).map(({ when, ...r }) => ({ ...r, month: when }));
    for (let i = 0; i < m.length; i += 1000)
      await tx
        .insertInto('support_counts')
        .values(m.slice(i, i + 1000))
        .execute();
    const d = rows(daily).map(({ when, ...r }) => ({ ...r, day: when }));
    for (let i = 0; i < d.length; i += 1000)
      await tx
        .insertInto('support_counts_daily')
        .values(d.slice(i, i + 1000))
        .execute();
  });
  return { daily: daily.size, monthly: monthly.size };
}

// ---------------------------------------------------------------- reads

interface ReadFigures {
  what: string;
  times: number[];
}

async function measureReads(
  base: string,
  cookie: string,
  campaignId: string,
  world: World,
  n: number,
) {
  const hamlet = world.hamlets[world.hamlets.length - 1];
  const cases = [
    { what: 'district + communes, whole campaign', path: `/api/campaigns/${campaignId}/progress` },
    {
      what: 'district + communes, one week',
      path: `/api/campaigns/${campaignId}/progress?from=2022-09-05&to=2022-09-11`,
    },
    {
      what: 'one hamlet, whole campaign',
      path: `/api/campaigns/${campaignId}/progress?unitId=${hamlet.id}`,
    },
  ];
  const out: ReadFigures[] = [];
  for (const c of cases) {
    for (let i = 0; i < 10; i += 1) await call(base, cookie, 'GET', c.path);
    const times: number[] = [];
    for (let i = 0; i < n; i += 1) {
      const t = performance.now();
      await call(base, cookie, 'GET', c.path);
      times.push(performance.now() - t);
    }
    out.push({ what: c.what, times: times.sort((a, b) => a - b) });
  }
  return out;
}

// ---------------------------------------------------------------- databases

async function openDatabase(kind: DbKind, dir: string, pgUrl: string) {
  if (kind === 'sqlite') {
    const config: DatabaseConfig = { dialect: 'sqlite', file: join(dir, 'toso-sync-bench.db') };
    return { config, cleanup: async () => {}, note: `SQLite ${config.file}` };
  }
  const name = `toso_sync_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: pgUrl, max: 1 }) }),
  });
  await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin);
  const u = new URL(pgUrl);
  u.pathname = `/${name}`;
  const [{ version }] = (
    await sql<{ version: string }>`SELECT current_setting('server_version') AS version`.execute(
      admin,
    )
  ).rows;
  return {
    config: { dialect: 'postgres', url: u.toString() } as DatabaseConfig,
    note: `PostgreSQL ${version}, database ${name} (dropped afterwards)`,
    cleanup: async () => {
      try {
        await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin);
      } finally {
        await admin.destroy();
      }
    },
  };
}

/**
 * The migrated DDL of support_records, for the plain loop. Read before the run's own database is
 * opened: createDb sets the SQL dialect of the process.
 */
async function supportRecordsDdl(dir: string): Promise<string[]> {
  const probe = createDb({ dialect: 'sqlite', file: join(dir, 'ddl.db') });
  await migrateToLatest(probe);
  await probe.destroy();
  const ddlDb = new SQLite(join(dir, 'ddl.db'), { readonly: true });
  const ddl = (
    ddlDb
      .prepare(
        `SELECT sql FROM sqlite_master WHERE tbl_name = 'support_records' AND sql IS NOT NULL ORDER BY type DESC`,
      )
      .all() as { sql: string }[]
  ).map((r) => r.sql);
  ddlDb.close();
  return ddl;
}

interface DbFigures {
  kind: DbKind;
  rounds: (SyncRound & { plain: { ms: number; rate: number } })[];
  reads: { records: number; figures: ReadFigures[] }[];
}

async function runOne(kind: DbKind, opts: Opts): Promise<DbFigures> {
  log(`\n=== ${kind} ===`);
  const dir = await mkdtemp(join(tmpdir(), `toso-sync-bench-${kind}-`));
  const ddl = await supportRecordsDdl(dir);
  const { config: database, cleanup, note } = await openDatabase(kind, dir, opts.pg);
  log(`  database: ${note}`);
  const config = {
    ...loadConfig({ TOSO_DEMO: '0', TOSO_LOG_LEVEL: process.env.TOSO_BENCH_LOG ?? 'silent' }),
    database,
  };
  const db = createDb(database);
  try {
    await migrateToLatest(db);
    const hamlets = COMMUNES * HAMLETS_PER_COMMUNE;
    const pairs = PLAN_PLATFORMS.reduce((s, p) => s + p.outcomes.length, 0);
    // Enough residents that --large records fit, each counted once per platform and outcome.
    const perHamlet = Math.max(
      Math.ceil(opts.perClient / pairs) + 10,
      Math.ceil((opts.large * 1.1) / (hamlets * pairs)),
    );
    const t0 = performance.now();
    const world = await buildWorld(db, perHamlet);
    const sumClients = opts.clients.reduce((s, c) => s + c, 0);
    if (sumClients > hamlets) throw new Error('more devices than hamlets');
    for (let h = 0; h < sumClients; h += 1)
      await buildUser(db, {
        username: `bench.member.${h}`,
        role: 'team_member',
        unit: world.hamlets[h],
      });
    log(
      `  world: 10 communes × 20 hamlets, ${fmtInt(perHamlet * hamlets)} residents, ${pairs} platform/outcome pairs (${fmtS(performance.now() - t0)}, setup)`,
    );
    const combos = new Combos(world);
    const app = await buildApp(config, db, process.env.TOSO_BENCH_LOG ? {} : { logger: false });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const figures: DbFigures = { kind, rounds: [], reads: [] };
    try {
      log(
        `  (a) sync through HTTP, batches of ${opts.batch}, ${fmtInt(opts.perClient)} records per device`,
      );
      let first = 0;
      for (const clients of opts.clients) {
        const round = await syncRound(address, world, combos, opts, clients, first);
        first += clients;
        const plain = plainInsertLoop(dir, ddl, round.rows, opts.batch, world.hamlets[0].path);
        figures.rounds.push({ ...round, rows: [], plain });
        log(
          `    ${clients} device(s): ${fmtInt(round.records)} records in ${fmtS(round.ms)} → ${fmtInt(round.records / (round.ms / 1000))} records/s; batch p50 ${fmtMs(percentile(round.batchTimes, 50))}, p95 ${fmtMs(percentile(round.batchTimes, 95))}; ${JSON.stringify(round.statuses)}; plain loop ${fmtInt(plain.rate)} rows/s`,
        );
      }

      const district = await login(address, 'bench.district');
      const campaign = await call<{ id: string; indicators: { id: string }[] }>(
        address,
        district,
        'POST',
        '/api/campaigns',
        {
          unitId: world.district.id,
          name: 'Thí điểm 2022 (bench)',
          startsOn: CAMPAIGN.from,
          endsOn: CAMPAIGN.to,
          indicators: world.pairs.slice(0, 8),
        },
      );
      await call(address, district, 'PUT', `/api/campaigns/${campaign.id}/targets`, {
        targets: campaign.indicators.flatMap((i) => [
          { indicatorId: i.id, unitId: world.district.id, value: 100_000 },
          ...world.communes.map((c) => ({ indicatorId: i.id, unitId: c.id, value: 10_000 })),
        ]),
      });

      const cursor = { n: 0 };
      for (const target of [opts.small, opts.large]) {
        log(`  (b) filling to ${fmtInt(target)} records (setup, not measured)…`);
        const f = await fillTo(
          db,
          kind,
          database.dialect === 'sqlite' ? database.file : null,
          world,
          combos,
          cursor,
          target,
        );
        const stored = await recordCount(db);
        const [{ d }] = await db
          .selectFrom('support_counts_daily')
          .select((eb) => eb.fn.countAll<number>().as('d'))
          .execute();
        log(
          `    inserted ${fmtInt(f.inserted)} in ${fmtS(f.fillMs)} (${fmtInt(f.inserted / (f.fillMs / 1000 || 1))} rows/s); counts rebuilt in ${fmtS(f.countsMs)}; ${fmtInt(stored)} records, ${fmtInt(Number(d))} daily count rows`,
        );
        const reads = await measureReads(address, district, campaign.id, world, opts.reads);
        figures.reads.push({ records: stored, figures: reads });
        for (const r of reads)
          log(
            `    ${r.what}: p50 ${fmtMs(percentile(r.times, 50))}, p95 ${fmtMs(percentile(r.times, 95))}`,
          );
      }
      printDb(figures);
      return figures;
    } finally {
      await app.close();
    }
  } finally {
    await db.destroy();
    await cleanup();
    await rm(dir, { recursive: true, force: true });
  }
}

function printDb(f: DbFigures) {
  log(`\n  --- ${f.kind}: (a) POST /api/sync/supports ---`);
  const rows = [
    [
      'devices',
      'records',
      'records/s',
      'batch p50',
      'batch p95',
      'plain loop rows/s',
      'HTTP / plain',
    ],
  ];
  for (const r of f.rounds) {
    const rate = r.records / (r.ms / 1000);
    rows.push([
      String(r.clients),
      fmtInt(r.records),
      fmtInt(rate),
      fmtMs(percentile(r.batchTimes, 50)),
      fmtMs(percentile(r.batchTimes, 95)),
      fmtInt(r.plain.rate),
      `${(rate / r.plain.rate).toFixed(3)}`,
    ]);
  }
  log(table(rows));
  log(`\n  --- ${f.kind}: (b) GET /api/campaigns/:id/progress ---`);
  const [small, large] = f.reads;
  if (!small || !large) return;
  const t = [
    [
      'read',
      `p50 @ ${fmtInt(small.records)}`,
      'p95',
      `p50 @ ${fmtInt(large.records)}`,
      'p95',
      'ratio p50',
      'ratio p95',
    ],
  ];
  for (const [i, s] of small.figures.entries()) {
    const l = large.figures[i];
    const p50s = percentile(s.times, 50);
    const p95s = percentile(s.times, 95);
    const p50l = percentile(l.times, 50);
    const p95l = percentile(l.times, 95);
    t.push([
      s.what,
      fmtMs(p50s),
      fmtMs(p95s),
      fmtMs(p50l),
      fmtMs(p95l),
      (p50l / p50s).toFixed(2),
      (p95l / p95s).toFixed(2),
    ]);
  }
  log(table(t));
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const kinds: DbKind[] = opts.only ? [opts.only] : opts.pg ? ['sqlite', 'postgres'] : ['sqlite'];
  if (kinds.includes('postgres') && !opts.pg) throw new Error('--only postgres needs --pg URL');
  log(
    `Tổ Số sync benchmark: devices ${opts.clients.join('/')}, batches of ${opts.batch}, ${fmtInt(opts.perClient)} records per device; progress at ${fmtInt(opts.small)} and ${fmtInt(opts.large)} records; ${kinds.join(', ')}; node ${process.version}`,
  );
  const t0 = performance.now();
  const results: DbFigures[] = [];
  for (const k of kinds) results.push(await runOne(k, opts));
  log(`\n=== summary (aims: ≥ 5,000 records/s over HTTP; progress read ratio ≤ 2) ===`);
  for (const r of results) {
    const best = Math.max(...r.rounds.map((x) => x.records / (x.ms / 1000)));
    const [small, large] = r.reads;
    const ratios =
      small && large
        ? small.figures.map(
            (s, i) => percentile(large.figures[i].times, 50) / percentile(s.times, 50),
          )
        : [];
    log(
      `  ${r.kind}: best ${fmtInt(best)} records/s (${best >= 5000 ? 'ok' : 'MISS'}); read ratios p50 ${ratios.map((x) => x.toFixed(2)).join(' / ')} (${ratios.every((x) => x <= 2) ? 'ok' : 'MISS'})`,
    );
  }
  log(`\n  total run time ${fmtS(performance.now() - t0)}`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
