import type { Executor } from '../../db/db';
import type { DecisionsTable } from '../../db/schema';
import type { Scope } from '../../lib/scope';
import { inScope } from '../../lib/sql';

export type DecisionRow = DecisionsTable;

export async function findDecisionInScope(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom('decisions')
    .leftJoin('files', 'files.id', 'decisions.scan_file_id')
    .selectAll('decisions')
    .select('files.mime as scan_mime')
    .where('decisions.id', '=', id)
    .where(inScope(scope, 'decisions.unit_path'))
    .executeTakeFirst();
}

/** The latest decision of each team (a draft, or the issued one). */
export async function latestDecisionsOfTeams(db: Executor, teamIds: string[]) {
  if (teamIds.length === 0) return new Map<string, DecisionRow>();
  const rows = await db
    .selectFrom('decisions')
    .selectAll()
    .where('team_id', 'in', teamIds)
    .orderBy('created_at', 'desc')
    .execute();
  const latest = new Map<string, DecisionRow>();
  for (const r of rows) if (!latest.has(r.team_id)) latest.set(r.team_id, r);
  return latest;
}

export async function usedNumbers(
  db: Executor,
  communeId: string,
  year: number,
  exceptId?: string,
) {
  let q = db
    .selectFrom('decisions')
    .select('number')
    .where('commune_id', '=', communeId)
    .where('year', '=', year);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.execute()).map((r) => Number(r.number));
}

export async function insertDecision(db: Executor, row: DecisionRow): Promise<void> {
  await db.insertInto('decisions').values(row).execute();
}

export async function updateDecision(
  db: Executor,
  id: string,
  changes: Partial<Omit<DecisionRow, 'id'>>,
): Promise<void> {
  await db.updateTable('decisions').set(changes).where('id', '=', id).execute();
}
