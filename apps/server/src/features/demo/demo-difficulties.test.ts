import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, setupTestApp, type TestApp } from '../../../test/app';
import { systemActor } from '../../lib/system-actor';
import { DEMO_PASSWORD } from './demo-data';
import { seedDemo } from './demo.service';

let t: TestApp;
beforeAll(async () => {
  t = await setupTestApp();
  await seedDemo(t.db, systemActor('test'), 5_000);
});
afterAll(async () => t.close());

describe('demo difficulties', () => {
  it('spreads difficulties over every commune, in every state, some overdue, with unread notifications', async () => {
    const rows = await t.db
      .selectFrom('difficulties')
      .innerJoin('units', 'units.id', 'difficulties.unit_id')
      .select(['units.parent_id', 'difficulties.status', 'difficulties.due_at'])
      .execute();
    expect(new Set(rows.map((r) => r.parent_id)).size).toBe(15);
    expect(new Set(rows.map((r) => r.status))).toEqual(
      new Set(['open', 'assigned', 'answered', 'resolved']),
    );
    const now = new Date().toISOString();
    expect(rows.filter((r) => r.status !== 'resolved' && r.due_at < now).length).toBeGreaterThan(0);

    for (const who of ['xa.yendo', 'huyen', 'totruong']) {
      const cookie = await login(t.app, who, DEMO_PASSWORD);
      const count = await t.app.inject({
        method: 'GET',
        url: '/api/notifications/unread-count',
        headers: { cookie },
      });
      expect(count.json().unread, who).toBeGreaterThan(0);
      const list = await t.app.inject({
        method: 'GET',
        url: '/api/difficulties?pageSize=5',
        headers: { cookie },
      });
      expect(list.json().total, who).toBeGreaterThan(0);
    }
  });
});
