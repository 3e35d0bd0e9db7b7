import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocx, paragraphTexts, tables, tableCells } from '../../../test/docx';
import { login, setupTestApp, type TestApp } from '../../../test/app';
import { buildWorld } from '../../../test/factories';
import { todayInVietnam } from '../../lib/ids';
import { keptCoverage, recountCoverage } from './coverage-counts';
import { reportingTimeliness } from './dashboard.service';
import {
  kpiOn,
  kpiTrend,
  lastDayOfMonth,
  type CohortCount,
  type SkillCohortCount,
} from '@toso/domain/kpi';
import type { Sex } from '@toso/domain/teams';
import * as kpiMonthMigration from '../../db/migrations/20261128T140000_kpi_month_changes';
import { keptKpi, kpiRates, recountKpi, windowKpis } from './kpi-counts';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let officerA: string;
let district: string;
let platforms: { id: string; code: string }[];
const householdsA: string[] = [];
const residentsA: string[] = [];

beforeAll(async () => {
  t = await setupTestApp();
  world = await buildWorld(t.db);
  officerA = await login(t.app, 'commune_officer.a');
  district = await login(t.app, 'district_officer');
  platforms = (
    await t.app.inject({ method: 'GET', url: '/api/platforms', headers: { cookie: officerA } })
  ).json();
  for (const hamletId of [world.hamletA.id, world.hamletA2.id]) {
    const hh = await t.app.inject({
      method: 'POST',
      url: '/api/households',
      headers: { cookie: officerA },
      payload: { hamletId },
    });
    householdsA.push(hh.json().id);
  }
  const people: [string, number | undefined, string | undefined][] = [
    ['Nông Văn An', 1990, 'male'],
    ['Nông Thị Bình', 1985, 'female'],
    ['Nông Văn Cường', 1950, 'male'],
    ['Nông Thị Dung', 2012, 'female'],
    ['Nông Văn Em', undefined, 'male'],
    ['Nông Thị Gấm', 1995, undefined],
  ];
  for (const [i, [fullName, birthYear, sex]] of people.entries()) {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/residents',
      headers: { cookie: officerA },
      payload: {
        householdId: householdsA[i % 2],
        fullName,
        birthYear,
        sex,
        confirmNotDuplicate: true,
      },
    });
    expect(r.statusCode).toBe(201);
    residentsA.push(r.json().resident.id);
  }
});
afterAll(async () => t.close());

const kpiPlatform = () => platforms.find((p) => p.code === 'ky-nang-dvc')!;
const skill = (residentId: string, supportedOn: string, voidsId?: string) => ({
  id: randomUUID(),
  residentId,
  platformId: kpiPlatform().id,
  outcome: 'skill_mastered',
  supportedOn,
  voidsId,
});
const sync = (records: object[]) =>
  t.app.inject({
    method: 'POST',
    url: '/api/sync/supports',
    headers: { cookie: officerA },
    payload: { records },
  });

async function expectKeptEqualsRecount() {
  expect(await keptKpi(t.db)).toEqual(await recountKpi(t.db));
  expect(await keptCoverage(t.db)).toEqual(await recountCoverage(t.db));
}

async function dashboard(cookie: string, query: string) {
  return t.app.inject({ method: 'GET', url: `/api/dashboard?${query}`, headers: { cookie } });
}

