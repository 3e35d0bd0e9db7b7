import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, setupTestApp, type TestApp } from '../../../test/app';
import { buildUser, buildWorld } from '../../../test/factories';
import { ancestorOfLevel, notify, resolveRecipients } from './notifications.service';
import { sendDueReminders, type ReminderSource } from './reminders';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;

beforeAll(async () => {
  t = await setupTestApp();
  world = await buildWorld(t.db);
});
afterAll(async () => t.close());

const base = {
  kind: 'report_submitted' as const,
  entity: 'report',
  entityId: 'r-1',
  link: '/reports/r-1',
  params: { unit: 'Xóm Làng Mới', period: '11/2026' },
};

describe('notify resolves recipients by unit and role', () => {
  it('the commune officers of a commune, the team leader of a hamlet, the district above a hamlet', async () => {
    const u = world.users;
    expect(await resolveRecipients(t.db, { ...base, unitId: world.communeA.id })).toEqual([
      u['commune_officer.a'].id,
    ]);
    expect(
      await resolveRecipients(t.db, {
        ...base,
        unitId: world.hamletA.id,
        roles: ['team_leader'],
      }),
    ).toEqual([u['team_leader.a'].id]);
    const district = await ancestorOfLevel(t.db, world.hamletB.id, 'district');
    expect(district?.id).toBe(world.district.id);
    expect(await resolveRecipients(t.db, { ...base, unitId: district!.id })).toEqual([
      u.district_officer.id,
    ]);
    // Explicit users, without duplicates and without the one who acted.
    const both = await resolveRecipients(t.db, {
      ...base,
      userIds: [u['team_member.a'].id, u['commune_officer.a'].id],
      unitId: world.communeA.id,
      exceptUserId: u['team_member.a'].id,
    });
    expect(both).toEqual([u['commune_officer.a'].id]);
  });

  it('skips inactive users', async () => {
    const gone = await buildUser(t.db, {
      username: 'commune_officer.gone',
      role: 'commune_officer',
      unit: world.communeB,
    });
    await t.db.updateTable('users').set({ is_active: 0 }).where('id', '=', gone.id).execute();
    expect(await resolveRecipients(t.db, { ...base, unitId: world.communeB.id })).toEqual([
      world.users['commune_officer.b'].id,
    ]);
  });
});

describe('my notifications', () => {
  it('each user sees only their own, unread first, and marks one or all read', async () => {
    await t.db.transaction().execute(async (tx) => {
      await notify(tx, { ...base, unitId: world.hamletA.id, roles: ['team_leader'] });
      await notify(tx, {
        ...base,
        kind: 'report_returned',
        entityId: 'r-2',
        unitId: world.hamletA.id,
        roles: ['team_leader'],
      });
      await notify(tx, {
        ...base,
        entityId: 'r-3',
        unitId: world.hamletB.id,
        roles: ['team_leader'],
      });
    });
    const a = await login(t.app, 'team_leader.a');
    const b = await login(t.app, 'team_leader.b');
    const get = (url: string, cookie: string) =>
      t.app.inject({ method: 'GET', url, headers: { cookie } });
    const post = (url: string, cookie: string) =>
      t.app.inject({ method: 'POST', url, headers: { cookie }, payload: {} });

    expect((await get('/api/notifications/unread-count', a)).json()).toEqual({ unread: 2 });
    expect((await get('/api/notifications/unread-count', b)).json()).toEqual({ unread: 1 });
    const mine = (await get('/api/notifications', a)).json();
    expect(mine.total).toBe(2);
    expect(mine.items.map((n: { entityId: string }) => n.entityId).sort()).toEqual(['r-1', 'r-2']);
    expect(mine.items[0].params).toEqual(base.params);
    const theirs = (await get('/api/notifications', b)).json().items[0];

    // Someone else's notification does not exist for me.
    expect((await post(`/api/notifications/${theirs.id}/read`, a)).statusCode).toBe(404);
    const one = await post(`/api/notifications/${mine.items[1].id}/read`, a);
    expect(one.statusCode).toBe(200);
    expect(one.json().readAt).not.toBeNull();
    expect((await get('/api/notifications/unread-count', a)).json()).toEqual({ unread: 1 });
    // Unread first.
    const ordered = (await get('/api/notifications?order=unread', a)).json();
    expect(ordered.items[0].readAt).toBeNull();
    expect((await get('/api/notifications?unreadOnly=1', a)).json().total).toBe(1);

    expect((await post('/api/notifications/read-all', a)).json()).toEqual({ updated: 1 });
    expect((await get('/api/notifications/unread-count', a)).json()).toEqual({ unread: 0 });
    expect((await get('/api/notifications/unread-count', b)).json()).toEqual({ unread: 1 });
  });
});

describe('reminders', () => {
  it('a source listing the same reminder on every run sends it once per user', async () => {
    const source: ReminderSource = {
      name: 'test',
      collect: async () => [
        {
          ...base,
          kind: 'report_overdue',
          entityId: 'r-9',
          unitId: world.communeA.id,
          dedupeKey: 'report_overdue:r-9:2026-11-28',
        },
      ],
    };
    const now = new Date('2026-11-28T03:00:00Z');
    expect(await sendDueReminders(t.db, now, [source])).toEqual({
      sent: 1,
      bySource: { test: 1 },
    });
    expect((await sendDueReminders(t.db, now, [source])).sent).toBe(0);
    const rows = await t.db
      .selectFrom('notifications')
      .select(['user_id', 'created_at'])
      .where('entity_id', '=', 'r-9')
      .execute();
    expect(rows).toEqual([
      { user_id: world.users['commune_officer.a'].id, created_at: now.toISOString() },
    ]);
  });
});
