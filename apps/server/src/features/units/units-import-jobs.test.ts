import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller, login, setupTestApp, type TestApp } from '../../../test/app';
import { testDialect } from '../../../test/db';
import { buildUnit, buildWorld } from '../../../test/factories';
import { uploadFile } from '../../../test/upload';
import { readTable } from '../../lib/tabular';
import { systemActor } from '../../lib/system-actor';
import type { UnitRow } from './units.repository';
import { MOVE_STEPS } from './unit-moves';
import { buildSecondDistrict, lastUnitImportAudit, pathsState } from './units-test-helpers';
import {
  applyUnitList,
  checkUnitList,
  newUnitImportProgress,
  UNIT_IMPORT_LOCK,
} from './units-import.service';

// The commit of the official unit list as a background job (the web page's way): progress while
// it moves communes with their records, one import at a time, all or nothing on failure, and only
// its author sees it.

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let district2: UnitRow;
const call = caller(() => t.app);
const cookies: Record<string, string> = {};
const HEAD = 'Mã,Tên,Loại,Mã cấp trên\n';

const post = (url: string, cookie: string, csv: string) =>
  uploadFile(t.app, url, cookie, Buffer.from(csv), 'units.csv');
const startJob = (cookie: string, csv: string) => post('/api/units/import/jobs', cookie, csv);

