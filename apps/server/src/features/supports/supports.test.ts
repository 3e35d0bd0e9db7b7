import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, setupTestApp, type TestApp } from '../../../test/app';
import { testDialect } from '../../../test/db';
import { buildWorld } from '../../../test/factories';
import { todayInVietnam } from '../../lib/ids';

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let member: string;
let platforms: { id: string; code: string; outcomes: string[] }[];
const residents: string[] = [];
let residentB: string;

beforeAll(async () => {
  t = await setupTestApp();
  world = await buildWorld(t.db);
  member = await login(t.app, 'team_member.a');
  platforms = (
    await t.app.inject({ method: 'GET', url: '/api/platforms', headers: { cookie: member } })
  ).json();
  const hh = (
    await t.app.inject({
      method: 'POST',
      url: '/api/households',
      headers: { cookie: member },
      payload: { hamletId: world.hamletA.id },
    })
  ).json();
  for (const name of ['Hà Văn Một', 'Hà Thị Hai', 'Hà Văn Ba', 'Hà Thị Bốn']) {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/residents',
      headers: { cookie: member },
      payload: { householdId: hh.id, fullName: name, birthYear: 1990, sex: 'male' },
    });
    residents.push(r.json().resident.id);
  }
  const memberB = await login(t.app, 'team_member.b');
  const hhB = (
    await t.app.inject({
      method: 'POST',
      url: '/api/households',
      headers: { cookie: memberB },
      payload: { hamletId: world.hamletB.id },
    })
  ).json();
  residentB = (
    await t.app.inject({
      method: 'POST',
      url: '/api/residents',
      headers: { cookie: memberB },
      payload: { householdId: hhB.id, fullName: 'Lò Văn Khác' },
    })
  ).json().resident.id;
});
afterAll(async () => t.close());

const platform = (code: string) => platforms.find((p) => p.code === code)!;
const sync = (records: object[], cookie = member) =>
  t.app.inject({
    method: 'POST',
    url: '/api/sync/supports',
    headers: { cookie },
    payload: { records },
  });
const rec = (residentId: string, code: string, outcome: string, extra: object = {}) => ({
  id: randomUUID(),
  residentId,
  platformId: platform(code).id,
  outcome,
  supportedOn: '2022-06-15',
  ...extra,
});

async function progress(unitId: string) {
  const p = (
    await t.app.inject({
      method: 'GET',
      url: `/api/progress?unitId=${unitId}&from=2022-01-01`,
      headers: { cookie: await login(t.app, 'district_officer') },
    })
  ).json();
  return p.rows as { platformId: string; outcome: string; count: number }[];
}

/** Counts kept in the same transaction must equal a recount from the records. */
async function assertCountsMatchRecords() {
  const kept = await sql<{
    unit_id: string;
    platform_id: string;
    outcome: string;
    month: string;
    count: number;
  }>`
    SELECT unit_id, platform_id, outcome, month, count FROM support_counts WHERE count <> 0`.execute(
    t.db,
  );
  const records = await t.db
    .selectFrom('support_records')
    .select(['unit_path', 'platform_id', 'outcome', 'supported_on'])
    .where('voided_by', 'is', null)
    .execute();
  const recount = new Map<string, number>();
  for (const r of records) {
    for (const unit of r.unit_path.split('/').filter(Boolean)) {
      const key = `${unit}|${r.platform_id}|${r.outcome}|${r.supported_on.slice(0, 7)}`;
      recount.set(key, (recount.get(key) ?? 0) + 1);
    }
  }
  const keptMap = new Map(
    kept.rows.map((k) => [
      `${k.unit_id}|${k.platform_id}|${k.outcome}|${k.month}`,
      Number(k.count),
    ]),
  );
  expect(keptMap).toEqual(recount);
  const keptDaily = await t.db
    .selectFrom('support_counts_daily')
    .selectAll()
    .where('count', '<>', 0)
    .execute();
  const recountDaily = new Map<string, number>();
  for (const r of records) {
    for (const unit of r.unit_path.split('/').filter(Boolean)) {
      const key = `${unit}|${r.platform_id}|${r.outcome}|${r.supported_on}`;
      recountDaily.set(key, (recountDaily.get(key) ?? 0) + 1);
    }
  }
  expect(
    new Map(
      keptDaily.map((k) => [
        `${k.unit_id}|${k.platform_id}|${k.outcome}|${k.day}`,
        Number(k.count),
      ]),
    ),
  ).toEqual(recountDaily);
}

