/**
 * Times a unit move on a kept dataset COPY: the commune with the most households is given another
 * district as parent and `moveSubtree` rewrites its records' paths and moves its kept counts, as the
 * unit list import does; then the transaction is rolled back (the copy is left as it was, but write
 * on a copy all the same). `--rebuild` also times a full rebuild of the KPI and coverage counts in
 * the same transaction, for comparison with the shift of the kept counts. `--reform`: the 2025 case
 * instead, every commune of the district with the most households moved directly under the province.
 *
 *   npx tsx apps/server/bench/unit-move.bench.ts --sqlite /tmp/<copy>.db [--rebuild]
 *   npx tsx apps/server/bench/unit-move.bench.ts --pg postgres://postgres@127.0.0.1:55433/<copy> [--rebuild]
 */
import { argv } from 'node:process';
import { cpuUsage } from 'node:process';
import type { DatabaseConfig } from '../src/config';
import { createDb } from '../src/db/db';
import { rebuildCoverageCounts } from '../src/features/dashboard/coverage-counts';
import { rebuildKpiCounts } from '../src/features/dashboard/kpi-counts';
import { moveSubtree } from '../src/features/units/unit-moves';

let database: DatabaseConfig | undefined;
let rebuild = false;
let reform = false;
for (let i = 2; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--sqlite') database = { dialect: 'sqlite', file: argv[++i] };
  else if (a === '--pg') database = { dialect: 'postgres', url: argv[++i] };
  else if (a === '--rebuild') rebuild = true;
  else if (a === '--reform') reform = true;
}
if (!database) throw new Error('--sqlite FILE or --pg URL');
const db = createDb(database);

/** The moves to make: [unit, its path, the new parent, the new path]. */
async function movesToMake() {
  if (reform) {
    const district = await db
      .selectFrom('units')
      .innerJoin('unit_coverage_counts as c', 'c.unit_id', 'units.id')
      .select(['units.id', 'units.name', 'units.parent_id', 'c.households'])
      .where('units.level', '=', 'district')
      .orderBy('c.households', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const province = await db
      .selectFrom('units')
      .select(['id', 'path'])
      .where('id', '=', district.parent_id ?? '')
      .executeTakeFirstOrThrow();
    const communes = await db
      .selectFrom('units')
      .select(['id', 'path'])
      .where('parent_id', '=', district.id)
      .execute();
    console.log(
      `moving the ${communes.length} communes of ${district.name} (${district.households} households) under the province`,
    );
    return communes.map((c) => ({
      ...c,
      parentId: province.id,
      newPath: `${province.path}${c.id}/`,
    }));
  }
  const commune = await db
    .selectFrom('units')
    .innerJoin('unit_coverage_counts as c', 'c.unit_id', 'units.id')
    .select(['units.id', 'units.name', 'units.path', 'units.parent_id', 'c.households'])
    .where('units.level', '=', 'commune')
    .orderBy('c.households', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const target = await db
    .selectFrom('units')
    .select(['id', 'name', 'path'])
    .where('level', '=', 'district')
    .where('id', '!=', commune.parent_id ?? '')
    .limit(1)
    .executeTakeFirstOrThrow();
  console.log(`moving ${commune.name} (${commune.households} households) under ${target.name}`);
  return [
    {
      id: commune.id,
      path: commune.path,
      parentId: target.id,
      newPath: `${target.path}${commune.id}/`,
    },
  ];
}
const moves = await movesToMake();

class Rollback extends Error {}
const timings: Record<string, number> = {};
const cpu0 = cpuUsage();
try {
  await db.transaction().execute(async (tx) => {
    let t0 = performance.now();
    const total: Record<string, number> = {};
    for (const m of moves) {
      await tx.updateTable('units').set({ parent_id: m.parentId }).where('id', '=', m.id).execute();
      const moved = await moveSubtree(tx, m.id, m.path, m.newPath);
      for (const [k, n] of Object.entries(moved)) if (n) total[k] = (total[k] ?? 0) + n;
    }
    timings.moveSeconds = (performance.now() - t0) / 1000;
    console.log('rows rewritten:', total);
    if (rebuild) {
      t0 = performance.now();
      await rebuildKpiCounts(tx);
      await rebuildCoverageCounts(tx);
      timings.rebuildKpiCoverageSeconds = (performance.now() - t0) / 1000;
    }
    throw new Rollback();
  });
} catch (e) {
  if (!(e instanceof Rollback)) throw e;
}
const cpu = cpuUsage(cpu0);
console.log({
  dialect: database.dialect,
  ...timings,
  nodeCpuSeconds: (cpu.user + cpu.system) / 1e6,
});
await db.destroy();
