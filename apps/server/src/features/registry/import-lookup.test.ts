import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp, type TestApp } from '../../../test/app';
import { buildWorld, residentRow } from '../../../test/factories';
import { newId, nowIso } from '../../lib/ids';
import { registeredLookupPg, withBtreeLookups } from './import.service';
import { insertImportBatch } from './registry.repository';

// The import's check against the registry on PostgreSQL (`findRegistered`): 1,000 names, phones
// and ID hashes per query must go down the btrees. Once, in CI, the planner chose the trigram GIN
// index for `full_name_folded = ANY(…)` and each batch of names that share their trigrams
// ("pham van hong 1", "… 2", …) took 5–40 s instead of milliseconds; elsewhere it chose a
// sequential scan of the whole registry. SQLite has neither index kind: its lookup is covered by
// the import tests.

let t: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
const pg = process.env.TOSO_TEST_DB === 'postgres';

beforeAll(async () => {
  t = await setupTestApp();
  world = await buildWorld(t.db);
});
afterAll(async () => t.close());

describe.runIf(pg)('the import registry check on PostgreSQL', () => {
  const N = 6_000;
  const name = (i: number) => `pham van hong ${i}`;
  const phone = (i: number) => `0912${String(i).padStart(6, '0')}`;

  beforeAll(async () => {
    const now = nowIso();
    const hamlet = world.hamletA;
    const householdId = newId();
    const residents = Array.from({ length: N }, (_, i) =>
      residentRow(hamlet, householdId, `Phạm Văn Hồng ${i}`, {
        birth_year: 1950 + (i % 60),
        relation: i === 0 ? 'head' : 'other',
        phone: i % 3 === 0 ? phone(i) : null,
      }),
    );
    await t.db.transaction().execute(async (tx) => {
      await insertImportBatch(
        t.db,
        tx,
        [
          {
            id: householdId,
            hamlet_id: hamlet.id,
            unit_path: hamlet.path,
            address: '',
            address_folded: '',
            head_name: 'Phạm Văn Hồng 0',
            head_name_folded: name(0),
            phone: null,
            notes: '',
            is_demo: 0,
            created_at: now,
            updated_at: now,
          },
        ],
        residents,
      );
    });
    // Statistics that know the table: without the lookup's settings the planner then takes a
    // bitmap or sequential scan for 1,000 keys out of 6,000 rows.
    await sql`ANALYZE residents`.execute(t.db);
  });

  // Every third resident of the first 3,000 has a phone: half the names, a third of them by phone.
  const keys = {
    names: Array.from({ length: 1_000 }, (_, i) => name(i * 3)),
    phones: Array.from({ length: 1_000 }, (_, i) => phone(i * 3)),
    nids: ['not-a-real-hash'],
  };

  it('reads only btree indexes, whatever the statistics say', async () => {
    const plan = (
      await withBtreeLookups(t.db, (tx) =>
        registeredLookupPg(tx, world.communeA.path, keys).explain(),
      )
    )
      .map((row) => Object.values(row).join(' '))
      .join('\n');
    expect(plan).not.toMatch(/trgm|Bitmap|Seq Scan on residents/);
    expect(plan).toMatch(/residents_person_idx|residents_scope_name/);
  });

  it('finds exactly the residents of the commune that share a key, each once', async () => {
    const found = await withBtreeLookups(t.db, (tx) =>
      registeredLookupPg(tx, world.communeA.path, keys).execute(),
    );
    const expected = await sql<{ id: string }>`SELECT id FROM residents
      WHERE unit_path LIKE ${`${world.communeA.path}%`} AND status = 'active'
        AND (full_name_folded = ANY(${keys.names}::text[]) OR phone = ANY(${keys.phones}::text[]))`.execute(
      t.db,
    );
    expect(found.map((r) => r.id).sort()).toEqual(expected.rows.map((r) => r.id).sort());
    expect(found).toHaveLength(1_000);
    // Another commune's officer importing the same names finds nobody of commune A.
    const elsewhere = await withBtreeLookups(t.db, (tx) =>
      registeredLookupPg(tx, world.communeB.path, keys).execute(),
    );
    expect(elsewhere).toEqual([]);
  });
});
