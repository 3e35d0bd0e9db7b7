import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, setupTestApp, type TestApp } from '../../../test/app';
import { systemActor } from '../../lib/system-actor';
import { seedDemo } from '../demo/demo.service';
import { trainedMembersByUnit } from './training-coverage.service';

let t: TestApp;
beforeAll(async () => {
  t = await setupTestApp();
  await seedDemo(t.db, systemActor('test'));
}, 120_000);
afterAll(async () => t.close());

const get = async (url: string, cookie: string) =>
  (await t.app.inject({ method: 'GET', url, headers: { cookie } })).json();

describe('demo trainings and partners', () => {
  it('has a year of trainings by the district, the province and three enterprises', async () => {
    const rows = await t.db
      .selectFrom('trainings')
      .leftJoin('partners', 'partners.id', 'trainings.partner_id')
      .select(['trainings.organiser_kind', 'partners.name', 'trainings.held_on'])
      .execute();
    const kinds = new Set(rows.map((r) => r.organiser_kind));
    expect(kinds).toEqual(new Set(['district', 'province', 'partner']));
    const partners = new Set(rows.map((r) => r.name).filter(Boolean));
    expect([...partners].some((n) => n?.startsWith('VNPT'))).toBe(true);
    expect([...partners].some((n) => n?.startsWith('Viettel'))).toBe(true);
    expect([...partners].some((n) => n?.includes('VNPost'))).toBe(true);
    const dates = rows.map((r) => r.held_on).sort();
    expect(dates[0] >= '2022-06-01' && dates.at(-1)! <= '2023-06-01').toBe(true);
  });

  it('has attendance uneven across communes', async () => {
    const huyen = await login(t.app, 'huyen', 'toso-demo-2022');
    const vneid = (await get('/api/platforms', huyen)).find(
      (p: { code: string }) => p.code === 'vneid',
    ).id;
    const cov = await get(`/api/trainings/coverage?topic=platform:${vneid}`, huyen);
    const shares = cov.communes
      .map((c: { share: number | null }) => c.share)
      .filter((s: number | null) => s !== null) as number[];
    expect(Math.max(...shares) - Math.min(...shares)).toBeGreaterThan(0.2);
    const figures = await trainedMembersByUnit(t.db, systemActor('test').scope, [cov.unitId]);
    expect(figures.get(cov.unitId)?.trainedMembers).toBeGreaterThan(0);
  });

  it('links the demo partner account to VNPT only, without staff contacts', async () => {
    const vnpt = await login(t.app, 'vnpt', 'toso-demo-2022');
    const list = await get('/api/partners', vnpt);
    expect(list.items.map((p: { name: string }) => p.name)).toEqual(['VNPT Thái Nguyên']);
    const detail = await get(`/api/partners/${list.items[0].id}`, vnpt);
    expect(detail.contacts).toBeNull();
    const contributions = await get(`/api/partners/${list.items[0].id}/contributions`, vnpt);
    expect(contributions.total).toBeGreaterThan(0);
    expect(detail.trainings).toBeGreaterThan(0);
  });
});