async function settle(cookie: string, id: string) {
  const seen: { stepsDone: number; status: string }[] = [];
  for (let i = 0; i < 2000; i += 1) {
    const res = await call('GET', `/api/units/import/jobs/${id}`, cookie);
    expect(res.statusCode).toBe(200);
    const job = res.json();
    seen.push({ stepsDone: job.stepsDone, status: job.status });
    if (job.status !== 'running') return { job, seen };
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('unit import did not settle');
}

async function pathOf(id: string) {
  return (
    await t.db.selectFrom('units').select('path').where('id', '=', id).executeTakeFirstOrThrow()
  ).path;
}

/**
 * Holds the job's writes back until `release`: on SQLite a transaction of the test holds the one
 * writing connection; on PostgreSQL it locks commune A's row, which the import updates.
 */
function holdWrites() {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let held!: () => void;
  const isHeld = new Promise<void>((r) => (held = r));
  const done = t.db.transaction().execute(async (tx) => {
    await sql`SELECT id FROM units WHERE id = ${world.communeA.id} ${
      testDialect() === 'postgres' ? sql`FOR UPDATE` : sql``
    }`.execute(tx);
    held();
    await released;
  });
  return { isHeld, release: async () => (release(), done) };
}

beforeAll(async () => {
  // SQLite in a file, as in production: polls and checks read through the second connection.
  t = await setupTestApp({}, { sqliteFile: true });
  world = await buildWorld(t.db);
  district2 = await buildSecondDistrict(t.db, world);
  for (const u of [
    'admin',
    'province_officer',
    'district_officer',
    'commune_officer.a',
    'team_member.a',
  ])
    cookies[u] = await login(t.app, u);
  const hh = (
    await call('POST', '/api/households', cookies['team_member.a'], { hamletId: world.hamletA.id })
  ).json();
  for (const fullName of ['Hà Văn Một', 'Hà Thị Hai'])
    expect(
      (
        await call('POST', '/api/residents', cookies['team_member.a'], {
          householdId: hh.id,
          fullName,
          birthYear: 1985,
          sex: 'male',
        })
      ).statusCode,
    ).toBe(201);
  const team = await call('POST', '/api/teams', cookies['commune_officer.a'], {
    hamletId: world.hamletA.id,
  });
  expect(team.statusCode).toBe(201);
});
afterAll(async () => t.close());

describe('who may run and see a unit import job', () => {
  it('refuses officers without the import permission', async () => {
    for (const who of ['commune_officer.a', 'district_officer', 'team_member.a']) {
      const res = await startJob(cookies[who], `${HEAD}05620,Xã Yên Đổ,Xã,169\n`);
      expect([who, res.statusCode]).toEqual([who, 403]);
    }
  });

  it('answers a bad file at once (422), by row and column, and starts nothing', async () => {
    const res = await startJob(cookies.admin, `${HEAD}05620,Xã Yên Đổ,Xã,169\nabc,,Xã,169\n`);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('import_invalid');
    expect(res.json().details).toEqual(
      expect.arrayContaining([expect.objectContaining({ row: 3, column: 'Mã' })]),
    );
  });

  it('shows a job to its author only; an unknown one is not found', async () => {
    const before = await pathsState(t.db);
    // The province officer renames a commune (no move): a quick job.
    const res = await startJob(cookies.province_officer, `${HEAD}05629,Xã Động Đạt Mới,Xã,168\n`);
    expect(res.statusCode).toBe(202);
    const { job } = await settle(cookies.province_officer, res.json().id);
    expect(job).toMatchObject({ status: 'done', result: { updated: 1, dryRun: false } });
    for (const who of ['admin', 'commune_officer.a']) {
      const other = await call('GET', `/api/units/import/jobs/${job.id}`, cookies[who]);
      expect([who, other.statusCode]).toEqual([who, who === 'admin' ? 404 : 403]);
    }
    const unknown = await call(
      'GET',
      '/api/units/import/jobs/01900000-0000-7000-8000-000000000000',
      cookies.admin,
    );
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toMatch(/Không tìm thấy lượt nhập/);
    const renamed = await t.db
      .selectFrom('units')
      .select('name')
      .where('id', '=', world.communeB.id)
      .executeTakeFirstOrThrow();
    expect(renamed.name).toBe('Xã Động Đạt Mới');
    expect((await pathsState(t.db)).audit).not.toEqual(before.audit);
  });

  it('fails a job on units outside the author’s scope, by row, writing nothing', async () => {
    await buildUnit(t.db, null, {
      level: 'province',
      kind: 'tinh',
      code: '20',
      name: 'Tỉnh Lạng Sơn',
    });
    const before = await pathsState(t.db);
    const res = await startJob(cookies.province_officer, `${HEAD}05620,Xã Yên Đổ,Xã,20\n`);
    expect(res.statusCode).toBe(202);
    const { job } = await settle(cookies.province_officer, res.json().id);
    expect(job.status).toBe('failed');
    expect(job.message).toMatch(/chưa có gì được ghi/);
    expect(job.errors).toEqual([
      expect.objectContaining({
        row: 2,
        column: 'Mã cấp trên',
        message: expect.stringMatching(/ngoài phạm vi/),
      }),
    ]);
    expect(await pathsState(t.db)).toEqual(before);
  });
});

describe('a unit import job that moves communes', () => {
  it('refuses a second import while one runs, saying so, and the first one completes', async () => {
    const hold = holdWrites();
    await hold.isHeld;
    const first = await startJob(cookies.admin, `${HEAD}05620,Xã Yên Đổ,Xã,169\n`);
    expect(first.statusCode).toBe(202);
    expect(first.json()).toMatchObject({ status: 'running', total: 1 });
    const second = await startJob(cookies.province_officer, `${HEAD}05629,Xã Động Đạt,Xã,168\n`);
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toMatch(
      /Đang có một lượt nhập danh mục đơn vị khác chạy \(bắt đầu lúc \d\d:\d\d, giờ Việt Nam\)/,
    );
    // The synchronous route is refused too; a preview is not (it writes nothing).
    const list = `${HEAD}05629,Xã Động Đạt,Xã,168\n`;
    const sync = await post('/api/units/import', cookies.admin, list);
    expect(sync.statusCode).toBe(409);
    const preview = await post('/api/units/import?dryRun=1', cookies.admin, list);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ updated: 1, moved: 0, dryRun: true });
    const polled = (
      await call('GET', `/api/units/import/jobs/${first.json().id}`, cookies.admin)
    ).json();
    expect(polled.status).toBe('running');
    await hold.release();
    const { job } = await settle(cookies.admin, first.json().id);
    expect(job).toMatchObject({ status: 'done', moves: 1, moved: 1 });
    expect(await pathOf(world.communeA.id)).toBe(`${district2.path}${world.communeA.id}/`);
  });

  it.runIf(testDialect() === 'postgres')(
    'refuses an import while another server process imports (PostgreSQL advisory lock)',
    async () => {
      // Another process's import, as the database sees it: a transaction holding the lock.
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      let held!: () => void;
      const isHeld = new Promise<void>((r) => (held = r));
      const other = t.db.transaction().execute(async (tx) => {
        await sql`SELECT pg_advisory_xact_lock(${UNIT_IMPORT_LOCK})`.execute(tx);
        held();
        await released;
      });
      await isHeld;
      const list = `${HEAD}05629,Xã Động Đạt (tạm),Xã,${world.district.code}\n`;
      const before = await t.db.selectFrom('units').select(['id', 'name', 'path']).execute();
      const refused = await post('/api/units/import', cookies.admin, list);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().message).toMatch(/từ một máy chủ khác/);
      const job = await startJob(cookies.admin, list);
      expect(job.statusCode).toBe(202);
      const { job: failed } = await settle(cookies.admin, job.json().id);
      expect(failed).toMatchObject({ status: 'failed' });
      expect(failed.message).toMatch(/từ một máy chủ khác/);
      expect(await t.db.selectFrom('units').select(['id', 'name', 'path']).execute()).toEqual(
        before,
      );
      release();
      await other;
      // A preview never takes the lock; once it is free, the import goes through.
      const after = await post('/api/units/import', cookies.admin, list);
      expect(after.statusCode, after.body).toBe(200);
      expect(after.json()).toMatchObject({ updated: 1 });
    },
  );

  it('moves several communes, its progress reaching the total, audited per table', async () => {
    // The 2025 reform: both communes directly under the province, and a renamed district.
    const res = await startJob(
      cookies.admin,
      `${HEAD}169,Huyện Đồng Hỷ (cũ),Huyện,19\n05620,Xã Yên Đổ,Xã,19\n05629,Xã Động Đạt,Xã,19\n`,
    );
    expect(res.statusCode).toBe(202);
    const { job, seen } = await settle(cookies.admin, res.json().id);
    expect(job).toMatchObject({
      status: 'done',
      phase: 'saving',
      total: 3,
      read: 3,
      moves: 2,
      moved: 2,
      currentUnit: null,
      result: { total: 3, updated: 3, created: 0, unchanged: 0, moved: 2, dryRun: false },
      message: null,
    });
    expect(job.stepsTotal).toBe(3 + 2 * MOVE_STEPS);
    expect(job.stepsDone).toBe(job.stepsTotal);
    const steps = seen.map((s) => s.stepsDone);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    // Units: each commune and its hamlets (3 + 2); records: 2 residents, 1 household, 1 team.
    expect(job.rowsRewritten).toBe(5 + 2 + 1 + 1);
    expect(await lastUnitImportAudit(t.db)).toMatchObject({
      updated: 3,
      moved: 2,
      carried: { units: 5, residents: 2, households: 1, teams: 1 },
      rowsRewritten: job.rowsRewritten,
    });
    expect(await pathOf(world.communeB.id)).toBe(`${world.province.path}${world.communeB.id}/`);
  });

  it('reports each step of the progress, one by one up to the total, polls answered meanwhile (service)', async () => {
    const table = await readTable(
      Buffer.from(`${HEAD}05620,Xã Yên Đổ,Xã,168\n05629,Xã Động Đạt,Xã,168\n`),
    );
    const actor = systemActor('test');
    const list = await checkUnitList(t.db, actor, table);
    const steps: number[] = [];
    const progress = new Proxy(newUnitImportProgress(list.rows.length), {
      set(target, key, value) {
        if (key === 'stepsDone') steps.push(value as number);
        return Reflect.set(target, key, value);
      },
    });
    // Turns of the event loop while it runs: on SQLite each statement runs in this thread, so
    // without a yield between them no poll would be answered until the end.
    let turns = 0;
    let spinning = true;
    const spin = () => {
      if (!spinning) return;
      turns += 1;
      setImmediate(spin);
    };
    setImmediate(spin);
    const result = await applyUnitList(t.db, actor, list, {}, progress);
    spinning = false;
    expect(turns).toBeGreaterThanOrEqual(2 * MOVE_STEPS);
    expect(result).toMatchObject({ updated: 2, moved: 2 });
    expect(progress.stepsTotal).toBe(2 + 2 * MOVE_STEPS);
    expect(steps).toEqual(Array.from({ length: progress.stepsTotal }, (_, i) => i + 1));
    expect(progress).toMatchObject({ moves: 2, moved: 2, read: 2 });
  });

  it('rolls everything back when a move fails midway, says so, and frees the next import', async () => {
    // Commune B moves first (no team), then A fails on its team: B's move must be undone too.
    const fail =
      testDialect() === 'postgres'
        ? [
            sql`CREATE FUNCTION test_fail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'test failure'; END $$ LANGUAGE plpgsql`,
            sql`CREATE TRIGGER test_fail BEFORE UPDATE OF unit_path ON teams FOR EACH ROW EXECUTE FUNCTION test_fail()`,
          ]
        : [
            sql`CREATE TRIGGER test_fail BEFORE UPDATE OF unit_path ON teams BEGIN SELECT RAISE(ABORT, 'test failure'); END`,
          ];
    for (const s of fail) await s.execute(t.db);
    const before = await pathsState(t.db);
    const res = await startJob(
      cookies.admin,
      `${HEAD}05629,Xã Động Đạt,Xã,169\n05620,Xã Yên Đổ,Xã,169\n`,
    );
    expect(res.statusCode).toBe(202);
    const { job } = await settle(cookies.admin, res.json().id);
    expect(job).toMatchObject({ status: 'failed', result: null, errors: [], moves: 2, moved: 1 });
    expect(job.message).toMatch(/mọi thay đổi đã được hoàn tác, chưa có gì được ghi/);
    expect(job.finishedAt).not.toBeNull();
    expect(await pathsState(t.db)).toEqual(before);
    await sql`DROP TRIGGER test_fail${testDialect() === 'postgres' ? sql` ON teams` : sql``}`.execute(
      t.db,
    );
    const again = await startJob(cookies.admin, `${HEAD}05629,Xã Động Đạt,Xã,169\n`);
    expect(again.statusCode).toBe(202);
    expect((await settle(cookies.admin, again.json().id)).job.status).toBe('done');
  });
});
