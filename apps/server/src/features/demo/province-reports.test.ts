import {
  DEFAULT_REPORT_DUE_DAYS,
  monthPeriod,
  reportDueOn,
  reportingRate,
  type ReportFigures,
  type ReportSections,
} from '@toso/domain/reports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, setupTestApp, type TestApp } from '../../../test/app';
import { paragraphTexts, readDocx } from '../../../test/docx';
import { todayInVietnam } from '../../lib/ids';
import { childUnits, latestByUnit, reportsFor } from '../reports/reports.repository';
import { computeFigures, expectedHamlets } from '../reports/reports.service';
import { communeFigures } from '../reports/report-figures';
import { findUnitById } from '../units/units.repository';
import { generateProvince } from './province-scale';

let t: TestApp;
beforeAll(async () => {
  t = await setupTestApp();
  await generateProvince(t.db, {
    districts: 2,
    communes: 4,
    hamlets: 10,
    households: 400,
    residents: 1_500,
    supports: 4_000,
    password: 'province-reports-1',
  });
});
afterAll(async () => t.close());

describe('a year of reports in the province-scale dataset', () => {
  it('writes monthly hamlet and commune reports through the workflow', async () => {
    const rows = await t.db.selectFrom('reports').selectAll().execute();
    const hamlets = rows.filter((r) => r.level === 'hamlet');
    const communes = rows.filter((r) => r.level === 'commune');
    // Every commune reports every month; a few hamlet reports are missing.
    expect(communes).toHaveLength(4 * 12);
    expect(hamlets.length).toBeGreaterThan(10 * 12 * 0.9);
    expect(hamlets.length).toBeLessThanOrEqual(10 * 12);
    expect(new Set(rows.map((r) => r.period_key)).size).toBe(12);
    const approved = hamlets.filter((r) => r.status === 'approved').length;
    expect(approved / hamlets.length).toBeGreaterThan(0.9);
    // Some late, some returned (a return action, then approved), every section text written.
    expect(hamlets.some((r) => r.first_submitted_at!.slice(0, 10) > r.due_on)).toBe(true);
    const onTime = (r: (typeof rows)[number]) =>
      todayInVietnam(new Date(r.first_submitted_at!)) <= r.due_on;
    // Most communes send on time (by the due date, with the hamlets approved by then).
    expect(communes.filter(onTime).length / communes.length).toBeGreaterThan(0.6);
    expect(hamlets.filter(onTime).length / hamlets.length).toBeGreaterThan(0.6);
    const returns = await t.db
      .selectFrom('report_actions')
      .select('report_id')
      .where('action', '=', 'return')
      .execute();
    expect(returns.length).toBeGreaterThan(0);
    const texts = rows.map((r) => JSON.parse(r.sections) as ReportSections);
    expect(texts.every((s) => s.activities.length > 10 && s.results.length > 10)).toBe(true);
    expect(new Set(texts.map((s) => s.activities)).size).toBeGreaterThan(10);
    // The campaign the figures count against was created with a target for every unit.
    const figures = JSON.parse(hamlets[0].figures!) as ReportFigures;
    expect(figures.indicators).toHaveLength(4);
    expect(figures.indicators.every((i) => i.target !== null)).toBe(true);
  });

  it('fills the figures as the app pre-fills them at submission', async () => {
    const rows = await t.db.selectFrom('reports').selectAll().execute();
    let hamlets = 0;
    const communes = { complete: 0, partial: 0 };
    for (const row of rows) {
      const unit = (await findUnitById(t.db, row.unit_id))!;
      if (row.level === 'hamlet') {
        // Nothing changed since: a hamlet's figures are what the app computes now.
        expect(JSON.parse(row.figures!), `${unit.name} ${row.period_key}`).toEqual(
          await computeFigures(t.db, row, unit),
        );
        hamlets += 1;
        continue;
      }
      // A commune's: the sum of the hamlet reports approved before it was (last) sent.
      const { hamlets: all, expected } = await expectedHamlets(
        t.db,
        unit.id,
        row.period_from,
        row.period_to,
      );
      const approved = rows.filter(
        (r) =>
          r.level === 'hamlet' &&
          r.period_key === row.period_key &&
          r.status === 'approved' &&
          all.some((h) => h.id === r.unit_id),
      );
      const included = approved.filter((r) => r.reviewed_at! < row.submitted_at!);
      const parts = all
        .filter((h) => included.some((r) => r.unit_id === h.id))
        .map((h) => ({
          unitName: h.name,
          figures: JSON.parse(included.find((r) => r.unit_id === h.id)!.figures!) as ReportFigures,
        }));
      expect(JSON.parse(row.figures!), `${unit.name} ${row.period_key}`).toEqual(
        await communeFigures(
          t.db,
          unit,
          row.period_from,
          row.period_to,
          parts,
          expected,
          new Set(included.map((r) => r.unit_id)),
        ),
      );
      if (included.length === approved.length) {
        // Every approved hamlet was in: what the app computes now as well.
        expect(JSON.parse(row.figures!)).toEqual(await computeFigures(t.db, row, unit));
        communes.complete += 1;
      } else communes.partial += 1;
    }
    expect(hamlets).toBeGreaterThan(100);
    // Some commune reports left out hamlets approved after they were sent, most did not.
    expect(communes.partial).toBeGreaterThan(0);
    expect(communes.complete).toBeGreaterThan(communes.partial);
    // A commune's December figures are not all zero.
    const dec = rows.find((r) => r.level === 'commune' && r.period_key === '2023-12')!;
    const f = JSON.parse(dec.figures!) as ReportFigures;
    expect(f.indicators.some((i) => i.reached > 0)).toBe(true);
    expect(f.households).toBeGreaterThan(0);
  });

  it('gives the district’s consolidated report its communes’ content', async () => {
    const cookie = await login(t.app, 'p.huyen', 'province-reports-1');
    const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
      t.app.inject({ method, url, payload, headers: { cookie } });
    const start = await call('POST', '/api/report-consolidations', { period: '2023-11' });
    expect(start.statusCode).toBe(202);
    let status = start.json();
    for (let i = 0; i < 200 && status.status === 'running'; i += 1) {
      await new Promise((r) => setTimeout(r, 20));
      status = (await call('GET', `/api/report-consolidations/${status.id}`)).json();
    }
    expect(status.status).toBe('done');
    const file = await call('GET', `/api/report-consolidations/${status.id}/docx`);
    const texts = paragraphTexts(readDocx(file.rawPayload).document);
    const district = await t.db
      .selectFrom('users')
      .innerJoin('units', 'units.id', 'users.unit_id')
      .select('units.id')
      .where('users.username', '=', 'p.huyen')
      .executeTakeFirstOrThrow();
    const approved = await t.db
      .selectFrom('reports')
      .innerJoin('units', 'units.id', 'reports.unit_id')
      .select(['units.name', 'reports.sections'])
      .where('units.parent_id', '=', district.id)
      .where('reports.period_key', '=', '2023-11')
      .where('reports.status', '=', 'approved')
      .execute();
    expect(approved.length).toBeGreaterThan(0);
    for (const c of approved) {
      const s = JSON.parse(c.sections) as ReportSections;
      expect(texts.some((p) => p.includes(`${c.name}: ${s.results}`))).toBe(true);
    }
  });

  it('reads the rates and the lists with grouped queries, giving what one read per unit gave', async () => {
    // The reference: the former reading, one district and one commune at a time.
    const reference = async (parentId: string, key: string) => {
      const period = monthPeriod(key);
      const districts = await childUnits(t.db, parentId, 'district', period.from);
      const communes = [];
      for (const d of districts.length ? districts : [{ id: parentId }])
        communes.push(...(await childUnits(t.db, d.id, 'commune', period.from)));
      const own = latestByUnit(
        await reportsFor(
          t.db,
          communes.map((c) => c.id),
          key,
        ),
      );
      const rows = [];
      for (const c of communes) {
        const { expected } = await expectedHamlets(t.db, c.id, period.from, period.to);
        const reports = await reportsFor(
          t.db,
          expected.map((h) => h.id),
          key,
        );
        const rate = reportingRate(
          expected.map((h) => h.id),
          reports.map((r) => ({
            unitId: r.unit_id,
            firstSubmittedOn: r.first_submitted_at
              ? todayInVietnam(new Date(r.first_submitted_at))
              : null,
          })),
          reportDueOn(period.to, DEFAULT_REPORT_DUE_DAYS),
        );
        rows.push({ unitId: c.id, unitName: c.name, rate, status: own.get(c.id)?.status ?? null });
      }
      return rows;
    };
    let late = 0;
    for (const username of ['p.tinh', 'p.huyen']) {
      const cookie = await login(t.app, username, 'province-reports-1');
      const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
      const me = await t.db
        .selectFrom('users')
        .select('unit_id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
      for (const key of ['2023-03', '2023-07', '2023-12']) {
        const ref = await reference(me.unit_id!, key);
        expect(ref.length).toBeGreaterThan(1);
        const rates = (await get(`/api/reports/rates?period=${key}`)).json();
        expect(rates.rows).toEqual(
          ref.map((r) => ({
            unitId: r.unitId,
            unitName: r.unitName,
            expected: r.rate.expected,
            submitted: r.rate.submitted,
            onTime: r.rate.onTime,
            reportingRate: r.rate.reportingRate,
            onTimeRate: r.rate.onTimeRate,
            communeStatus: r.status,
          })),
        );
        if (ref.some((r) => r.rate.onTime < r.rate.expected)) late += 1;
        const list = (await get(`/api/reports?period=${key}`)).json();
        expect(list.children.map((c: { unitId: string }) => c.unitId)).toEqual(
          ref.map((r) => r.unitId),
        );
        expect(list.children.map((c: { status: string | null }) => c.status)).toEqual(
          ref.map((r) => r.status),
        );
      }
    }
    // Some reports came late: the on-time figures are not trivially equal to the expected ones.
    expect(late).toBeGreaterThan(0);
  });

  it('shows each child unit’s hamlet reports of the last month ended on the dashboard', async () => {
    let compared = 0;
    for (const [username, date, key] of [
      ['p.huyen', undefined, '2023-12'],
      ['p.tinh', undefined, '2023-12'],
      ['p.xa', '2023-11-15', '2023-10'],
      ['p.huyen', '2023-06-30', '2023-06'],
    ] as const) {
      const cookie = await login(t.app, username, 'province-reports-1');
      const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
      const board = (await get(`/api/dashboard${date ? `?date=${date}` : ''}`)).json();
      expect(board.children.length).toBeGreaterThan(0);
      for (const c of board.children) {
        // The reference: the child's expected hamlets and their reports, read one by one.
        const period = monthPeriod(key);
        const child = (await findUnitById(t.db, c.unitId))!;
        const communes =
          child.level === 'district'
            ? await childUnits(t.db, child.id, 'commune', period.from)
            : [child];
        let expected: string[] = [];
        for (const commune of communes)
          expected =
            commune.level === 'hamlet'
              ? [commune.id]
              : [
                  ...expected,
                  ...(await expectedHamlets(t.db, commune.id, period.from, period.to)).expected.map(
                    (h) => h.id,
                  ),
                ];
        const reports = await reportsFor(t.db, expected, key);
        const rate = reportingRate(
          expected,
          reports.map((r) => ({
            unitId: r.unit_id,
            firstSubmittedOn: r.first_submitted_at
              ? todayInVietnam(new Date(r.first_submitted_at))
              : null,
          })),
          reportDueOn(period.to, DEFAULT_REPORT_DUE_DAYS),
        );
        const approved = new Set(
          reports.filter((r) => r.status === 'approved').map((r) => r.unit_id),
        ).size;
        expect(c.reporting, `${username} ${c.unitName}`).toEqual({
          periodKey: key,
          expected: rate.expected,
          submitted: rate.submitted,
          onTime: rate.onTime,
          approved,
        });
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(8);
  });
});
