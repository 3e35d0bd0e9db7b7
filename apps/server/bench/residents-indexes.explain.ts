/**
 * EXPLAIN of every query that could use residents_hamlet_idx or
 * residents_nid_idx (and the phone index, unchanged), on a registry of N residents, before (indexes of 20261128T130000) and after
 * the migration 20261128T150000_residents_write_indexes.
 */
import { sql } from 'kysely';
import { createDb } from '../src/db/db';
import { migrateToLatest } from '../src/db/migrate';
import * as m from '../src/db/migrations/20261128T150000_residents_write_indexes';

const kind = process.argv[2] as 'sqlite' | 'postgres';
const N = Number(process.argv[3] ?? 300000);
const target = process.argv[4];
const database =
  kind === 'sqlite'
    ? ({ dialect: 'sqlite', file: target } as const)
    : ({ dialect: 'postgres', url: target } as const);
const db = createDb(database);
const pg = kind === 'postgres';
const P = '/p/d/c3/'; // a commune
const H = '/p/d/c3/h07/'; // a hamlet
const prefix = (col: string, p: string) => (pg ? `${col} LIKE '${p}%'` : `${col} GLOB '${p}*'`);

const queries: [string, string][] = [
  [
    'import duplicate check (checkAgainstRegistry): commune + (names IN | phones IN | nids IN)',
    `SELECT r.id FROM residents r JOIN units hamlet ON hamlet.id = r.hamlet_id WHERE r.status = 'active' AND ${prefix('r.unit_path', P)} AND (r.full_name_folded IN ('nguyen van an','tran thi hoa') OR r.phone IN ('0912345678','0987654321') OR r.national_id_hash IN ('abc','def'))`,
  ],
  [
    'duplicate candidates of one resident (findDuplicateCandidates): commune + (name&year | phone | nid)',
    `SELECT r.id FROM residents r JOIN households ON households.id = r.household_id JOIN units hamlet ON hamlet.id = r.hamlet_id WHERE r.status = 'active' AND ${prefix('r.unit_path', P)} AND ((r.full_name_folded = 'nguyen van an' AND r.birth_year = 1980) OR r.phone = '0912345678' OR r.national_id_hash = 'abc') LIMIT 20`,
  ],
  [
    'duplicate candidates by phone only',
    `SELECT r.id FROM residents r WHERE r.status = 'active' AND ${prefix('r.unit_path', P)} AND (r.phone = '0912345678') LIMIT 20`,
  ],
  [
    'hamlet list (search in a hamlet, no text), by name',
    `SELECT r.id FROM residents r JOIN households ON households.id = r.household_id JOIN units hamlet ON hamlet.id = r.hamlet_id WHERE ${prefix('r.unit_path', H)} AND r.status = 'active' ORDER BY r.full_name_folded, r.full_name, r.id LIMIT 20`,
  ],
  [
    'search by phone digits in a commune',
    `SELECT r.id FROM residents r WHERE ${prefix('r.unit_path', P)} AND r.status = 'active' AND r.phone LIKE '%45678%' LIMIT 21`,
  ],
  [
    'coverage recount of residents per hamlet (kpi-counts recount)',
    `SELECT unit_path, sex, birth_year, count(*) FROM residents WHERE status <> 'merged' GROUP BY unit_path, sex, birth_year`,
  ],
];

async function explain(label: string) {
  console.log(`\n##### ${kind}, ${N} residents: ${label}`);
  for (const [name, q] of queries) {
    const res = await sql.raw(pg ? `EXPLAIN ${q}` : `EXPLAIN QUERY PLAN ${q}`).execute(db);
    const lines = (res.rows as Record<string, unknown>[]).map((r) =>
      pg ? String(r['QUERY PLAN']) : `${'  '.repeat(Number(r.parent) ? 1 : 0)}${String(r.detail)}`,
    );
    console.log(`\n-- ${name}\n${lines.join('\n')}`);
  }
}

