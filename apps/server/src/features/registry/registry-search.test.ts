import { randomUUID } from 'node:crypto';
import { foldText } from '@toso/domain/text';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../../../test/app';
import { buildWorld } from '../../../test/factories';
// eslint-disable-next-line no-restricted-syntax -- the test builds the scopes the auth layer issues, to call the repository directly
import { issueScope, type Scope } from '../../lib/scope';
import type { ResidentsTable } from '../../db/schema';
import { rebuildCoverageCounts } from '../dashboard/coverage-counts';
import {
  probeDepth,
  searchResidents,
  SEARCH_COUNT_CAP,
  SEARCH_PROBES,
  type ProbeTuning,
} from './registry.repository';

// searchResidents picks how a name is matched from a probe of the scope (read the scope, or ask
// the trigram index); whichever it picks, the answer must be the same. A probe of 1 row forces the
// trigram index whenever the scope holds more than one row; a huge probe forces reading the scope.

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Đặng', 'Hoàng'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh'];
const GIVEN = ['Đức', 'Hoa', 'Lan', 'Khuê', 'Thắng', 'Yến', 'Ánh'];

beforeAll(async () => {
  t = await setupTestApp();
  world = await buildWorld(t.db);
  const hh = { A: randomUUID(), A2: randomUUID(), B: randomUUID() };
  const hamlets = { A: world.hamletA, A2: world.hamletA2, B: world.hamletB };
  const now = new Date().toISOString();
  await t.db
    .insertInto('households')
    .values(
      (['A', 'A2', 'B'] as const).map((k) => ({
        id: hh[k],
        hamlet_id: hamlets[k].id,
        unit_path: hamlets[k].path,
        address: 'Số 1',
        address_folded: 'so 1',
        head_name: 'Chủ hộ',
        head_name_folded: 'chu ho',
        phone: null,
        notes: '',
        is_demo: 0,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  const rows: ResidentsTable[] = [];
  const person = (
    k: 'A' | 'A2' | 'B',
    fullName: string,
    status = 'active',
    phone: string | null = null,
  ): ResidentsTable => ({
    id: randomUUID(),
    household_id: hh[k],
    hamlet_id: hamlets[k].id,
    unit_path: hamlets[k].path,
    full_name: fullName,
    full_name_folded: foldText(fullName),
    sex: null,
    birth_year: 1990,
    relation: 'other',
    phone,
    national_id_hash: null,
    national_id_last4: null,
    ethnicity: null,
    notes: '',
    status,
    merged_into_id: null,
    erased_at: null,
    is_demo: 0,
    created_at: now,
    updated_at: now,
  });
  let i = 0;
  for (const f of FAMILY)
    for (const m of MIDDLE)
      for (const g of GIVEN) {
        i += 1;
        const k = i % 3 === 0 ? 'B' : i % 3 === 1 ? 'A' : 'A2';
        // Phones: most start 0912, some 0389, a few none.
        const phone =
          i % 11 === 0
            ? null
            : `${i % 4 === 0 ? '0389' : '0912'}${String((i * 7919) % 1_000_000).padStart(6, '0')}`;
        rows.push(person(k, `${f} ${m} ${g}`, i % 17 === 0 ? 'erased' : 'active', phone));
      }
  // A name common enough to be capped in commune A, and decomposed (NFD) input stored as typed.
  for (let n = 0; n < SEARCH_COUNT_CAP + 30; n += 1)
    rows.push(
      person(
        n % 2 ? 'A' : 'A2',
        `Phạm Văn Mẫu ${n}`,
        n === 1 ? 'erased' : 'active',
        `03895${String(n).padStart(5, '0')}`,
      ),
    );
  // As many in commune B, whose path sorts after commune A's: its walk beyond the cap must start
  // at its own path, not at the registry's first (PostgreSQL walks the scope's path range).
  for (let n = 0; n < SEARCH_COUNT_CAP + 30; n += 1)
    rows.push(person('B', `Phạm Văn Mẫu ${n}`, n % 50 === 7 ? 'erased' : 'active'));
  // The same folded name written 30 ways in hamlet A ("pham van mau" sorts before "pham van mau
  // 0"): a page boundary of the walk beyond the cap falls inside these ties.
  const accents = ['Mẫu', 'Mầu', 'Mậu', 'Mấu', 'Mẩu', 'Mau'];
  for (let n = 0; n < 30; n += 1)
    rows.push(person('A', `${n % 2 ? 'PHẠM' : 'Phạm'} ${n % 3 ? 'Văn' : 'Vản'} ${accents[n % 6]}`));
  rows.push(person('A', 'Đỗ Thị Khuê'.normalize('NFD')));
  // Names outside a–z, 0–9 and spaces once folded, or shorter than 3 characters.
  rows.push(
    person('A', "H'Nhi Niê"),
    person('A2', 'Lý'),
    person('A', 'Hà Thị Ly'),
    person('A', 'Mlô Xuyk-Bơ'), // "yk" is followed by a hyphen only
    // Letters no Vietnamese name has (f, j, w, z): searched through residents_rare_letters.
    person('A', 'Zơ Râm Wi'),
    person('A2', 'Ksor Zuan'),
    person('B', 'Siu Zơ'),
  );
  for (let n = 0; n < rows.length; n += 200)
    await t.db
      .insertInto('residents')
      .values(rows.slice(n, n + 200))
      .execute();
  // The kept household counts (the probe's depth reads them), before any search reads them.
  await rebuildCoverageCounts(t.db);
});
afterAll(async () => t.close());

const dialect = () => t.config.database.dialect;

async function both(scope: Scope, q: string, page = { limit: 20, offset: 0 }) {
  const f = { folded: foldText(q), dialect: dialect() };
  const trigram = await searchResidents(t.db, scope, f, page, 1);
  const scan = await searchResidents(t.db, scope, f, page, 1_000_000);
  // A probe reading all but a few rows of commune A (1,129 people, 1,030 "Mẫu"): a common name
  // passes the cap in it ("1,000 or more" without reading further).
  const partial = await searchResidents(t.db, scope, f, page, 1_120);
  // With another filter the probe's own matches are not the answer: the scope is read again
  // (every row has birth year 1990).
  const filteredScan = await searchResidents(
    t.db,
    scope,
    { ...f, birthYear: 1990 },
    page,
    1_000_000,
  );
  expect(partial, `${q} partial probe`).toEqual(scan);
  // The probe the search takes by itself (shorter above a commune on PostgreSQL).
  expect(await searchResidents(t.db, scope, f, page), `${q} default probe`).toEqual(scan);
  // Probes just under, at and just over the scope's size (every row of it, any status); and one of
  // 300 rows, where "mau" (more than 200 of them) makes PostgreSQL read on to the cap from the
  // scope's index: capped in commune A and B, the hamlet's 515 exactly.
  const size = await scopeSize(scope);
  for (const probe of [300, size - 1, size, size + 1]) {
    const around = await searchResidents(t.db, scope, f, page, Math.max(1, probe));
    expect(around, `${q} probe ${probe} of ${size}`).toEqual(scan);
  }
  expect(filteredScan, `${q} filtered`).toEqual(scan);
  return { trigram, scan };
}

const ids = (r: { rows: { id: string }[] }) => r.rows.map((x) => x.id);

async function scopeSize(scope: Scope) {
  const all = await t.db.selectFrom('residents').select('unit_path').execute();
  return all.filter((r) => scope.all || r.unit_path.startsWith(scope.path)).length;
}

async function bothPhone(scope: Scope, digits: string, page = { limit: 20, offset: 0 }) {
  const f = { phoneDigits: digits, dialect: dialect() };
  const trigram = await searchResidents(t.db, scope, f, page, 1);
  const scan = await searchResidents(t.db, scope, f, page, 1_000_000);
  // The probe's own ids are taken only without other filters: every row has birth year 1990, so
  // this reads the scope with the filter instead.
  const filteredScan = await searchResidents(
    t.db,
    scope,
    { ...f, birthYear: 1990 },
    page,
    1_000_000,
  );
  return { trigram, scan, filteredScan };
}

describe('name search: the trigram index and the scope scan agree', () => {
  const scopes = () => ({
    commune: issueScope('commune_officer', world.communeA),
    communeB: issueScope('commune_officer', world.communeB),
    hamlet: issueScope('team_member', world.hamletA),
    district: issueScope('district_officer', world.district),
    all: issueScope('admin', null),
  });
  const queries = [
    'nguyen',
    'van d',
    'thi',
    'ng',
    'y',
    'khue',
    'Khuê',
    'đuc',
    'DUC',
    'zz',
    'zy',
    'an',
    'uc',
    'oa',
    'n ',
    'ly',
    'hn',
    'yk',
    "h'",
    '10',
    'mau 10',
    'mau',
    // One letter, and letters no Vietnamese name has: "f" and "j" match nobody.
    'z',
    'f',
    'j',
    'w',
    'zo',
    'zu',
    'o r',
    'a',
  ];

  for (const q of queries) {
    it(`"${q}" gives the same page and total either way, inside the scope only`, async () => {
      const all = await t.db
        .selectFrom('residents')
        .select(['full_name_folded', 'unit_path', 'status'])
        .execute();
      for (const [name, scope] of Object.entries(scopes())) {
        // The total against a plain reading of every row.
        const n = all.filter(
          (r) =>
            r.status === 'active' &&
            (scope.all || r.unit_path.startsWith(scope.path)) &&
            r.full_name_folded.includes(foldText(q)),
        ).length;
        const first = await both(scope, q);
        expect(first.scan.total, `${name} total`).toBe(Math.min(n, SEARCH_COUNT_CAP));
        expect(first.scan.isCapped, `${name} capped`).toBe(n > SEARCH_COUNT_CAP);
        for (const offset of [0, 20]) {
          const { trigram, scan } = await both(scope, q, { limit: 20, offset });
          expect(trigram.total, `${name} ${offset}`).toBe(scan.total);
          expect(trigram.isCapped, `${name} ${offset}`).toBe(scan.isCapped);
          expect(ids(trigram), `${name} ${offset}`).toEqual(ids(scan));
          const folded = foldText(q);
          for (const r of trigram.rows) {
            expect(r.full_name_folded).toContain(folded);
            expect(r.status).toBe('active');
            if (!scope.all) expect(r.unit_path.startsWith(scope.path)).toBe(true);
          }
        }
      }
    });
  }

  it('counts exactly up to the cap and says "more" beyond it', async () => {
    const { commune, hamlet } = scopes();
    const all = await t.db
      .selectFrom('residents')
      .select(['full_name_folded', 'unit_path', 'status'])
      .execute();
    const expected = (scope: Scope, q: string) =>
      all.filter(
        (r) =>
          r.status === 'active' &&
          r.unit_path.startsWith(scope.path) &&
          r.full_name_folded.includes(foldText(q)),
      ).length;
    for (const q of ['thi', 'khue', 'mau 1', 'duc']) {
      const { trigram } = await both(commune, q);
      expect(trigram.total).toBe(Math.min(expected(commune, q), SEARCH_COUNT_CAP));
    }
    const many = await both(commune, 'mau');
    expect(expected(commune, 'mau')).toBeGreaterThan(SEARCH_COUNT_CAP);
    expect(many.trigram).toMatchObject({ total: SEARCH_COUNT_CAP, isCapped: true });
    // The hamlet holds fewer than the cap: counted exactly.
    const few = await both(hamlet, 'mau');
    expect(few.trigram).toMatchObject({ total: expected(hamlet, 'mau'), isCapped: false });
    // Decomposed input and Đ/đ: the NFD-stored "Khuê" is found by "khue" and "KHUÊ".
    const nfd = await both(commune, 'KHUÊ'.normalize('NFD'));
    expect(nfd.trigram.rows.map((r) => r.full_name.normalize('NFC'))).toContain('Đỗ Thị Khuê');
    expect(ids(nfd.trigram)).toEqual(ids(nfd.scan));
  });

  it('beyond the cap, every page is the walk in (unit path, folded name, name, id) order', async () => {
    // The reference: every match read and sorted by the database (unit paths bytewise on both).
    const reference = async (scope: Scope, q: string, offset: number) => {
      const order = dialect() === 'postgres' ? sql`unit_path USING ~<~` : sql`unit_path`;
      const res = await sql<{ id: string }>`SELECT id FROM residents
        WHERE status = 'active' AND full_name_folded LIKE ${`%${foldText(q)}%`}
          AND ${scope.all ? sql`1 = 1` : sql`unit_path LIKE ${`${scope.path}%`}`}
        ORDER BY ${order}, full_name_folded, full_name, id LIMIT 20 OFFSET ${offset}`.execute(t.db);
      return res.rows.map((r) => r.id);
    };
    const { commune, all } = scopes();
    for (const [scope, q] of [
      [commune, 'mau'],
      [commune, 'pham van'],
      [all, 'mau'],
      [all, 'a'],
    ] as const)
      for (const offset of [0, 20, 40, 500, 1000]) {
        const page = { limit: 20, offset };
        const got = await searchResidents(t.db, scope, { folded: q, dialect: dialect() }, page);
        expect(got.isCapped, `${q} ${offset}`).toBe(true);
        expect(ids(got), `${q} ${offset}`).toEqual(await reference(scope, q, offset));
        const forced = await searchResidents(
          t.db,
          scope,
          { folded: q, dialect: dialect() },
          page,
          1,
        );
        expect(ids(forced), `${q} ${offset} trigram`).toEqual(ids(got));
      }
  });

  it('a hamlet chosen inside the scope (unitPath) gives the same answer either way', async () => {
    const { commune, all } = scopes();
    const rows = await t.db
      .selectFrom('residents')
      .select(['full_name_folded', 'unit_path', 'status'])
      .execute();
    for (const scope of [commune, all])
      for (const q of ['mau', 'khue', 'van d', 'thi']) {
        const f = { folded: q, unitPath: world.hamletA2.path, dialect: dialect() };
        const page = { limit: 20, offset: 0 };
        const trigram = await searchResidents(t.db, scope, f, page, 1);
        const scan = await searchResidents(t.db, scope, f, page, 1_000_000);
        const n = rows.filter(
          (r) =>
            r.status === 'active' &&
            r.unit_path.startsWith(world.hamletA2.path) &&
            r.full_name_folded.includes(q),
        ).length;
        expect(scan.total, q).toBe(Math.min(n, SEARCH_COUNT_CAP));
        expect(trigram, q).toEqual(scan);
        for (const r of trigram.rows)
          expect(r.unit_path.startsWith(world.hamletA2.path)).toBe(true);
      }
  });

  it('a birth year alone, in each scope and in a hamlet of it, counts the scope exactly', async () => {
    const rows = await t.db.selectFrom('residents').select(['unit_path', 'status']).execute();
    const { commune, communeB, district, hamlet, all } = scopes();
    for (const scope of [commune, communeB, district, hamlet, all])
      for (const unitPath of [undefined, world.hamletA2.path, world.hamletB.path]) {
        const got = await searchResidents(
          t.db,
          scope,
          { birthYear: 1990, unitPath, dialect: dialect() },
          { limit: 20, offset: 0 },
        );
        const n = rows.filter(
          (r) =>
            r.status === 'active' &&
            scope.contains(r.unit_path) &&
            (!unitPath || r.unit_path.startsWith(unitPath)),
        ).length;
        expect(got.total, `${scope.path} ${unitPath}`).toBe(Math.min(n, SEARCH_COUNT_CAP));
        expect(got.isCapped).toBe(n > SEARCH_COUNT_CAP);
        for (const r of got.rows) expect(scope.contains(r.unit_path)).toBe(true);
      }
  });

  it('a name in another commune is never found', async () => {
    const b = await t.db
      .selectFrom('residents')
      .select('full_name_folded')
      .where('unit_path', 'like', `${world.hamletB.path}%`)
      .executeTakeFirstOrThrow();
    const { trigram, scan } = await both(scopes().commune, b.full_name_folded);
    for (const r of [...trigram.rows, ...scan.rows])
      expect(r.unit_path.startsWith(world.communeA.path)).toBe(true);
  });
});

describe("phone-digit search: the phones' trigram index and the scope scan agree", () => {
  const scopes = () => ({
    commune: issueScope('commune_officer', world.communeA),
    communeB: issueScope('commune_officer', world.communeB),
    hamlet: issueScope('team_member', world.hamletA),
    all: issueScope('admin', null),
  });
  const expected = async (scope: Scope, digits: string) =>
    (
      await t.db
        .selectFrom('residents')
        .select(['phone', 'unit_path', 'status'])
        .where('phone', 'is not', null)
        .execute()
    ).filter(
      (r) =>
        r.status === 'active' &&
        (scope.all || r.unit_path.startsWith(scope.path)) &&
        r.phone!.includes(digits),
    ).length;

  for (const digits of ['0912', '0389', '091', '09', '7', '03895', '0389500', '00001', '555555']) {
    it(`"${digits}" gives the same page and total either way, exact up to the cap`, async () => {
      for (const [name, scope] of Object.entries(scopes())) {
        for (const offset of [0, 20]) {
          const { trigram, scan, filteredScan } = await bothPhone(scope, digits, {
            limit: 20,
            offset,
          });
          expect(filteredScan, `${name} ${offset}`).toEqual(scan);
          expect(trigram.total, `${name} ${offset}`).toBe(scan.total);
          expect(trigram.isCapped, `${name} ${offset}`).toBe(scan.isCapped);
          expect(ids(trigram), `${name} ${offset}`).toEqual(ids(scan));
          for (const r of trigram.rows) {
            expect(r.phone).toContain(digits);
            expect(r.status).toBe('active');
            if (!scope.all) expect(r.unit_path.startsWith(scope.path)).toBe(true);
          }
        }
        const n = await expected(scope, digits);
        const { trigram } = await bothPhone(scope, digits);
        expect(trigram.total, name).toBe(Math.min(n, SEARCH_COUNT_CAP));
        expect(trigram.isCapped, name).toBe(n > SEARCH_COUNT_CAP);
      }
    });
  }

  it('follows a changed phone (the index is kept up to date) and never leaves the scope', async () => {
    const commune = scopes().commune;
    const a = await t.db
      .selectFrom('residents')
      .select(['id', 'phone'])
      .where('unit_path', 'like', `${world.hamletA.path}%`)
      .where('status', '=', 'active')
      .where('phone', 'like', '0912%')
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable('residents')
      .set({ phone: '0977123456' })
      .where('id', '=', a.id)
      .execute();
    const found = await bothPhone(commune, '7712345');
    expect(ids(found.trigram)).toEqual([a.id]);
    expect(ids(found.scan)).toEqual([a.id]);
    const old = await bothPhone(commune, a.phone!);
    expect(ids(old.trigram)).not.toContain(a.id);
    // A phone of commune B is not found by commune A's officer.
    const b = await t.db
      .selectFrom('residents')
      .select('phone')
      .where('unit_path', 'like', `${world.hamletB.path}%`)
      .where('phone', 'is not', null)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    const { trigram, scan } = await bothPhone(commune, b.phone!);
    for (const r of [...trigram.rows, ...scan.rows])
      expect(r.unit_path.startsWith(world.communeA.path)).toBe(true);
    expect(
      (await bothPhone(issueScope('admin', null), b.phone!)).trigram.rows.map((r) => r.phone),
    ).toContain(b.phone);
    await t.db.updateTable('residents').set({ phone: a.phone }).where('id', '=', a.id).execute();
  });
});

describe('a commune large by its kept household count: the shorter probe, the same answers', () => {
  // The probe's depth by the scope's size (PostgreSQL): commune A is made "large" by a threshold
  // just under its kept household count, and its large probe is 300 names (of 1,129 people) or 40
  // phones, so that the probe reads part of it and decides (read on, trigram index, capped).
  const keptHouseholds = async () =>
    Number(
      (
        await t.db
          .selectFrom('unit_coverage_counts')
          .select('households')
          .where('unit_id', '=', world.communeA.id)
          .executeTakeFirstOrThrow()
      ).households,
    );
  const tuning = async (above: number): Promise<ProbeTuning> => ({
    ...SEARCH_PROBES,
    largeProbeRows: 300,
    largePhoneProbeRows: 40,
    largeHouseholds: (await keptHouseholds()) + above,
  });

  it('takes the large probe only above the threshold, and only on PostgreSQL', async () => {
    const commune = issueScope('commune_officer', world.communeA);
    const hamlet = issueScope('team_member', world.hamletA);
    const district = issueScope('district_officer', world.district);
    const f = { folded: 'mau', dialect: dialect() };
    const pg = dialect() === 'postgres';
    expect(await keptHouseholds()).toBeGreaterThan(0);
    expect(await probeDepth(t.db, commune, f, 'name', await tuning(-1))).toBe(pg ? 300 : 20_000);
    expect(await probeDepth(t.db, commune, f, 'phone', await tuning(-1))).toBe(pg ? 40 : 10_000);
    expect(await probeDepth(t.db, commune, f, 'name', await tuning(0))).toBe(20_000);
    // A hamlet chosen inside the large commune is read as small; a district is large by role.
    const chosen = { ...f, unitPath: world.hamletA.path };
    expect(await probeDepth(t.db, commune, chosen, 'name', await tuning(-1))).toBe(20_000);
    expect(await probeDepth(t.db, hamlet, f, 'name', await tuning(-1))).toBe(20_000);
    expect(await probeDepth(t.db, district, f, 'name', await tuning(0))).toBe(pg ? 300 : 20_000);
    // The defaults: a commune of a few households is small.
    expect(await probeDepth(t.db, commune, f, 'name')).toBe(SEARCH_PROBES.probeRows);
  });

  it('names: every page equals a plain reading, beyond the cap and across ties', async () => {
    const commune = issueScope('commune_officer', world.communeA);
    const large = await tuning(-1);
    const all = await t.db
      .selectFrom('residents')
      .select(['full_name_folded', 'unit_path', 'status'])
      .execute();
    // The reference: every match read and sorted by the database (unit paths bytewise on both).
    const reference = async (q: string, offset: number, capped: boolean) => {
      const path = dialect() === 'postgres' ? sql`unit_path USING ~<~` : sql`unit_path`;
      const res = await sql<{ id: string }>`SELECT id FROM residents
        WHERE status = 'active' AND full_name_folded LIKE ${`%${q}%`}
          AND unit_path LIKE ${`${world.communeA.path}%`}
        ORDER BY ${capped ? sql`${path}, ` : sql``}full_name_folded, full_name, id
        LIMIT 20 OFFSET ${offset}`.execute(t.db);
      return res.rows.map((r) => r.id);
    };
    // "mau": capped in the commune (its probe of 300 finds it frequent: read on); "pham van": the
    // same, with 30 names folding to "pham van mau" across a page boundary; "thi", "van d",
    // "khue", "mau 10", "ng": rarer, through the trigram index (or its two-letter form).
    for (const q of ['mau', 'pham van', 'thi', 'van d', 'khue', 'mau 10', 'ng', 'a'])
      for (const offset of [0, 20, 40, 500, 1000]) {
        const page = { limit: 20, offset };
        const f = { folded: q, dialect: dialect() };
        const got = await searchResidents(t.db, commune, f, page, undefined, large);
        const scan = await searchResidents(t.db, commune, f, page, 1_000_000);
        expect(got, `${q} ${offset}`).toEqual(scan);
        const n = all.filter(
          (r) =>
            r.status === 'active' &&
            r.unit_path.startsWith(world.communeA.path) &&
            r.full_name_folded.includes(q),
        ).length;
        expect(got.total, `${q} total`).toBe(Math.min(n, SEARCH_COUNT_CAP));
        expect(got.isCapped, `${q} capped`).toBe(n > SEARCH_COUNT_CAP);
        // Beyond the cap the walk's order; within it the matches' (folded name, name, id).
        expect(ids(got), `${q} ${offset}`).toEqual(await reference(q, offset, got.isCapped));
      }
  });

  it('phones: the same page and total as reading the commune', async () => {
    const commune = issueScope('commune_officer', world.communeA);
    const large = await tuning(-1);
    for (const digits of ['0912', '0389', '03895', '00001', '555555'])
      for (const offset of [0, 20]) {
        const page = { limit: 20, offset };
        const f = { phoneDigits: digits, dialect: dialect() };
        const got = await searchResidents(t.db, commune, f, page, undefined, large);
        const scan = await searchResidents(t.db, commune, f, page, 1_000_000);
        expect(got, `${digits} ${offset}`).toEqual(scan);
      }
  });
});