describe('kept KPI counts', () => {
  it('follow creates, skill records, corrections, moves, edits, merges and erasures', async () => {
    await expectKeptEqualsRecount();
    const first = skill(residentsA[0], '2022-06-10');
    expect((await sync([first, skill(residentsA[1], '2022-07-01')])).json().results[0].status).toBe(
      'applied',
    );
    await expectKeptEqualsRecount();
    // A correction moves the month.
    expect(
      (await sync([skill(residentsA[0], '2022-08-03', first.id)])).json().results[0].status,
    ).toBe('applied');
    await expectKeptEqualsRecount();
    // Edit sex and birth year.
    await t.app.inject({
      method: 'PATCH',
      url: `/api/residents/${residentsA[1]}`,
      headers: { cookie: officerA },
      payload: { birthYear: 1960 },
    });
    await expectKeptEqualsRecount();
    // Move a household to another hamlet, and a resident to another household.
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/households/${householdsA[0]}/move`,
          headers: { cookie: officerA },
          payload: { hamletId: world.hamletA2.id, movedOn: '2022-09-01' },
        })
      ).statusCode,
    ).toBe(200);
    await expectKeptEqualsRecount();
    await t.app.inject({
      method: 'POST',
      url: `/api/residents/${residentsA[3]}/move`,
      headers: { cookie: officerA },
      payload: { householdId: householdsA[0], movedOn: '2022-09-02' },
    });
    await expectKeptEqualsRecount();
    // Merge: the kept record gains the merged one's skill and birth year.
    await sync([skill(residentsA[4], '2022-10-01')]);
    const merged = await t.app.inject({
      method: 'POST',
      url: '/api/residents/merge',
      headers: { cookie: officerA },
      payload: { keepId: residentsA[5], mergeId: residentsA[4] },
    });
    expect(merged.statusCode).toBe(200);
    await expectKeptEqualsRecount();
    // Erasure keeps the anonymous counts.
    await t.app.inject({
      method: 'POST',
      url: `/api/residents/${residentsA[2]}/erase`,
      headers: { cookie: officerA },
      payload: { reason: 'Yêu cầu của người dân' },
    });
    await expectKeptEqualsRecount();
  });

  it('are rebuilt by the migration from the cohort counts, and back', async () => {
    const before = await keptKpi(t.db);
    expect(before.size).toBeGreaterThan(0);
    // Down: the cohort tables recounted from the rows; up: the changes filled from them.
    await kpiMonthMigration.down(t.db);
    await kpiMonthMigration.up(t.db);
    expect(await keptKpi(t.db)).toEqual(before);
    expect(await keptKpi(t.db)).toEqual(await recountKpi(t.db));
  });

  it('match a recount after random batches of skill records and corrections', async () => {
    const alive = [residentsA[0], residentsA[1], residentsA[3], residentsA[5]];
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            who: fc.integer({ min: 0, max: alive.length - 1 }),
            month: fc.integer({ min: 1, max: 12 }),
            correct: fc.boolean(),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        async (steps) => {
          for (const s of steps) {
            const current = await t.db
              .selectFrom('support_records')
              .select('id')
              .where('resident_id', '=', alive[s.who])
              .where('platform_id', '=', kpiPlatform().id)
              .where('voided_by', 'is', null)
              .executeTakeFirst();
            const on = `2022-${String(s.month).padStart(2, '0')}-15`;
            if (current && s.correct) await sync([skill(alive[s.who], on, current.id)]);
            else if (!current) await sync([skill(alive[s.who], on)]);
          }
          await expectKeptEqualsRecount();
        },
      ),
      { numRuns: 8 },
    );
  });
});

/**
 * A unit's residents and skills per cohort, counted from the rows (independently of the kept
 * changes): what `kpiOn` and `kpiTrend` take.
 */
async function cohortsFromRows(unitId: string) {
  const sexOf = (s: string | null) => (s === 'male' || s === 'female' ? (s as Sex) : null);
  const residents = await t.db
    .selectFrom('residents')
    .select(['id', 'sex', 'birth_year'])
    .where('unit_path', 'like', `%/${unitId}/%`)
    .where('status', '!=', 'merged')
    .execute();
  const skills = await t.db
    .selectFrom('support_records')
    .select(['resident_id', 'supported_on'])
    .where('platform_id', '=', kpiPlatform().id)
    .where('outcome', '=', 'skill_mastered')
    .where('voided_by', 'is', null)
    .execute();
  const cohorts: CohortCount[] = [];
  const able: SkillCohortCount[] = [];
  for (const r of residents) {
    const c = { sex: sexOf(r.sex), birthYear: r.birth_year, count: 1 };
    cohorts.push(c);
    for (const s of skills.filter((x) => x.resident_id === r.id))
      able.push({ ...c, month: s.supported_on.slice(0, 7) });
  }
  return { cohorts, able };
}

describe('KPI read from the kept changes', () => {
  const ids = () => [
    world.district.id,
    world.communeA.id,
    world.communeB.id,
    world.hamletA.id,
    world.hamletA2.id,
  ];

  it("the ranking's rates equal the KPI counted from the rows", async () => {
    for (const date of ['2022-06-30', '2022-08-15', '2022-12-31', '2040-01-01']) {
      const rates = await kpiRates(t.db, ids(), date);
      for (const id of ids()) {
        const { cohorts, able } = await cohortsFromRows(id);
        expect(rates.get(id), `${id} ${date}`).toBe(kpiOn(cohorts, able, date).rate);
      }
    }
    expect(
      [...(await kpiRates(t.db, ids(), '2022-12-31')).values()].some((r) => r !== null && r > 0),
    ).toBe(true);
  });

  it('a window gives the KPI and trend counted from the rows, across birthdays at 15 and retirement', async () => {
    // Residents born 2012 turn 15 in 2027; those born around 1960 retire in the early 2020s.
    const windows = [
      ['2022-01', '2022-12'],
      ['2021-01', '2022-12'],
      ['2026-02', '2027-12'],
      ['2019-06', '2021-05'],
      ['2022-12', '2022-12'],
    ];
    for (const [from, to] of windows) {
      const kpis = await windowKpis(t.db, ids(), from, to);
      for (const id of ids()) {
        const { cohorts, able } = await cohortsFromRows(id);
        const got = kpis.get(id)!;
        expect(got.trend, `${id} ${from}–${to}`).toEqual(kpiTrend(cohorts, able, from, to));
        for (const date of [lastDayOfMonth(to), `${to}-01`])
          expect(got.kpi).toEqual(kpiOn(cohorts, able, date));
      }
    }
  });
});

describe('kept coverage counts', () => {
  it('follow households, chat groups and their counts, and give the dashboard its coverage', async () => {
    await expectKeptEqualsRecount();
    const hh = await t.app.inject({
      method: 'POST',
      url: '/api/households',
      headers: { cookie: officerA },
      payload: { hamletId: world.hamletA2.id },
    });
    expect(hh.statusCode).toBe(201);
    await expectKeptEqualsRecount();
    const group = await t.app.inject({
      method: 'POST',
      url: '/api/chat-groups',
      headers: { cookie: officerA },
      payload: {
        unitId: world.hamletA.id,
        platform: 'zalo',
        name: 'Nhóm xóm Làng Mới',
        householdsTotal: 50,
        householdsJoined: 1,
      },
    });
    expect(group.statusCode, group.body).toBe(201);
    await expectKeptEqualsRecount();
    // A commune's common group does not count towards the hamlets' households in chat groups.
    const common = await t.app.inject({
      method: 'POST',
      url: '/api/chat-groups',
      headers: { cookie: officerA },
      payload: {
        unitId: world.communeA.id,
        platform: 'zalo',
        name: 'Nhóm chung của xã',
        householdsJoined: 30,
      },
    });
    expect(common.statusCode, common.body).toBe(201);
    const counted = await t.app.inject({
      method: 'POST',
      url: `/api/chat-groups/${group.json().id}/counts`,
      headers: { cookie: officerA },
      payload: { recordedOn: '2022-11-01', householdsJoined: 2 },
    });
    expect(counted.statusCode, counted.body).toBe(200);
    await expectKeptEqualsRecount();
    // An earlier date leaves the latest count; today's count replaces it.
    const today = await t.app.inject({
      method: 'POST',
      url: `/api/chat-groups/${group.json().id}/counts`,
      headers: { cookie: officerA },
      payload: { recordedOn: todayInVietnam(), householdsJoined: 2 },
    });
    expect(today.json().householdsJoined).toBe(2);
    await expectKeptEqualsRecount();
    const edited = await t.app.inject({
      method: 'PATCH',
      url: `/api/chat-groups/${group.json().id}`,
      headers: { cookie: officerA },
      payload: { householdsTotal: 40 },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    await expectKeptEqualsRecount();

    // The dashboard reads the kept counts: they equal the households and groups under each unit.
    const d = (await dashboard(district, 'date=2022-12-31')).json();
    const households = async (path: string) =>
      Number(
        (
          await t.db
            .selectFrom('households')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('unit_path', 'like', `${path}%`)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(d.coverage.householdsInChat).toEqual({
      count: 2,
      total: await households(world.district.path),
    });
    const a = d.children.find((c: { unitId: string }) => c.unitId === world.communeA.id);
    expect(a.householdsInChat).toEqual({ count: 2, total: await households(world.communeA.path) });
    expect(a.hamletsWithTeam).toEqual({ count: 0, total: 2 });
    const b = d.children.find((c: { unitId: string }) => c.unitId === world.communeB.id);
    expect(b.householdsInChat).toEqual({ count: 0, total: 0 });
  });
});

describe('dashboard', () => {
  it('shows the KPI of the district with its communes, unknown age apart', async () => {
    const r = await dashboard(district, 'date=2022-12-31');
    expect(r.statusCode).toBe(200);
    const d = r.json();
    expect(d.unit.id).toBe(world.district.id);
    expect(d.children.map((c: { unitId: string }) => c.unitId).sort()).toEqual(
      [world.communeA.id, world.communeB.id].sort(),
    );
    const recount = await t.db
      .selectFrom('residents')
      .select(['sex', 'birth_year'])
      .where('status', '!=', 'merged')
      .execute();
    expect(d.kpi.workingAge + d.kpi.unknownAge).toBeLessThanOrEqual(recount.length);
    expect(d.kpi.unknownAge).toBe(recount.filter((x) => !x.sex || !x.birth_year).length);
    expect(d.trend.length).toBeGreaterThan(0);
    // From the trainings: the world's hamlets have no team members, so nobody to train yet.
    expect(d.coverage.membersTrained).toEqual({ count: 0, total: 0 });
  });

  it('opens each KPI figure down to the same residents in the residents list', async () => {
    const d = (await dashboard(officerA, `unitId=${world.communeA.id}&date=2022-12-31`)).json();
    const total = async (kpi: string) =>
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/residents?unitId=${world.communeA.id}&kpi=${kpi}&on=2022-12-31`,
          headers: { cookie: officerA },
        })
      ).json().total;
    expect(d.kpi.able).toBeGreaterThan(0);
    expect(await total('able')).toBe(d.kpi.able);
    expect(await total('working_age')).toBe(d.kpi.workingAge);
    expect(await total('unknown_age')).toBe(d.kpi.unknownAge);
  });

  it('answers 404 for another commune, and starts a commune officer at their commune', async () => {
    expect((await dashboard(officerA, `unitId=${world.communeB.id}`)).statusCode).toBe(404);
    const own = (await dashboard(officerA, '')).json();
    expect(own.unit.id).toBe(world.communeA.id);
    expect(own.trail.map((x: { id: string }) => x.id)).toEqual([world.communeA.id]);
  });
});