async function main() {
  await migrateToLatest(db);
  const [{ n }] = (await sql<{ n: number }>`SELECT count(*) AS n FROM residents`.execute(db)).rows;
  if (Number(n) === 0) {
    if (pg) {
      await sql.raw(`SET session_replication_role = replica`).execute(db);
      await sql
        .raw(
          `INSERT INTO households (id, hamlet_id, unit_path, created_at, updated_at)
        SELECT 'hh' || g, 'h' || (g % 200), '/p/d/c' || (g % 10) || '/h' || lpad((g % 20)::text, 2, '0') || '/', 'x', 'x' FROM generate_series(1, ${N / 4}) g`,
        )
        .execute(db);
      await sql
        .raw(
          `INSERT INTO residents (id, household_id, hamlet_id, unit_path, full_name, full_name_folded, sex, birth_year, phone, national_id_hash, created_at, updated_at)
        SELECT 'r' || g, 'hh' || (g / 4 + 1), 'h' || (g % 200), '/p/d/c' || (g % 10) || '/h' || lpad(((g / 10) % 20)::text, 2, '0') || '/',
          'N ' || (g % 997), (ARRAY['nguyen','tran','le','pham'])[g % 4 + 1] || ' van ' || (g % 997), CASE WHEN g % 2 = 0 THEN 'male' ELSE 'female' END, 1930 + g % 90,
          CASE WHEN g % 10 < 3 THEN '09' || lpad(g::text, 8, '0') END, CASE WHEN g % 20 < 9 THEN md5(g::text) END, 'x', 'x'
        FROM generate_series(1, ${N}) g`,
        )
        .execute(db);
      await sql.raw(`SET session_replication_role = DEFAULT`).execute(db);
      await sql.raw(`ANALYZE residents`).execute(db);
      await sql.raw(`ANALYZE households`).execute(db);
    } else {
      await sql.raw(`PRAGMA foreign_keys = OFF`).execute(db);
      await sql
        .raw(
          `WITH RECURSIVE g(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM g WHERE g < ${N / 4})
        INSERT INTO households (id, hamlet_id, unit_path, created_at, updated_at)
        SELECT 'hh' || g, 'h' || (g % 200), '/p/d/c' || (g % 10) || '/h' || printf('%02d', g % 20) || '/', 'x', 'x' FROM g`,
        )
        .execute(db);
      await sql
        .raw(
          `WITH RECURSIVE g(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM g WHERE g < ${N})
        INSERT INTO residents (id, household_id, hamlet_id, unit_path, full_name, full_name_folded, sex, birth_year, phone, national_id_hash, created_at, updated_at)
        SELECT 'r' || g, 'hh' || (g / 4 + 1), 'h' || (g % 200), '/p/d/c' || (g % 10) || '/h' || printf('%02d', (g / 10) % 20) || '/',
          'N ' || (g % 997), (CASE g % 4 WHEN 0 THEN 'nguyen' WHEN 1 THEN 'tran' WHEN 2 THEN 'le' ELSE 'pham' END) || ' van ' || (g % 997),
          CASE WHEN g % 2 = 0 THEN 'male' ELSE 'female' END, 1930 + g % 90,
          CASE WHEN g % 10 < 3 THEN '09' || printf('%08d', g) END, CASE WHEN g % 20 < 9 THEN hex(randomblob(16)) END, 'x', 'x' FROM g`,
        )
        .execute(db);
      await sql.raw(`PRAGMA foreign_keys = ON`).execute(db);
    }
  }
  await explain('after 20261128T150000 (hamlet index dropped, nid partial)');
  await m.down(db as never);
  if (pg) await sql.raw(`ANALYZE residents`).execute(db);
  await explain('before (20261128T130000 indexes)');
  await m.up(db as never);
  if (pg) await sql.raw(`ANALYZE residents`).execute(db);
  await db.destroy();
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
