import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, setupTestApp, type TestApp } from '../../../test/app';
import { buildWorld } from '../../../test/factories';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let district: string;
let officerA: string;
let campaign: { id: string; indicators: { id: string; platformId: string; outcome: string }[] };

beforeAll(async () => {
  t = await setupTestApp();
  world = await buildWorld(t.db);
  district = await login(t.app, 'district_officer');
  officerA = await login(t.app, 'commune_officer.a');
  // Working-age residents: three in commune A (two in its first hamlet), one in commune B.
  for (const [hamlet, n] of [
    [world.hamletA, 2],
    [world.hamletA2, 1],
    [world.hamletB, 1],
  ] as const) {
    const cookie = hamlet === world.hamletB ? await login(t.app, 'commune_officer.b') : officerA;
    const hh = (
      await t.app.inject({
        method: 'POST',
        url: '/api/households',
        headers: { cookie },
        payload: { hamletId: hamlet.id },
      })
    ).json();
    for (let i = 0; i < n; i += 1) {
      await t.app.inject({
        method: 'POST',
        url: '/api/residents',
        headers: { cookie },
        payload: {
          householdId: hh.id,
          fullName: `Người ${hamlet.name} ${i}`,
          birthYear: 1990 + i,
          sex: 'female',
          confirmNotDuplicate: true,
        },
      });
    }
  }
});
afterAll(async () => t.close());

const req = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, payload });

