import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { login, setupTestApp, type TestApp } from '../../../test/app';
import { keptCoverage, recountCoverage } from '../dashboard/coverage-counts';
import { keptKpi, recountKpi } from '../dashboard/kpi-counts';
import { generateProvince } from './province-scale';

let t: TestApp;
beforeAll(async () => {
  t = await setupTestApp();
});
afterAll(async () => t.close());

describe('province-scale dataset', () => {
  it('builds the requested shape with kept counts equal to a recount, and refuses a non-empty database', async () => {
    const phases = new Set<string>();
    const r = await generateProvince(
      t.db,
      {
        districts: 2,
        communes: 5,
        hamlets: 12,
        households: 600,
        residents: 2_200,
        supports: 6_000,
        password: 'province-scale-1',
      },
      (phase, done, total) => {
        expect(done).toBeLessThanOrEqual(total);
        phases.add(phase);
      },
    );
    expect([...phases]).toEqual([
      'units',
      'teams',
      'people and records',
      'kept counts',
      'KPI counts',
      'reports',
    ]);
    expect(r).toMatchObject({ units: 1 + 2 + 5 + 12, teams: 12, households: 600 });
    // Residents and records land near the asked totals (households vary in size).
    expect(r.residents).toBeGreaterThan(2_200 * 0.9);
    expect(r.residents).toBeLessThan(2_200 * 1.1);
    expect(r.supports).toBeGreaterThan(6_000 * 0.7);
    expect(r.supports).toBeLessThan(6_000 * 1.3);
    const levels = await t.db
      .selectFrom('units')
      .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('level')
      .execute();
    expect(Object.fromEntries(levels.map((l) => [l.level, Number(l.n)]))).toEqual({
      province: 1,
      district: 2,
      commune: 5,
      hamlet: 12,
    });
    // A resident counts once per platform and outcome (the unique index would have refused it),
    // and the kept counts of the province equal a recount of the records.
    const province = await t.db
      .selectFrom('units')
      .select('id')
      .where('level', '=', 'province')
      .executeTakeFirstOrThrow();
    const kept = await t.db
      .selectFrom('support_counts')
      .select((eb) => eb.fn.sum<number>('count').as('n'))
      .where('unit_id', '=', province.id)
      .executeTakeFirstOrThrow();
    const recount = await sql<{ n: number }>`SELECT count(*) AS n FROM support_records`.execute(
      t.db,
    );
    expect(Number(kept.n)).toBe(Number(recount.rows[0].n));
    const keptDaily = await t.db
      .selectFrom('support_counts_daily')
      .select((eb) => eb.fn.sum<number>('count').as('n'))
      .where('unit_id', '=', province.id)
      .executeTakeFirstOrThrow();
    expect(Number(keptDaily.n)).toBe(Number(recount.rows[0].n));
    // Every hamlet's monthly counts add up to its commune's (written at different times).
    const byLevel = await sql<{ level: string; n: number }>`
      SELECT u.level, sum(c.count) AS n FROM support_counts c JOIN units u ON u.id = c.unit_id
      GROUP BY u.level`.execute(t.db);
    const sums = Object.fromEntries(byLevel.rows.map((r) => [r.level, Number(r.n)]));
    expect(sums).toEqual({
      province: r.supports,
      district: r.supports,
      commune: r.supports,
      hamlet: r.supports,
    });
    expect(Number(recount.rows[0].n)).toBe(r.supports);
    // Every hamlet has a team of six and a chat group with households joined.
    const members = await t.db
      .selectFrom('team_members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(members.n)).toBe(12 * 6);
    const groups = await t.db
      .selectFrom('chat_groups')
      .select(['households_joined', 'households_total'])
      .execute();
    expect(groups).toHaveLength(12);
    for (const g of groups) expect(g.households_joined).toBeLessThanOrEqual(g.households_total!);
    // The dashboard's kept KPI counts equal a recount.
    expect(await keptKpi(t.db)).toEqual(await recountKpi(t.db));
    // And so do the coverage counts: every hamlet has a team, the province all the households.
    const coverage = await keptCoverage(t.db);
    expect(coverage).toEqual(await recountCoverage(t.db));
    expect(coverage.get(province.id)).toMatchObject({ households: 600, hamletsWithTeam: 12 });
    // The benchmark accounts can sign in.
    await login(t.app, 'p.huyen', 'province-scale-1');
    await expect(generateProvince(t.db, { hamlets: 1 })).rejects.toThrow(/already holds units/);
  });
});