describe('phases, weights and ranking', () => {
  let campaignId: string;
  beforeAll(async () => {
    const c = await t.app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: { cookie: district },
      payload: {
        unitId: world.district.id,
        name: 'Thí điểm 2022',
        startsOn: '2022-05-16',
        endsOn: '2022-12-31',
        indicators: [{ platformId: kpiPlatform().id, outcome: 'skill_mastered' }],
      },
    });
    expect(c.statusCode).toBe(201);
    campaignId = c.json().id;
  });

  it('lets the district edit the phases, checks them, and refuses a commune', async () => {
    const phases = [
      { name: 'Thành lập tổ', startsOn: '2022-05-16', endsOn: '2022-05-31' },
      { name: 'Tuyên truyền, hướng dẫn', startsOn: '2022-06-01', endsOn: '2022-11-30' },
      { name: 'Đánh giá', startsOn: '2022-12-01', endsOn: '2022-12-31' },
    ];
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/campaigns/${campaignId}/phases`,
      headers: { cookie: district },
      payload: { phases },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().map((p: { name: string }) => p.name)).toEqual(phases.map((p) => p.name));
    const bad = await t.app.inject({
      method: 'PUT',
      url: `/api/campaigns/${campaignId}/phases`,
      headers: { cookie: district },
      payload: { phases: [{ name: 'Sai', startsOn: '2022-06-10', endsOn: '2022-06-01' }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].path).toBe('body.phases.0.endsOn');
    const commune = await t.app.inject({
      method: 'PUT',
      url: `/api/campaigns/${campaignId}/phases`,
      headers: { cookie: officerA },
      payload: { phases },
    });
    expect(commune.statusCode).toBe(403);
    const d = (await dashboard(district, 'date=2022-12-31')).json();
    expect(d.phases).toHaveLength(3);
    expect(d.campaign.id).toBe(campaignId);
  });

  it('validates weights summing to 100 and re-ranks when they change', async () => {
    const bad = await t.app.inject({
      method: 'PUT',
      url: `/api/evaluation/weights?unitId=${world.district.id}`,
      headers: { cookie: district },
      payload: { targets: 50, timeliness: 20, kpi: 20 },
    });
    expect(bad.statusCode).toBe(400);
    // Commune B has a target reached, commune A none; A has the better KPI.
    await t.app.inject({
      method: 'PUT',
      url: `/api/campaigns/${campaignId}/targets`,
      headers: { cookie: district },
      payload: {
        targets: [
          { indicatorId: (await campaignIndicator()).id, unitId: world.communeA.id, value: 100 },
          { indicatorId: (await campaignIndicator()).id, unitId: world.communeB.id, value: 1 },
        ],
      },
    });
    const memberB = await login(t.app, 'team_member.b');
    const hhB = (
      await t.app.inject({
        method: 'POST',
        url: '/api/households',
        headers: { cookie: memberB },
        payload: { hamletId: world.hamletB.id },
      })
    ).json();
    const people = [];
    for (let i = 0; i < 4; i += 1)
      people.push(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/residents',
            headers: { cookie: memberB },
            payload: {
              householdId: hhB.id,
              fullName: `Lò Văn Số ${i}`,
              birthYear: 1980 + i,
              sex: 'male',
              confirmNotDuplicate: true,
            },
          })
        ).json().resident.id,
      );
    await t.app.inject({
      method: 'POST',
      url: '/api/sync/supports',
      headers: { cookie: memberB },
      payload: { records: [skill(people[0], '2022-07-01')] },
    });
    const rank = async () =>
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/evaluation/ranking?unitId=${world.district.id}&date=2022-12-31`,
          headers: { cookie: district },
        })
      ).json();
    const setWeights = (w: object) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/evaluation/weights?unitId=${world.district.id}`,
        headers: { cookie: district },
        payload: w,
      });
    expect((await setWeights({ targets: 90, timeliness: 0, kpi: 10 })).statusCode).toBe(200);
    const byTargets = await rank();
    expect(byTargets.timelinessMissing).toBe(true);
    expect(byTargets.rows[0].unitId).toBe(world.communeB.id);
    await setWeights({ targets: 0, timeliness: 20, kpi: 80 });
    const byKpi = await rank();
    expect(byKpi.rows[0].unitId).toBe(world.communeA.id);
    expect(byKpi.rows[0].renormalised).toBe(true);
    expect(byKpi.rows[0].applied.kpi).toBe(100);
    // Reporting timeliness from the periodic reports: commune A sent June on time and July late,
    // commune B sent both on time (both due by the date of the ranking).
    const report = (unit: { id: string; path: string }, month: string, submitted: string) => ({
      id: randomUUID(),
      unit_id: unit.id,
      unit_path: unit.path,
      level: 'commune',
      period_key: month,
      period_from: `${month}-01`,
      period_to: `${month}-28`,
      request_id: null,
      version: 1,
      amends_id: null,
      superseded_by: null,
      status: 'submitted',
      sections: '{}',
      figures: null,
      due_on: `${month}-28`,
      first_submitted_at: submitted,
      submitted_at: submitted,
      submitted_by: null,
      reviewed_at: null,
      reviewed_by: null,
      return_comment: null,
      created_by: null,
      created_at: submitted,
      updated_at: submitted,
    });
    await t.db
      .insertInto('reports')
      .values([
        report(world.communeA, '2022-06', '2022-06-27T03:00:00.000Z'),
        report(world.communeA, '2022-07', '2022-08-03T03:00:00.000Z'),
        report(world.communeB, '2022-06', '2022-06-20T03:00:00.000Z'),
        report(world.communeB, '2022-07', '2022-07-20T03:00:00.000Z'),
      ])
      .execute();
    await setWeights({ targets: 0, timeliness: 100, kpi: 0 });
    const byTimeliness = await rank();
    expect(byTimeliness.timelinessMissing).toBe(false);
    const timeliness = Object.fromEntries(
      byTimeliness.rows.map((r: { unitId: string; components: { timeliness: number } }) => [
        r.unitId,
        r.components.timeliness,
      ]),
    );
    expect(timeliness).toEqual({ [world.communeA.id]: 0.5, [world.communeB.id]: 1 });
    expect(byTimeliness.rows[0].unitId).toBe(world.communeB.id);
    // A hamlet's report (May, on time) adds its month to its commune's: commune A now sent one of
    // three months on time; the hamlet itself one of the same three, whatever the root read from.
    await t.db
      .insertInto('reports')
      .values({ ...report(world.hamletA, '2022-05', '2022-05-20T03:00:00.000Z'), level: 'hamlet' })
      .execute();
    const again = (await rank()).rows.map(
      (r: { unitId: string; components: { timeliness: number } }) => [
        r.unitId,
        r.components.timeliness,
      ],
    );
    expect(Object.fromEntries(again)).toEqual({
      [world.communeA.id]: 1 / 3,
      [world.communeB.id]: 1,
    });
    const hamlet = { ...world.hamletA, level: 'hamlet' };
    for (const root of [world.district.path, world.communeA.path, world.hamletA.path])
      expect((await reportingTimeliness(t.db, root, [hamlet], '2022-12-31')).get(hamlet.id)).toBe(
        1 / 3,
      );
    // Before May's due date nothing of the hamlet is due yet.
    expect(
      (await reportingTimeliness(t.db, world.communeA.path, [hamlet], '2022-05-27')).get(hamlet.id),
    ).toBe(null);
    // A commune officer cannot set the district's weights.
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: `/api/evaluation/weights?unitId=${world.district.id}`,
          headers: { cookie: officerA },
          payload: { targets: 50, timeliness: 20, kpi: 30 },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('builds the evaluation report in the Decree 30 layout with the ranking and an appendix per commune', async () => {
    const r = await t.app.inject({
      method: 'GET',
      url: `/api/evaluation/report.docx?unitId=${world.district.id}&date=2022-12-20`,
      headers: { cookie: district },
    });
    expect(r.statusCode).toBe(200);
    const doc = readDocx(r.rawPayload);
    const texts = paragraphTexts(doc.document);
    expect(texts).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(texts).toContain('BÁO CÁO');
    expect(texts.some((x) => x.includes('Phú Lương, ngày 20 tháng 12 năm 2022'))).toBe(true);
    expect(texts.filter((x) => x.startsWith('PHỤ LỤC'))).toHaveLength(2);
    const ranking = tables(doc.document)
      .map((table) => tableCells(table).map((row) => row.map((c) => paragraphTexts(c).join(' '))))
      .find((rows) => rows[0]?.[0] === 'Hạng');
    expect(ranking?.slice(1).map((row) => row[1])).toEqual(
      expect.arrayContaining(['Xã Yên Đổ', 'Xã Động Đạt']),
    );
  });

  async function campaignIndicator() {
    const list = (
      await t.app.inject({ method: 'GET', url: '/api/campaigns', headers: { cookie: district } })
    ).json();
    return list.find((c: { id: string }) => c.id === campaignId).indicators[0];
  }
});
