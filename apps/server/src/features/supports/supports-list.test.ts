import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, setupTestApp, type TestApp } from '../../../test/app';
import { buildWorld } from '../../../test/factories';
// eslint-disable-next-line no-restricted-syntax -- the test builds the scopes the auth layer issues, to call the repository directly
import { issueScope } from '../../lib/scope';
import { listSupportRecords, type SupportFilters } from './supports.repository';

// The support records list (GET /api/supports) against a plain reading of the table: every
// record of the scope and filters, newest first and by id, paged in memory. The list's total comes
// from the kept counts and its first pages from a bounded walk of the newest records: both must
// give exactly what the plain reading gives.

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
type Platform = { id: string; code: string; outcomes: string[]; retiredOn: string | null };
let platforms: Platform[];
interface Stored {
  id: string;
  resident_id: string;
  unit_path: string;
  platform_id: string;
  outcome: string;
  supported_on: string;
  voided_by: string | null;
}
/** All records, in the database's own order of the list. */
let stored: Stored[];

const DAYS = ['2021-03-02', '2022-06-15', '2022-06-15', '2023-01-31', '2023-02-01', '2024-03-01'];

async function addResidents(cookie: string, hamletId: string, n: number): Promise<string[]> {
  const hh = (
    await t.app.inject({
      method: 'POST',
      url: '/api/households',
      headers: { cookie },
      payload: { hamletId },
    })
  ).json();
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/residents',
      headers: { cookie },
      payload: {
        householdId: hh.id,
        fullName: `Người Số ${i}`,
        birthYear: 1980 + i,
        sex: 'male',
        confirmNotDuplicate: true,
      },
    });
    ids.push(r.json().resident.id);
  }
  return ids;
}

async function sync(cookie: string, records: object[]) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/sync/supports',
    headers: { cookie },
    payload: { records },
  });
  expect(res.statusCode).toBe(200);
  return res.json().results as { id: string; status: string }[];
}

beforeAll(async () => {
  t = await setupTestApp();
  world = await buildWorld(t.db);
  const officerA = await login(t.app, 'commune_officer.a');
  const officerB = await login(t.app, 'commune_officer.b');
  platforms = (
    await t.app.inject({ method: 'GET', url: '/api/platforms', headers: { cookie: officerA } })
  ).json();
  const usable = platforms.filter((p) => p.retiredOn === null);
  const groups = [
    { cookie: officerA, residents: await addResidents(officerA, world.hamletA.id, 5) },
    { cookie: officerA, residents: await addResidents(officerA, world.hamletA2.id, 3) },
    { cookie: officerB, residents: await addResidents(officerB, world.hamletB.id, 3) },
  ];
  let k = 0;
  for (const g of groups) {
    const records = g.residents.flatMap((residentId) =>
      usable.flatMap((p) =>
        p.outcomes.slice(0, 2).map((outcome) => {
          k += 1;
          return {
            id: randomUUID(),
            residentId,
            platformId: p.id,
            outcome,
            supportedOn: DAYS[k % DAYS.length],
          };
        }),
      ),
    );
    for (let i = 0; i < records.length; i += 100)
      for (const r of await sync(g.cookie, records.slice(i, i + 100)))
        expect(r.status).toBe('applied');
    // Some corrections: the old record voided, the new one listed.
    const fixes = records
      .filter((_, i) => i % 7 === 0)
      .map((old, i) => ({
        ...old,
        id: randomUUID(),
        outcome: platforms.find((p) => p.id === old.platformId)!.outcomes.at(-1)!,
        supportedOn: DAYS[(i + 3) % DAYS.length],
        voidsId: old.id,
      }));
    const fixed = await sync(g.cookie, fixes);
    expect(fixed.some((r) => r.status === 'applied')).toBe(true);
  }
  stored = await t.db
    .selectFrom('support_records')
    .select([
      'id',
      'resident_id',
      'unit_path',
      'platform_id',
      'outcome',
      'supported_on',
      'voided_by',
    ])
    .orderBy('supported_on', 'desc')
    .orderBy('id')
    .execute();
});
afterAll(async () => t.close());

/** The plain reading: the scope's records with the filters, in the list's order. */
function plain(scopePath: string, f: SupportFilters): Stored[] {
  return stored.filter(
    (r) =>
      r.unit_path.startsWith(scopePath) &&
      (!f.unit || r.unit_path.startsWith(f.unit.path)) &&
      (!f.residentId || r.resident_id === f.residentId) &&
      (!f.platformId || r.platform_id === f.platformId) &&
      (!f.outcome || r.outcome === f.outcome) &&
      (!f.from || r.supported_on >= f.from) &&
      (!f.to || r.supported_on <= f.to) &&
      (f.includeVoided || r.voided_by === null),
  );
}