describe('campaigns and targets down the hierarchy', () => {
  it('the district opens the 2022 pilot with its indicators and monthly periods', async () => {
    const platforms = (await req('GET', '/api/platforms', district)).json() as {
      id: string;
      code: string;
    }[];
    const vneid = platforms.find((p) => p.code === 'vneid')!.id;
    const skill = platforms.find((p) => p.code === 'ky-nang-dvc')!.id;
    const res = await req('POST', '/api/campaigns', district, {
      unitId: world.district.id,
      name: 'Thí điểm 2022',
      startsOn: '2022-05-16',
      endsOn: '2022-12-31',
      indicators: [
        { platformId: vneid, outcome: 'account_created' },
        { platformId: skill, outcome: 'skill_mastered' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    campaign = res.json();
    expect(campaign.indicators).toHaveLength(2);
    const months = (
      await req('GET', `/api/campaigns/${campaign.id}/periods?kind=month`, officerA)
    ).json();
    expect(months).toHaveLength(8);
    const bad = await req('POST', '/api/campaigns', district, {
      unitId: world.district.id,
      name: 'Sai',
      startsOn: '2022-05-16',
      endsOn: '2022-12-31',
      indicators: [{ platformId: vneid, outcome: 'skill_mastered' }],
    });
    expect(bad.json().details[0].path).toBe('body.indicators.0');
  });

  it('suggests the district’s split among communes by working-age residents, and shows unbalanced sums', async () => {
    const [vneid] = campaign.indicators;
    expect(
      (
        await req('PUT', `/api/campaigns/${campaign.id}/targets`, district, {
          targets: [{ indicatorId: vneid.id, unitId: world.district.id, value: 100 }],
        })
      ).statusCode,
    ).toBe(200);
    const grid = (
      await req(
        'GET',
        `/api/campaigns/${campaign.id}/targets?unitId=${world.district.id}`,
        district,
      )
    ).json();
    expect(grid.rows.map((r: { unitId: string; weight: number }) => [r.unitId, r.weight])).toEqual([
      [world.communeA.id, 3],
      [world.communeB.id, 1],
    ]);
    expect(grid.rows.map((r: { cells: { suggested: number }[] }) => r.cells[0].suggested)).toEqual([
      75, 25,
    ]);
    await req('PUT', `/api/campaigns/${campaign.id}/targets`, district, {
      targets: [
        { indicatorId: vneid.id, unitId: world.communeA.id, value: 70 },
        { indicatorId: vneid.id, unitId: world.communeB.id, value: 25 },
      ],
    });
    const after = (
      await req(
        'GET',
        `/api/campaigns/${campaign.id}/targets?unitId=${world.district.id}`,
        district,
      )
    ).json();
    expect(after.balance[0]).toEqual({
      indicatorId: vneid.id,
      sum: 95,
      difference: -5,
      missing: 0,
      isBalanced: false,
    });
  });

  it('the commune divides its target among its hamlets and sees the counts reached', async () => {
    const [vneid] = campaign.indicators;
    const grid = (await req('GET', `/api/campaigns/${campaign.id}/targets`, officerA)).json();
    expect(grid.unit.id).toBe(world.communeA.id);
    expect(grid.parent[0].target).toBe(70);
    const suggested = grid.rows.map(
      (r: { cells: { suggested: number }[] }) => r.cells[0].suggested,
    );
    expect(suggested.reduce((a: number, b: number) => a + b, 0)).toBe(70);
    await req('PUT', `/api/campaigns/${campaign.id}/targets`, officerA, {
      targets: grid.rows.map((r: { unitId: string }, i: number) => ({
        indicatorId: vneid.id,
        unitId: r.unitId,
        value: suggested[i],
      })),
    });
    const member = await login(t.app, 'team_member.a');
    const someone = (await req('GET', '/api/residents', member)).json().items[0];
    await req('POST', '/api/sync/supports', member, {
      records: [
        {
          id: randomUUID(),
          residentId: someone.id,
          platformId: vneid.platformId,
          outcome: 'account_created',
          supportedOn: '2022-07-01',
          note: '',
        },
      ],
    });
    const after = (await req('GET', `/api/campaigns/${campaign.id}/targets`, officerA)).json();
    expect(after.balance[0].isBalanced).toBe(true);
    expect(after.parent[0].count).toBe(1);
    expect(
      after.rows.find((r: { unitId: string }) => r.unitId === world.hamletA.id).cells[0].count,
    ).toBe(1);
  });

  it('does not let a commune set its own target, nor touch another commune', async () => {
    const [vneid] = campaign.indicators;
    expect(
      (
        await req('PUT', `/api/campaigns/${campaign.id}/targets`, officerA, {
          targets: [{ indicatorId: vneid.id, unitId: world.communeA.id, value: 1 }],
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await req('PUT', `/api/campaigns/${campaign.id}/targets`, officerA, {
          targets: [{ indicatorId: vneid.id, unitId: world.hamletB.id, value: 1 }],
        })
      ).statusCode,
    ).toBe(404);
    const officerB = await login(t.app, 'commune_officer.b');
    expect(
      (
        await req(
          'GET',
          `/api/campaigns/${campaign.id}/targets?unitId=${world.communeA.id}`,
          officerB,
        )
      ).statusCode,
    ).toBe(404);
  });
  it('reads the units of all cells at once, naming the cell refused, and writes nothing then', async () => {
    const [vneid, other] = campaign.indicators;
    const url = `/api/campaigns/${campaign.id}/targets`;
    const cell = (unitId: string, value: number, indicatorId = vneid.id) => ({
      indicatorId,
      unitId,
      value,
    });
    const gridA = async () =>
      (await req('GET', `${url}?unitId=${world.communeA.id}`, officerA)).json().rows;
    const before = await gridA();
    // The third cell's hamlet is in the sibling commune: refused by its place, nothing written.
    const sibling = await req('PUT', url, officerA, {
      targets: [
        cell(world.hamletA.id, 901),
        cell(world.hamletA2.id, 902),
        cell(world.hamletB.id, 903),
      ],
    });
    expect(sibling.statusCode).toBe(404);
    expect(sibling.json().details[0].path).toBe('body.targets.2.unitId');
    expect(await gridA()).toEqual(before);
    const unknown = '01900000-0000-7000-8000-000000000000';
    const missing = await req('PUT', url, officerA, {
      targets: [cell(world.hamletA.id, 901), cell(unknown, 902)],
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().details[0].path).toBe('body.targets.1.unitId');
    // A cell's indicator is checked before any unit is read.
    const badIndicator = await req('PUT', url, officerA, {
      targets: [cell(unknown, 1), cell(world.hamletA.id, 1, unknown)],
    });
    expect(badIndicator.statusCode).toBe(400);
    expect(badIndicator.json().details[0].path).toBe('body.targets.1.indicatorId');
    // In the province officer's scope but outside the district's campaign.
    const province = await login(t.app, 'province_officer');
    const outside = await req('PUT', url, province, {
      targets: [cell(world.communeA.id, 10), cell(world.province.id, 10)],
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().details[0].path).toBe('body.targets.1.unitId');
    // The same hamlet in two cells (two indicators) is read once and both are written.
    const ok = await req('PUT', url, officerA, {
      targets: [cell(world.hamletA.id, 11), cell(world.hamletA.id, 12, other.id)],
    });
    expect(ok.statusCode).toBe(200);
    const hamletA = (await gridA()).find((r: { unitId: string }) => r.unitId === world.hamletA.id);
    expect(hamletA.cells.map((c: { target: number | null }) => c.target)).toEqual([11, 12]);
  });
});
