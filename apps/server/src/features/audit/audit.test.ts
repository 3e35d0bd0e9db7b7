import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, setupTestApp, type TestApp } from '../../../test/app';
import { buildWorld } from '../../../test/factories';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;

beforeAll(async () => {
  t = await setupTestApp();
  world = await buildWorld(t.db);
});
afterAll(async () => t.close());

describe('audit log', () => {
  it('records who, role, unit, entity, before/after and request id with each change', async () => {
    const cookie = await login(t.app, 'commune_officer.a');
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/units/${world.hamletA2.id}`,
      headers: { cookie },
      payload: { name: 'Đồng Tâm Mới' },
    });
    expect(res.statusCode).toBe(200);
    const log = (
      await t.app.inject({ method: 'GET', url: '/api/audit', headers: { cookie } })
    ).json();
    const entry = log.items.find((e: { entityId: string }) => e.entityId === world.hamletA2.id);
    expect(entry).toMatchObject({
      username: 'commune_officer.a',
      role: 'commune_officer',
      unitId: world.communeA.id,
      entity: 'unit',
      action: 'rename',
      summary: { before: { name: 'Xóm Đồng Tâm' }, after: { name: 'Xóm Đồng Tâm Mới' } },
    });
    expect(entry.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shows an officer only the entries of their subtree', async () => {
    const cookieB = await login(t.app, 'commune_officer.b');
    const log = (
      await t.app.inject({ method: 'GET', url: '/api/audit', headers: { cookie: cookieB } })
    ).json();
    expect(log.items.some((e: { entityId: string }) => e.entityId === world.hamletA2.id)).toBe(
      false,
    );
    const district = await login(t.app, 'district_officer');
    const all = (
      await t.app.inject({
        method: 'GET',
        url: `/api/audit?unitId=${world.communeA.id}`,
        headers: { cookie: district },
      })
    ).json();
    expect(all.items.some((e: { entityId: string }) => e.entityId === world.hamletA2.id)).toBe(
      true,
    );
  });

  it('filters by date', async () => {
    const cookie = await login(t.app, 'admin');
    const none = (
      await t.app.inject({ method: 'GET', url: '/api/audit?to=2020-01-01', headers: { cookie } })
    ).json();
    expect(none.total).toBe(0);
  });

  it('is append-only in the database itself', async () => {
    await expect(sql`UPDATE audit_log SET action = 'x'`.execute(t.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it('is written in the same transaction as the change: a failed change leaves no entry', async () => {
    const cookie = await login(t.app, 'commune_officer.a');
    const before = (
      await t.db
        .selectFrom('audit_log')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { cookie },
      payload: { parentId: world.communeA.id, kind: 'xom', name: 'Làng Mới' },
    });
    expect(res.statusCode).toBe(409);
    const after = (
      await t.db
        .selectFrom('audit_log')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    expect(Number(after)).toBe(Number(before));
  });
});
