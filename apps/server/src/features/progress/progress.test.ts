import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, setupTestApp, type TestApp } from '../../../test/app';
import { buildWorld } from '../../../test/factories';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let district: string;
let officerA: string;
let officerB: string;
let leaderA: string;
let campaign: { id: string; indicators: { id: string; platformId: string; outcome: string }[] };
const residentsOf = new Map<string, string[]>();

const req = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, payload });

beforeAll(async () => {
  t = await setupTestApp();
  world = await buildWorld(t.db);
  district = await login(t.app, 'district_officer');
  officerA = await login(t.app, 'commune_officer.a');
  officerB = await login(t.app, 'commune_officer.b');
  leaderA = await login(t.app, 'team_leader.a');
  for (const [hamlet, names, cookie] of [
    [world.hamletA, ['Hà Văn Một', 'Hà Thị Hai', 'Hà Văn Ba'], officerA],
    [world.hamletA2, ['Lục Văn Bốn'], officerA],
    [world.hamletB, ['Lò Thị Năm'], officerB],
  ] as const) {
    const hh = (await req('POST', '/api/households', cookie, { hamletId: hamlet.id })).json();
    const ids: string[] = [];
    for (const fullName of names) {
      const r = await req('POST', '/api/residents', cookie, {
        householdId: hh.id,
        fullName,
        birthYear: 1990,
        sex: 'female',
        confirmNotDuplicate: true,
      });
      ids.push(r.json().resident.id);
    }
    residentsOf.set(hamlet.id, ids);
  }
  const platforms = (await req('GET', '/api/platforms', district)).json() as {
    id: string;
    code: string;
  }[];
  const vneid = platforms.find((p) => p.code === 'vneid')!.id;
  const skill = platforms.find((p) => p.code === 'ky-nang-dvc')!.id;
  campaign = (
    await req('POST', '/api/campaigns', district, {
      unitId: world.district.id,
      name: 'Thí điểm 2022',
      startsOn: '2022-05-16',
      endsOn: '2022-12-31',
      indicators: [
        { platformId: vneid, outcome: 'account_created' },
        { platformId: skill, outcome: 'skill_mastered' },
      ],
    })
  ).json();
  const [vneidInd, skillInd] = campaign.indicators;
  expect(
    (
      await req('PUT', `/api/campaigns/${campaign.id}/targets`, district, {
        targets: [
          { indicatorId: vneidInd.id, unitId: world.district.id, value: 10 },
          { indicatorId: vneidInd.id, unitId: world.communeA.id, value: 4 },
          { indicatorId: vneidInd.id, unitId: world.communeB.id, value: 6 },
          { indicatorId: skillInd.id, unitId: world.district.id, value: 20 },
        ],
      })
    ).statusCode,
  ).toBe(200);
  await req('PUT', `/api/campaigns/${campaign.id}/targets`, officerA, {
    targets: [
      { indicatorId: vneidInd.id, unitId: world.hamletA.id, value: 3 },
      { indicatorId: vneidInd.id, unitId: world.hamletA2.id, value: 1 },
    ],
  });
  // VNeID accounts: hamlet A on 20 May (before the first whole month), 10 June and 30 June;
  // hamlet A2 on 3 July; hamlet B on 5 July. One skill in hamlet A, 1 July.
  const [a1, a2, a3] = residentsOf.get(world.hamletA.id)!;
  const rec = (residentId: string, platformId: string, outcome: string, on: string) => ({
    id: randomUUID(),
    residentId,
    platformId,
    outcome,
    supportedOn: on,
  });
  const memberA = await login(t.app, 'team_member.a');
  const res = await req('POST', '/api/sync/supports', memberA, {
    records: [
      rec(a1, vneid, 'account_created', '2022-05-20'),
      rec(a2, vneid, 'account_created', '2022-06-10'),
      rec(a3, vneid, 'account_created', '2022-06-30'),
      rec(a1, skill, 'skill_mastered', '2022-07-01'),
    ],
  });
  expect(res.json().results.every((r: { status: string }) => r.status === 'applied')).toBe(true);
  await req('POST', '/api/sync/supports', officerA, {
    records: [rec(residentsOf.get(world.hamletA2.id)![0], vneid, 'account_created', '2022-07-03')],
  });
  await req('POST', '/api/sync/supports', await login(t.app, 'team_member.b'), {
    records: [rec(residentsOf.get(world.hamletB.id)![0], vneid, 'account_created', '2022-07-05')],
  });
});
afterAll(async () => t.close());

type Progress = {
  unit: { id: string; name: string };
  trail: { id: string; name: string }[];
  indicators: { id: string; target: number | null; count: number }[];
  children: {
    unitId: string;
    cells: { indicatorId: string; target: number | null; count: number }[];
  }[];
};
async function progress(cookie: string, query = '') {
  const res = await req('GET', `/api/campaigns/${campaign.id}/progress${query}`, cookie);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Progress;
}

