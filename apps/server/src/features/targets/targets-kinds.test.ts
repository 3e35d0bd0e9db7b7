import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, setupTestApp, type TestApp } from '../../../test/app';
import { buildWorld } from '../../../test/factories';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let district: string;
let officerA: string;
let vneid: string;

const req = (
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  cookie: string,
  payload?: object,
) => t.app.inject({ method, url, headers: { cookie }, payload });

interface Indicator {
  id: string;
  kind: string;
  platformId: string | null;
  outcome: string | null;
}
interface Grid {
  indicators: Indicator[];
  parent: { indicatorId: string; target: number | null; count: number | null }[];
  rows: {
    unitId: string;
    cells: {
      indicatorId: string;
      target: number | null;
      suggested: number | null;
      count: number | null;
    }[];
  }[];
  balance: { indicatorId: string; difference: number | null; isBalanced: boolean }[];
}

async function newCampaign(endsOn: string) {
  const res = await req('POST', '/api/campaigns', district, {
    unitId: world.district.id,
    name: `Đợt đến ${endsOn}`,
    startsOn: '2026-01-01',
    endsOn,
    indicators: [
      { platformId: vneid, outcome: 'installed' },
      { kind: 'chat_coverage' },
      { kind: 'working_age_share' },
    ],
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; indicators: Indicator[] };
}

const grid = async (campaignId: string, unitId: string, cookie = district) =>
  (
    await req('GET', `/api/campaigns/${campaignId}/targets?unitId=${unitId}`, cookie)
  ).json() as Grid;

const column = (g: Grid, kind: string) => g.indicators.findIndex((i) => i.kind === kind);

beforeAll(async () => {
  t = await setupTestApp();
  world = await buildWorld(t.db);
  district = await login(t.app, 'district_officer');
  officerA = await login(t.app, 'commune_officer.a');
  const platforms = (await req('GET', '/api/platforms', district)).json() as {
    id: string;
    code: string;
  }[];
  vneid = platforms.find((p) => p.code === 'vneid')!.id;
  // Chat groups: created today with their current count; one older count for the first.
  const group = async (unitId: string, joined: number) =>
    (
      await req('POST', '/api/chat-groups', district, {
        unitId,
        platform: 'zalo',
        name: `Nhóm ${joined}`,
        householdsJoined: joined,
      })
    ).json() as { id: string };
  const a1 = await group(world.hamletA.id, 14);
  await group(world.hamletA2.id, 6);
  await group(world.hamletB.id, 9);
  const old = await req('POST', `/api/chat-groups/${a1.id}/counts`, district, {
    recordedOn: '2026-02-01',
    householdsJoined: 5,
  });
  expect(old.statusCode, old.body).toBeLessThan(300);
});
afterAll(async () => t.close());

describe('indicator kinds', () => {
  it('a campaign holds platform, chat-coverage and share indicators, each kind once', async () => {
    const c = await newCampaign('2027-12-31');
    expect(c.indicators.map((i) => [i.kind, i.platformId === null, i.outcome])).toEqual([
      ['platform_outcome', false, 'installed'],
      ['chat_coverage', true, null],
      ['working_age_share', true, null],
    ]);
    const again = await req('POST', `/api/campaigns/${c.id}/indicators`, district, {
      kind: 'chat_coverage',
    });
    expect(again.statusCode).toBe(409);
    const bad = await req('POST', `/api/campaigns/${c.id}/indicators`, district, {
      kind: 'platform_outcome',
      platformId: vneid,
      outcome: 'skill_mastered',
    });
    expect(bad.json().details[0].path).toBe('body.0');
  });

  it('chat coverage reaches the latest households joined, summed up the tree', async () => {
    const now = await newCampaign('2027-12-31');
    const g = await grid(now.id, world.district.id);
    const col = column(g, 'chat_coverage');
    expect(g.parent[col].count).toBe(29);
    expect(g.rows.map((r) => [r.unitId, r.cells[col].count])).toEqual([
      [world.communeA.id, 20],
      [world.communeB.id, 9],
    ]);
    const hamlets = await grid(now.id, world.communeA.id, officerA);
    expect(hamlets.rows.find((r) => r.unitId === world.hamletA.id)!.cells[col].count).toBe(14);
    // A campaign that ended in June counts what was known then.
    const june = await newCampaign('2026-06-30');
    const before = await grid(june.id, world.district.id);
    expect(before.rows[0].cells[column(before, 'chat_coverage')].count).toBe(5);
    expect(before.rows[1].cells[column(before, 'chat_coverage')].count).toBe(0);
  });

  it('a share target is a percentage given to each unit as is; with no working-age resident it has no reached value', async () => {
    const c = await newCampaign('2027-12-31');
    const share = c.indicators.find((i) => i.kind === 'working_age_share')!;
    const over = await req('PUT', `/api/campaigns/${c.id}/targets`, district, {
      targets: [{ indicatorId: share.id, unitId: world.district.id, value: 120 }],
    });
    expect(over.statusCode).toBe(400);
    expect(over.json().details[0].path).toBe('body.targets.0.value');
    await req('PUT', `/api/campaigns/${c.id}/targets`, district, {
      targets: [
        { indicatorId: share.id, unitId: world.district.id, value: 70 },
        { indicatorId: share.id, unitId: world.communeA.id, value: 70 },
      ],
    });
    const g = await grid(c.id, world.district.id);
    const col = column(g, 'working_age_share');
    expect(g.rows.map((r) => r.cells[col].suggested)).toEqual([70, 70]);
    expect(g.parent[col]).toMatchObject({ target: 70, count: null });
    // Shares do not add up: only the missing commune is reported, never a difference.
    expect(g.balance[col]).toMatchObject({ difference: null, isBalanced: false });
    await req('PUT', `/api/campaigns/${c.id}/targets`, district, {
      targets: [{ indicatorId: share.id, unitId: world.communeB.id, value: 65 }],
    });
    expect((await grid(c.id, world.district.id)).balance[col].isBalanced).toBe(true);
  });

  it('the district edits a campaign and removes an indicator with its targets; a commune cannot', async () => {
    const c = await newCampaign('2027-12-31');
    const share = c.indicators.find((i) => i.kind === 'working_age_share')!;
    await req('PUT', `/api/campaigns/${c.id}/targets`, district, {
      targets: [{ indicatorId: share.id, unitId: world.communeA.id, value: 70 }],
    });
    const edit = await req('PUT', `/api/campaigns/${c.id}`, district, {
      name: 'Đợt đã đổi tên',
      startsOn: '2026-02-01',
      endsOn: '2027-06-30',
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json()).toMatchObject({ name: 'Đợt đã đổi tên', endsOn: '2027-06-30' });
    const backwards = await req('PUT', `/api/campaigns/${c.id}`, district, {
      name: 'Sai',
      startsOn: '2026-02-01',
      endsOn: '2026-01-01',
    });
    expect(backwards.json().details[0].path).toBe('body.endsOn');
    expect(
      (await req('DELETE', `/api/campaigns/${c.id}/indicators/${share.id}`, officerA)).statusCode,
    ).toBe(403);
    const removed = await req('DELETE', `/api/campaigns/${c.id}/indicators/${share.id}`, district);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().indicators.map((i: Indicator) => i.kind)).not.toContain(
      'working_age_share',
    );
    const left = await t.db
      .selectFrom('targets')
      .select('unit_id')
      .where('indicator_id', '=', share.id)
      .execute();
    expect(left).toEqual([]);
    const audit = (await req('GET', '/api/audit?entity=campaign', district)).json();
    expect((audit.items as { action: string }[]).map((a) => a.action)).toEqual(
      expect.arrayContaining(['update', 'remove_indicator']),
    );
  });
});
