import type { Executor } from '../../db/db';
import { upsertDeltas } from '../../lib/upsert-deltas';

// Coverage counts kept per unit for the dashboard (architecture rule 6): the registry's
// households, the hamlets with an established team and the households in the hamlets' active chat
// groups, for the hamlet and every unit above it, changed in the transaction of the write that
// changes them. So a province's coverage is one row, whatever the number of households.
// Writes that keep them: insertHouseholds (create, import, demo) and updateHousehold (a move to
// another hamlet) in the registry repository, insertTeam/updateTeam (establish, dissolve…) in the
// teams repository, insertChatGroup/updateChatGroup in the chat groups repository. Bulk writers that
// write rows directly (the demo seed, the province generator) call `rebuildCoverageCounts` once.

export interface CoverageCounts {
  households: number;
  hamletsWithTeam: number;
  householdsJoined: number;
}

type Deltas = Map<string, CoverageCounts>;

const ancestors = (path: string) => path.split('/').filter(Boolean);
const zero = (): CoverageCounts => ({ households: 0, hamletsWithTeam: 0, householdsJoined: 0 });

function add(d: Deltas, path: string, c: CoverageCounts, sign: 1 | -1) {
  for (const unit of ancestors(path)) {
    const cur = d.get(unit) ?? zero();
    cur.households += sign * c.households;
    cur.hamletsWithTeam += sign * c.hamletsWithTeam;
    cur.householdsJoined += sign * c.householdsJoined;
    d.set(unit, cur);
  }
}

/** Adds the deltas to the kept rows (`upsertDeltas`: multi-row upserts in key order). */
async function apply(tx: Executor, d: Deltas) {
  await upsertDeltas(
    tx,
    'unit_coverage_counts',
    ['unit_id'],
    ['households', 'hamlets_with_team', 'households_joined'],
    [...d].map(([unit_id, c]) => ({
      unit_id,
      households: c.households,
      hamlets_with_team: c.hamletsWithTeam,
      households_joined: c.householdsJoined,
    })),
  );
}