describe('progress against targets', () => {
  it('gives the district its figures and each commune’s, against their targets', async () => {
    const p = await progress(district);
    expect(p.unit.id).toBe(world.district.id);
    const [vneid, skill] = campaign.indicators;
    expect(p.indicators.find((i) => i.id === vneid.id)).toMatchObject({ target: 10, count: 5 });
    expect(p.indicators.find((i) => i.id === skill.id)).toMatchObject({ target: 20, count: 1 });
    const a = p.children.find((c) => c.unitId === world.communeA.id)!;
    const b = p.children.find((c) => c.unitId === world.communeB.id)!;
    expect(a.cells.find((c) => c.indicatorId === vneid.id)).toMatchObject({ target: 4, count: 4 });
    expect(b.cells.find((c) => c.indicatorId === vneid.id)).toMatchObject({ target: 6, count: 1 });
  });

  it('counts a week, a part of a month and whole months exactly, from the kept counts', async () => {
    const [vneid] = campaign.indicators;
    const count = async (from: string, to: string) =>
      (await progress(district, `?from=${from}&to=${to}`)).indicators.find(
        (i) => i.id === vneid.id,
      )!.count;
    expect(await count('2022-06-27', '2022-07-03')).toBe(2); // 30 June and 3 July
    expect(await count('2022-05-16', '2022-05-31')).toBe(1);
    expect(await count('2022-06-01', '2022-06-30')).toBe(2);
    expect(await count('2022-05-21', '2022-07-04')).toBe(3);
    expect(await count('2022-06-11', '2022-06-29')).toBe(0);
    expect(await count('2022-04-01', '2022-12-31')).toBe(5);
    const bad = await req(
      'GET',
      `/api/campaigns/${campaign.id}/progress?from=2022-07-01&to=2022-06-01`,
      district,
    );
    expect(bad.statusCode).toBe(400);
    const unreal = await req(
      'GET',
      `/api/campaigns/${campaign.id}/progress?from=2022-02-30&to=2022-13-01`,
      district,
    );
    expect(unreal.statusCode).toBe(400);
    expect(unreal.json().details[0].path).toBe('query.from');
  });

  it('starts a commune officer at the commune with its hamlets, and lets the district go down', async () => {
    const p = await progress(officerA);
    expect(p.unit.id).toBe(world.communeA.id);
    expect(p.children.map((c) => c.unitId).sort()).toEqual(
      [world.hamletA.id, world.hamletA2.id].sort(),
    );
    expect(p.trail.map((u) => u.id)).toEqual([world.communeA.id]);
    const down = await progress(district, `?unitId=${world.hamletA.id}`);
    expect(down.trail.map((u) => u.id)).toEqual([
      world.district.id,
      world.communeA.id,
      world.hamletA.id,
    ]);
    expect(down.indicators[0]).toMatchObject({ target: 3, count: 3 });
  });

  it('answers 404 outside the scope: another commune, the level above, another hamlet', async () => {
    for (const [cookie, unitId] of [
      [officerA, world.communeB.id],
      [officerA, world.hamletB.id],
      [officerA, world.district.id],
      [officerB, world.communeA.id],
      [leaderA, world.hamletA2.id],
    ] as const) {
      const res = await req(
        'GET',
        `/api/campaigns/${campaign.id}/progress?unitId=${unitId}`,
        cookie,
      );
      expect(res.statusCode).toBe(404);
    }
    const missing = await req('GET', `/api/campaigns/${randomUUID()}/progress`, district);
    expect(missing.statusCode).toBe(404);
  });

  it('shows a team leader only his hamlet', async () => {
    const p = await progress(leaderA);
    expect(p.unit.id).toBe(world.hamletA.id);
    expect(p.children).toEqual([]);
    expect(p.trail.map((u) => u.id)).toEqual([world.hamletA.id]);
  });

  it('lists the records behind a figure: the same number, names masked above the commune', async () => {
    const [vneid] = campaign.indicators;
    const url = `/api/supports?unitId=${world.communeA.id}&platformId=${vneid.platformId}&outcome=account_created&from=2022-05-16&to=2022-12-31`;
    const asDistrict = (await req('GET', url, district)).json();
    expect(asDistrict.total).toBe(4);
    expect(asDistrict.items.map((r: { residentName: string }) => r.residentName)).toContain(
      'H. V. M.',
    );
    expect(
      asDistrict.items.map((r: { recordedByName: string }) => r.recordedByName).sort(),
    ).toEqual([
      'Người dùng commune_officer.a',
      'Người dùng team_member.a',
      'Người dùng team_member.a',
      'Người dùng team_member.a',
    ]);
    const asCommune = (await req('GET', url, officerA)).json();
    expect(asCommune.items.map((r: { residentName: string }) => r.residentName)).toContain(
      'Hà Văn Một',
    );
    const other = await req('GET', url, officerB);
    expect(other.statusCode).toBe(404);
  });
});