function filterSets(): SupportFilters[] {
  const p = platforms.find((x) => x.retiredOn === null)!;
  const someResident = stored.find((r) => r.unit_path.startsWith(world.hamletA.path))!;
  return [
    {},
    { platformId: p.id },
    { platformId: p.id, outcome: p.outcomes[0] },
    { outcome: p.outcomes[1] },
    { from: '2022-06-15' },
    { to: '2022-06-15' },
    { from: '2022-06-16', to: '2023-02-01', platformId: p.id },
    { includeVoided: true },
    { includeVoided: true, from: '2023-01-01' },
    { unit: world.hamletA2 },
    { unit: world.communeA, outcome: p.outcomes[0] },
    { residentId: someResident.resident_id },
    { from: '2025-01-01' },
  ];
}

const query = (f: SupportFilters, page: number, pageSize: number) => {
  const q = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
  if (f.unit) q.set('unitId', f.unit.id);
  if (f.residentId) q.set('residentId', f.residentId);
  if (f.platformId) q.set('platformId', f.platformId);
  if (f.outcome) q.set('outcome', f.outcome);
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  if (f.includeVoided) q.set('includeVoided', '1');
  return `/api/supports?${q}`;
};

describe('the support records list', () => {
  it('gives the plain reading’s pages and total to every officer, whatever the filters', async () => {
    const users = [
      { username: 'commune_officer.a', path: world.communeA.path },
      { username: 'district_officer', path: world.district.path },
      { username: 'admin', path: '/' },
    ];
    for (const u of users) {
      const cookie = await login(t.app, u.username);
      for (const f of filterSets()) {
        if (f.unit && !f.unit.path.startsWith(u.path === '/' ? '' : u.path)) continue;
        const expected = plain(u.path === '/' ? '' : u.path, f);
        const pageSize = 7;
        const pages = Math.max(1, Math.ceil(expected.length / pageSize)) + 1;
        const got: string[] = [];
        for (let page = 1; page <= pages; page += 1) {
          const res = await t.app.inject({
            method: 'GET',
            url: query(f, page, pageSize),
            headers: { cookie },
          });
          expect(res.statusCode, `${u.username} ${JSON.stringify(f)}`).toBe(200);
          const body = res.json();
          expect(body.total, `${u.username} ${JSON.stringify(f)}`).toBe(expected.length);
          got.push(...body.items.map((i: { id: string }) => i.id));
        }
        expect(got, `${u.username} ${JSON.stringify(f)}`).toEqual(expected.map((r) => r.id));
      }
    }
  });

  it('never shows a commune officer another commune’s records', async () => {
    const cookie = await login(t.app, 'commune_officer.a');
    const ids: string[] = [];
    for (let page = 1; page <= 3; page += 1) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/supports?page=${page}&pageSize=200&includeVoided=1`,
        headers: { cookie },
      });
      ids.push(...res.json().items.map((i: { id: string }) => i.id));
    }
    const theirs = stored.filter((r) => r.unit_path.startsWith(world.communeB.path));
    expect(theirs.length).toBeGreaterThan(0);
    expect(ids.length).toBe(plain(world.communeA.path, { includeVoided: true }).length);
    for (const r of theirs) expect(ids).not.toContain(r.id);
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/supports?unitId=${world.communeB.id}`,
      headers: { cookie },
    });
    expect(other.statusCode).toBe(404);
  });

  it('finds the same pages by the bounded walk of the newest records as by the plain sort', async () => {
    const scopes = [
      { scope: issueScope('district_officer', world.district), path: world.district.path },
      { scope: issueScope('commune_officer', world.communeA), path: world.communeA.path },
      { scope: issueScope('admin', null), path: '' },
    ];
    // walk 6: the floor is among the newest days, the page rarely full: the plain way behind it.
    // walk 25 / 60: some pages found by the walk, deeper ones by the plain way.
    // walk 100,000: more than all records (no floor), every page read by the walk.
    for (const walk of [6, 25, 60, 100_000]) {
      for (const { scope, path } of scopes) {
        for (const f of filterSets()) {
          if (f.unit && !f.unit.path.startsWith(path)) continue;
          const expected = plain(path, f);
          for (const [limit, offset] of [
            [5, 0],
            [5, 5],
            [20, 0],
            [7, 21],
            [3, expected.length - 2],
          ]) {
            if (offset < 0) continue;
            const { rows, total } = await listSupportRecords(
              t.db,
              scope,
              f,
              { limit, offset },
              { walk, from: 0 },
            );
            const label = `walk ${walk} ${path} ${JSON.stringify(f)} ${limit}/${offset}`;
            expect(total, label).toBe(expected.length);
            expect(
              rows.map((r) => r.id),
              label,
            ).toEqual(expected.slice(offset, offset + limit).map((r) => r.id));
          }
        }
      }
    }
  });
});