/** What some hamlets contribute now (three grouped reads; units that are not hamlets left out). */
async function hamletStates(tx: Executor, hamletIds: readonly string[]) {
  const out = new Map<string, { path: string; c: CoverageCounts }>();
  const ids = [...new Set(hamletIds)];
  if (ids.length === 0) return out;
  const units = await tx
    .selectFrom('units')
    .select(['id', 'path'])
    .where('id', 'in', ids)
    .where('level', '=', 'hamlet')
    .execute();
  for (const u of units) out.set(u.id, { path: u.path, c: zero() });
  if (units.length === 0) return out;
  const hamlets = units.map((u) => u.id);
  const households = await tx
    .selectFrom('households')
    .select('hamlet_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('hamlet_id', 'in', hamlets)
    .groupBy('hamlet_id')
    .execute();
  for (const r of households) out.get(r.hamlet_id)!.c.households = Number(r.n);
  const teams = await tx
    .selectFrom('teams')
    .select('hamlet_id')
    .distinct()
    .where('hamlet_id', 'in', hamlets)
    .where('status', '=', 'established')
    .execute();
  for (const r of teams) out.get(r.hamlet_id)!.c.hamletsWithTeam = 1;
  const joined = await tx
    .selectFrom('chat_groups')
    .select('unit_id')
    .select((eb) => eb.fn.sum<number>('households_joined').as('n'))
    .where('unit_id', 'in', hamlets)
    .where('is_active', '=', 1)
    .groupBy('unit_id')
    .execute();
  for (const r of joined) out.get(r.unit_id)!.c.householdsJoined = Number(r.n);
  return out;
}

/**
 * Runs a write that may change what some hamlets contribute (their households, whether they have
 * an established team, their chat groups) and moves the kept counts by the difference, in the
 * same transaction.
 */
export async function keepCoverageCounts<T>(
  tx: Executor,
  hamletIds: readonly string[],
  write: () => Promise<T>,
): Promise<T> {
  const before = await hamletStates(tx, hamletIds);
  const result = await write();
  const after = await hamletStates(tx, hamletIds);
  const d: Deltas = new Map();
  for (const s of before.values()) add(d, s.path, s.c, -1);
  for (const s of after.values()) add(d, s.path, s.c, 1);
  await apply(tx, d);
  return result;
}

/** Counts households just inserted (each under its hamlet's path). */
export async function countNewHouseholds(
  tx: Executor,
  rows: readonly { unit_path: string }[],
): Promise<void> {
  const d: Deltas = new Map();
  for (const r of rows) add(d, r.unit_path, { ...zero(), households: 1 }, 1);
  await apply(tx, d);
}

/** The counts recomputed from the rows (for rebuilds and for tests that compare). */
export async function recountCoverage(tx: Executor): Promise<Map<string, CoverageCounts>> {
  const d: Deltas = new Map();
  const households = await tx
    .selectFrom('households')
    .select('unit_path')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy('unit_path')
    .execute();
  for (const r of households) add(d, r.unit_path, { ...zero(), households: Number(r.n) }, 1);
  const teams = await tx
    .selectFrom('teams')
    .innerJoin('units', 'units.id', 'teams.hamlet_id')
    .select('units.path')
    .distinct()
    .where('teams.status', '=', 'established')
    .where('units.level', '=', 'hamlet')
    .execute();
  for (const r of teams) add(d, r.path, { ...zero(), hamletsWithTeam: 1 }, 1);
  const joined = await tx
    .selectFrom('chat_groups')
    .innerJoin('units', 'units.id', 'chat_groups.unit_id')
    .select('units.path')
    .select((eb) => eb.fn.sum<number>('chat_groups.households_joined').as('n'))
    .where('chat_groups.is_active', '=', 1)
    .where('units.level', '=', 'hamlet')
    .groupBy('units.path')
    .execute();
  for (const r of joined) add(d, r.path, { ...zero(), householdsJoined: Number(r.n) }, 1);
  for (const [k, c] of d)
    if (c.households === 0 && c.hamletsWithTeam === 0 && c.householdsJoined === 0) d.delete(k);
  return d;
}

/** The kept counts as they stand, in the shape of `recountCoverage` (all-zero rows left out). */
export async function keptCoverage(tx: Executor): Promise<Map<string, CoverageCounts>> {
  const out = new Map<string, CoverageCounts>();
  for (const r of await tx.selectFrom('unit_coverage_counts').selectAll().execute()) {
    const c = {
      households: Number(r.households),
      hamletsWithTeam: Number(r.hamlets_with_team),
      householdsJoined: Number(r.households_joined),
    };
    if (c.households !== 0 || c.hamletsWithTeam !== 0 || c.householdsJoined !== 0)
      out.set(r.unit_id, c);
  }
  return out;
}

/** Replaces the kept counts by a recount (bulk writers that write rows directly). */
export async function rebuildCoverageCounts(tx: Executor): Promise<void> {
  const d = await recountCoverage(tx);
  await tx.deleteFrom('unit_coverage_counts').execute();
  await apply(tx, d);
}

/** The kept counts of some units (zeros for a unit without a row). */
export async function coverageCountsOf(
  db: Executor,
  unitIds: readonly string[],
): Promise<Map<string, CoverageCounts>> {
  const out = new Map<string, CoverageCounts>(unitIds.map((id) => [id, zero()]));
  if (unitIds.length === 0) return out;
  const rows = await db
    .selectFrom('unit_coverage_counts')
    .selectAll()
    .where('unit_id', 'in', [...unitIds])
    .execute();
  for (const r of rows)
    out.set(r.unit_id, {
      households: Number(r.households),
      hamletsWithTeam: Number(r.hamlets_with_team),
      householdsJoined: Number(r.households_joined),
    });
  return out;
}
