import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller, login, setupTestApp, type TestApp } from '../../../test/app';
import { buildWorld } from '../../../test/factories';
import { buildSecondDistrict, pathsState } from './units-test-helpers';
import type { UnitRow } from './units.repository';

// A reform import that moves several communes is one transaction: if the server's process dies
// midway (SIGKILL, as a crash or power cut), the database rolls it back and nothing is half-moved;
// an import that returned (acknowledged) is committed and still there afterwards.

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let district2: UnitRow;
const call = caller(() => t.app);
const dir = mkdtempSync(join(tmpdir(), 'toso-unit-crash-'));
const child = fileURLToPath(new URL('./units-import-crash.child.ts', import.meta.url));

function runImport(csv: string, killAfter: number) {
  const list = join(dir, 'units.csv');
  writeFileSync(list, csv);
  const db = t.config.database;
  return spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      child,
      db.dialect,
      db.dialect === 'postgres' ? db.url : db.file,
      list,
      String(killAfter),
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
}

beforeAll(async () => {
  t = await setupTestApp({}, { sqliteFile: true });
  world = await buildWorld(t.db);
  district2 = await buildSecondDistrict(t.db, world);
  const member = await login(t.app, 'team_member.a');
  const hh = (await call('POST', '/api/households', member, { hamletId: world.hamletA.id })).json();
  const r = await call('POST', '/api/residents', member, {
    householdId: hh.id,
    fullName: 'Hà Văn Một',
    birthYear: 1985,
    sex: 'male',
  });
  expect(r.statusCode).toBe(201);
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a reform import stopped by a crash', () => {
  const list = 'Mã,Tên,Loại,Mã cấp trên\n05629,Xã Động Đạt,Xã,169\n05620,Xã Yên Đổ,Xã,169\n';

  it('leaves nothing when the process dies after the first of two communes moved', async () => {
    const before = await pathsState(t.db);
    const run = runImport(list, 1);
    expect(run.signal).toBe('SIGKILL');
    expect(run.stdout).not.toContain('committed');
    expect(await pathsState(t.db)).toEqual(before);
  });

  it('keeps an import that returned (acknowledged = committed)', async () => {
    const run = runImport(list, Number.POSITIVE_INFINITY);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('committed');
    const moved = await t.db
      .selectFrom('units')
      .select(['id', 'path'])
      .where('id', 'in', [world.communeA.id, world.communeB.id])
      .execute();
    for (const u of moved) expect(u.path.startsWith(district2.path)).toBe(true);
    const resident = await t.db
      .selectFrom('residents')
      .select('unit_path')
      .executeTakeFirstOrThrow();
    expect(resident.unit_path.startsWith(`${district2.path}${world.communeA.id}/`)).toBe(true);
  });
});