describe('platform catalogue', () => {
  it('is seeded with the plan’s platforms and the five basic skills; PC-COVID is retired', () => {
    expect(platforms.map((p) => p.code)).toEqual(
      expect.arrayContaining([
        'vneid',
        'c-thai-nguyen',
        'postmart',
        'voso',
        'so-suc-khoe',
        'ky-nang-dvc',
        'ky-nang-an-toan',
      ]),
    );
    expect(platforms.filter((p) => p.code.startsWith('ky-nang'))).toHaveLength(5);
    expect(platforms.find((p) => p.code === 'pc-covid')).toMatchObject({ retiredOn: '2023-06-01' });
  });
});

describe('syncing support records', () => {
  it('applies a batch, answers a replay as duplicates, and keeps the counts', async () => {
    const batch = [
      rec(residents[0], 'vneid', 'installed'),
      rec(residents[0], 'vneid', 'account_created'),
      rec(residents[1], 'ky-nang-dvc', 'skill_mastered'),
    ];
    const first = (await sync(batch)).json().results;
    expect(first.map((r: { status: string }) => r.status)).toEqual([
      'applied',
      'applied',
      'applied',
    ]);
    const again = (await sync(batch)).json().results;
    expect(again.map((r: { status: string }) => r.status)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
    const rows = await progress(world.district.id);
    expect(
      rows.find((r) => r.platformId === platform('vneid').id && r.outcome === 'installed')?.count,
    ).toBe(1);
    await assertCountsMatchRecords();
  });

  it('never counts a resident twice for the same platform and outcome', async () => {
    const res = (await sync([rec(residents[0], 'vneid', 'installed')])).json().results[0];
    expect(res).toMatchObject({ status: 'rejected', reason: 'already_recorded' });
  });

  it('answers each record on its own: a bad one never blocks the others', async () => {
    const good = rec(residents[2], 'postmart', 'account_created');
    const results = (
      await sync([
        rec(residents[2], 'vneid', 'skill_mastered'),
        rec(residentB, 'vneid', 'installed'),
        rec(residents[2], 'pc-covid', 'installed', { supportedOn: '2024-01-01' }),
        rec(residents[2], 'voso', 'first_use', { supportedOn: '2099-01-01' }),
        good,
      ])
    ).json().results;
    expect(results.map((r: { status: string; reason?: string }) => r.reason ?? r.status)).toEqual([
      'outcome_not_allowed',
      'resident_not_found',
      'platform_retired',
      'invalid_date',
      'applied',
    ]);
  });

  it('takes a batch cut off halfway and sent again, and batches out of order', async () => {
    const batch = [
      rec(residents[3], 'vneid', 'installed'),
      rec(residents[3], 'voso', 'first_use'),
      rec(residents[3], 'thanh-toan', 'account_created'),
      rec(residents[3], 'so-suc-khoe', 'installed'),
    ];
    expect(
      (await sync(batch.slice(0, 2))).json().results.map((r: { status: string }) => r.status),
    ).toEqual(['applied', 'applied']);
    expect((await sync(batch)).json().results.map((r: { status: string }) => r.status)).toEqual([
      'duplicate',
      'duplicate',
      'applied',
      'applied',
    ]);
    const later = [rec(residents[1], 'vneid', 'installed')];
    const earlier = [rec(residents[1], 'voso', 'account_created')];
    expect((await sync(later)).json().results[0].status).toBe('applied');
    expect((await sync(earlier)).json().results[0].status).toBe('applied');
    await assertCountsMatchRecords();
  });

  it('corrects by voiding: the new record replaces the old in the counts, nothing edited in place', async () => {
    const wrong = rec(residents[1], 'c-thai-nguyen', 'installed');
    await sync([wrong]);
    const fix = rec(residents[1], 'c-thai-nguyen', 'account_created', { voidsId: wrong.id });
    expect((await sync([fix])).json().results[0].status).toBe('applied');
    const old = await t.db
      .selectFrom('support_records')
      .selectAll()
      .where('id', '=', wrong.id)
      .executeTakeFirstOrThrow();
    expect(old).toMatchObject({ outcome: 'installed', voided_by: fix.id });
    const twice = (
      await sync([rec(residents[1], 'c-thai-nguyen', 'first_use', { voidsId: wrong.id })])
    ).json().results[0];
    expect(twice.reason).toBe('already_voided');
    await assertCountsMatchRecords();
    const behind = (
      await t.app.inject({
        method: 'GET',
        url: `/api/supports?unitId=${world.hamletA.id}&platformId=${platform('c-thai-nguyen').id}`,
        headers: { cookie: member },
      })
    ).json();
    expect(behind.items.map((i: { id: string }) => i.id)).toEqual([fix.id]);
  });

  it('ends with every record stored once and counts equal to a recount, whatever the interleaving', async () => {
    const pairs = [
      ['vneid', 'first_use'],
      ['voso', 'account_created'],
      ['postmart', 'first_use'],
      ['thanh-toan', 'first_use'],
      ['ky-nang-mua-sam', 'skill_mastered'],
      ['so-suc-khoe', 'account_created'],
    ] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            resident: fc.nat(3),
            pair: fc.nat(pairs.length - 1),
            month: fc.integer({ min: 1, max: 12 }),
            voidPrevious: fc.boolean(),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        fc.array(fc.nat(20), { maxLength: 6 }),
        fc.integer({ min: 1, max: 5 }),
        async (ops, retries, batchSize) => {
          const made: ReturnType<typeof rec>[] = [];
          for (const op of ops) {
            const [code, outcome] = pairs[op.pair];
            const previous = made.at(-1);
            made.push(
              rec(residents[op.resident], code, outcome, {
                supportedOn: `2023-${String(op.month).padStart(2, '0')}-10`,
                voidsId: op.voidPrevious && previous ? previous.id : null,
              }),
            );
          }
          const batches: (typeof made)[] = [];
          for (let i = 0; i < made.length; i += batchSize)
            batches.push(made.slice(i, i + batchSize));
          for (const r of retries)
            if (batches.length)
              batches.splice(r % (batches.length + 1), 0, batches[r % batches.length]);
          for (const b of batches) expect((await sync(b)).statusCode).toBe(200);
          const ids = made.map((m) => m.id);
          const stored = await t.db
            .selectFrom('support_records')
            .select('id')
            .where('id', 'in', ids)
            .execute();
          expect(new Set(stored.map((s) => s.id)).size).toBe(stored.length);
          await assertCountsMatchRecords();
          const effective = await sql<{
            n: number;
          }>`SELECT count(*) AS n FROM (SELECT resident_id, platform_id, outcome FROM support_records WHERE voided_by IS NULL GROUP BY resident_id, platform_id, outcome HAVING count(*) > 1) d`.execute(
            t.db,
          );
          expect(Number(effective.rows[0].n)).toBe(0);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('derives a resident’s skills, and the KPI flag, from the records', async () => {
    const skills = (
      await t.app.inject({
        method: 'GET',
        url: `/api/residents/${residents[1]}/skills`,
        headers: { cookie: member },
      })
    ).json();
    expect(skills.canUseOnlineServices).toBe(true);
    expect(skills.skills).toHaveLength(5);
    expect(skills.skills.find((s: { mastered: boolean }) => s.mastered)).toMatchObject({
      since: '2022-06-15',
    });
    const none = (
      await t.app.inject({
        method: 'GET',
        url: `/api/residents/${residents[2]}/skills`,
        headers: { cookie: member },
      })
    ).json();
    expect(none.canUseOnlineServices).toBe(false);
  });

  it('keeps a merged person counted once', async () => {
    const officer = await login(t.app, 'commune_officer.a');
    const hh = (
      await t.app.inject({
        method: 'POST',
        url: '/api/households',
        headers: { cookie: officer },
        payload: { hamletId: world.hamletA.id },
      })
    ).json();
    const twin = (
      await t.app.inject({
        method: 'POST',
        url: '/api/residents',
        headers: { cookie: officer },
        payload: {
          householdId: hh.id,
          fullName: 'Hà Văn Một',
          birthYear: 1990,
          sex: 'male',
          confirmNotDuplicate: true,
        },
      })
    ).json().resident.id;
    const synced = (
      await sync([rec(twin, 'vneid', 'installed'), rec(twin, 'ky-nang-an-toan', 'skill_mastered')])
    ).json().results;
    expect(
      synced.map((r: { status: string }) => r.status),
      JSON.stringify(synced),
    ).toEqual(['applied', 'applied']);
    const merged = await t.app.inject({
      method: 'POST',
      url: '/api/residents/merge',
      headers: { cookie: officer },
      payload: { keepId: residents[0], mergeId: twin },
    });
    expect(merged.statusCode, merged.body).toBe(200);
    const kept = await t.db
      .selectFrom('support_records')
      .select(['platform_id', 'outcome'])
      .where('resident_id', '=', residents[0])
      .where('voided_by', 'is', null)
      .execute();
    expect(
      kept.filter((k) => k.platform_id === platform('vneid').id && k.outcome === 'installed'),
    ).toHaveLength(1);
    expect(kept.some((k) => k.platform_id === platform('ky-nang-an-toan').id)).toBe(true);
    await assertCountsMatchRecords();
  });

  it('refuses records dated in the future of Vietnam’s calendar', async () => {
    const tomorrow = new Date(Date.parse(`${todayInVietnam()}T00:00:00Z`) + 86_400_000)
      .toISOString()
      .slice(0, 10);
    const res = (
      await sync([rec(residents[2], 'voso', 'account_created', { supportedOn: tomorrow })])
    ).json().results[0];
    expect(res.reason).toBe('invalid_date');
  });

  it('takes batches sent at the same time (the same batch twice, two hamlets) once each', async () => {
    const memberB = await login(t.app, 'team_member.b');
    const pairs = [
      ['c-thai-nguyen', 'installed'],
      ['dvc-quoc-gia', 'account_created'],
      ['thai-nguyen-id', 'account_created'],
    ] as const;
    const mine = residents.flatMap((r) =>
      pairs.map(([code, outcome]) => rec(r, code, outcome, { supportedOn: '2024-03-01' })),
    );
    const theirs = [rec(residentB, 'c-thai-nguyen', 'installed', { supportedOn: '2024-03-02' })];
    const half = Math.ceil(mine.length / 2);
    const sends = [
      sync(mine.slice(0, half)),
      sync(mine.slice(0, half)),
      sync(theirs, memberB),
      sync(mine.slice(half)),
    ];
    const responses = await Promise.all(sends);
    // SQLite: the batches share the commit group, each seeing those before it: all answered.
    if (testDialect() === 'sqlite')
      expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    const applied = new Map<string, number>();
    for (const res of responses) {
      // PostgreSQL: two copies of a batch written at once may collide on the primary key; that
      // batch fails as a whole (nothing of it is kept) and the device sends it again.
      if (res.statusCode !== 200) continue;
      for (const r of res.json().results as { id: string; status: string }[])
        if (r.status === 'applied') applied.set(r.id, (applied.get(r.id) ?? 0) + 1);
    }
    for (const batch of [mine.slice(0, half), theirs, mine.slice(half)]) {
      const again = await sync(batch, batch === theirs ? memberB : member);
      expect(again.statusCode).toBe(200);
      for (const r of again.json().results as { id: string; status: string }[])
        if (r.status === 'applied') applied.set(r.id, (applied.get(r.id) ?? 0) + 1);
    }
    for (const n of applied.values()) expect(n).toBe(1);
    const stored = await t.db
      .selectFrom('support_records')
      .select('id')
      .where(
        'id',
        'in',
        [...mine, ...theirs].map((r) => r.id),
      )
      .execute();
    expect(stored.length).toBe(applied.size);
    expect(applied.has(theirs[0].id)).toBe(true);
    await assertCountsMatchRecords();
  });
});
