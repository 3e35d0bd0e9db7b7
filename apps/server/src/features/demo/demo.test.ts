import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '@toso/domain/roles';
import { login, setupTestApp, type TestApp } from '../../../test/app';
import { systemActor } from '../../lib/system-actor';
import { DEMO_COMMUNES, DEMO_PASSWORD } from './demo-data';
import { seedDemo } from './demo.service';
import { keptCoverage, recountCoverage } from '../dashboard/coverage-counts';
import { keptKpi, recountKpi } from '../dashboard/kpi-counts';

let t: TestApp;
beforeAll(async () => {
  t = await setupTestApp();
});
afterAll(async () => t.close());

describe('demo district', () => {
  it('seeds Phú Lương with its 15 communes of 2022, as in the official list', async () => {
    const result = await seedDemo(t.db, systemActor('test'));
    expect(result.seeded).toBe(true);
    const csv = readFileSync(
      new URL('../../../../../../shared/data/phu-luong-units.csv', import.meta.url),
      'utf8',
    );
    const official = csv
      .split('\n')
      .filter((l) => l.startsWith('2022-10-01,'))
      .map((l) => l.split(','))
      .map(([, code, name]) => ({ code, name }));
    expect(official).toHaveLength(15);
    expect(DEMO_COMMUNES.map((c) => ({ code: c.code, name: c.name }))).toEqual(official);

    const cookie = await login(t.app, 'admin', DEMO_PASSWORD);
    const district = (
      await t.app.inject({
        method: 'GET',
        url: '/api/units?q=phu%20luong&level=district',
        headers: { cookie },
      })
    ).json();
    expect(district.items[0]).toMatchObject({ code: '168', name: 'Huyện Phú Lương' });
    const communes = (
      await t.app.inject({
        method: 'GET',
        url: `/api/units?parentId=${district.items[0].id}&pageSize=50`,
        headers: { cookie },
      })
    ).json();
    expect(communes.total).toBe(15);
    for (const c of communes.items) {
      expect(c.childCount).toBeGreaterThanOrEqual(8);
      expect(c.childCount).toBeLessThanOrEqual(20);
    }
    const hamlets = (
      await t.app.inject({
        method: 'GET',
        url: `/api/units?parentId=${communes.items[0].id}`,
        headers: { cookie },
      })
    ).json();
    expect(hamlets.items.every((h: { isDemo: boolean }) => h.isDemo)).toBe(true);
  }, 180_000);

  it('has one account per role, all with the demo password', async () => {
    const users = await t.db.selectFrom('users').select(['username', 'role']).execute();
    expect(new Set(users.map((u) => u.role))).toEqual(new Set(ROLES));
    expect(users.map((u) => u.username)).toContain('admin');
    for (const u of users) await login(t.app, u.username, DEMO_PASSWORD);
  });

  it('gives most hamlets a team, in every state the coverage board shows', async () => {
    const cookie = await login(t.app, 'huyen', DEMO_PASSWORD);
    const board = (
      await t.app.inject({ method: 'GET', url: '/api/coverage', headers: { cookie } })
    ).json();
    expect(board.unitName).toBe('Huyện Phú Lương');
    const { totals } = board;
    expect(totals.established / totals.hamlets).toBeGreaterThan(0.5);
    expect(totals.established).toBeLessThan(totals.hamlets);
    expect(totals.awaiting).toBeGreaterThan(0);
    expect(totals.none).toBeGreaterThan(0);
    expect(totals.establishedLate).toBeGreaterThan(0);
    expect(totals.failingComposition).toBeGreaterThan(0);
    expect(board.communes.some((c: { isLate: boolean }) => !c.isLate)).toBe(true);
    const yenDo = board.communes.find((c: { code: string }) => c.code === '05620');
    expect(yenDo.none).toBeGreaterThanOrEqual(3);
    const groups = (
      await t.app.inject({ method: 'GET', url: '/api/chat-groups', headers: { cookie } })
    ).json();
    expect(groups.total).toBeGreaterThan(10);
    const leader = await login(t.app, 'totruong', DEMO_PASSWORD);
    const mine = (
      await t.app.inject({ method: 'GET', url: '/api/teams', headers: { cookie: leader } })
    ).json();
    expect(mine.total).toBe(1);
    const team = (
      await t.app.inject({
        method: 'GET',
        url: `/api/teams/${mine.items[0].id}`,
        headers: { cookie: leader },
      })
    ).json();
    expect(team.members[0]).toMatchObject({ fullName: 'Đặng Văn Hùng', role: 'leader' });
  });

  it('has a season of support records, uneven over time, and the 2022 pilot with its targets', async () => {
    const cookie = await login(t.app, 'huyen', DEMO_PASSWORD);
    const progress = (
      await t.app.inject({
        method: 'GET',
        url: '/api/progress?from=2022-01-01&breakdown=children',
        headers: { cookie },
      })
    ).json();
    const total = progress.rows.reduce((s: number, r: { count: number }) => s + r.count, 0);
    expect(total).toBeGreaterThan(10000);
    const perCommune = progress.children.map((c: { rows: { count: number }[] }) =>
      c.rows.reduce((s, r) => s + r.count, 0),
    );
    expect(Math.max(...perCommune)).toBeGreaterThan(2 * Math.min(...perCommune));
    const june = (
      await t.app.inject({
        method: 'GET',
        url: '/api/progress?from=2022-06-01&to=2022-06-30',
        headers: { cookie },
      })
    ).json();
    const december = (
      await t.app.inject({
        method: 'GET',
        url: '/api/progress?from=2022-12-01&to=2022-12-31',
        headers: { cookie },
      })
    ).json();
    const sum = (p: { rows: { count: number }[] }) => p.rows.reduce((s, r) => s + r.count, 0);
    expect(sum(december)).toBeGreaterThan(sum(june));
    const campaigns = (
      await t.app.inject({ method: 'GET', url: '/api/campaigns', headers: { cookie } })
    ).json();
    expect(campaigns[0].indicators.length).toBeGreaterThan(2);
    const grid = (
      await t.app.inject({
        method: 'GET',
        url: `/api/campaigns/${campaigns[0].id}/targets`,
        headers: { cookie },
      })
    ).json();
    expect(grid.rows, JSON.stringify(grid).slice(0, 500)).toHaveLength(15);
    expect(grid.parent[0].target).toBeGreaterThan(0);
    // The 70% share indicator reads the dashboard's kept KPI counts: a percentage for the district.
    const share = grid.indicators.findIndex(
      (i: { kind: string }) => i.kind === 'working_age_share',
    );
    expect(share).toBeGreaterThanOrEqual(0);
    expect(grid.parent[share].count).toBeGreaterThan(0);
    expect(grid.parent[share].count).toBeLessThan(100);
  });

  it('has monthly reports June–December 2022, some late, some returned, a few missing', async () => {
    const rows = await t.db
      .selectFrom('reports')
      .select(['level', 'period_key', 'status', 'first_submitted_at', 'due_on', 'unit_id'])
      .execute();
    const months = new Set(rows.map((r) => r.period_key));
    expect([...months].sort()).toEqual([
      '2022-06',
      '2022-07',
      '2022-08',
      '2022-09',
      '2022-10',
      '2022-11',
      '2022-12',
    ]);
    const hamlet = rows.filter((r) => r.level === 'hamlet');
    const commune = rows.filter((r) => r.level === 'commune');
    expect(hamlet.length).toBeGreaterThan(500);
    expect(commune.length).toBeGreaterThan(90);
    expect(commune.length).toBeLessThan(15 * 7);
    const late = hamlet.filter((r) => r.first_submitted_at!.slice(0, 10) > r.due_on);
    expect(late.length).toBeGreaterThan(20);
    expect(late.length).toBeLessThan(hamlet.length / 3);
    const returned = await t.db
      .selectFrom('report_actions')
      .select('report_id')
      .where('action', '=', 'return')
      .execute();
    expect(returned.length).toBeGreaterThan(20);
    // The demo team leader's hamlet leaves November and December open for the end-to-end flow.
    const leader = await t.db
      .selectFrom('users')
      .select('unit_id')
      .where('username', '=', 'totruong')
      .executeTakeFirstOrThrow();
    const own = rows.filter((r) => r.unit_id === leader.unit_id).map((r) => r.period_key);
    expect(own).toContain('2022-10');
    expect(own).not.toContain('2022-11');
    expect(own).not.toContain('2022-12');
  });

  it("leaves the dashboard's kept counts equal to a recount", async () => {
    expect(await keptKpi(t.db)).toEqual(await recountKpi(t.db));
    expect(await keptCoverage(t.db)).toEqual(await recountCoverage(t.db));
  });

  it('never seeds twice', async () => {
    const before = await t.db
      .selectFrom('units')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect((await seedDemo(t.db, systemActor('test'))).seeded).toBe(false);
    const after = await t.db
      .selectFrom('units')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
