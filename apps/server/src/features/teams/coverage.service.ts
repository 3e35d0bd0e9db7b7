import { daysBetween, type CoverageDto } from '@toso/domain/teams';
import type { Db } from '../../db/db';
import { todayInVietnam } from '../../lib/ids';
import { inScope, startsWith } from '../../lib/sql';
import type { Actor } from '../../plugins/auth';
import { effectiveSettings } from '../settings/settings.service';
import { getUnitInScope } from '../units/units.service';
import { listTeamsForActor } from './teams.service';

type CommuneRow = CoverageDto['communes'][number];

/** Which hamlets have an established team, one awaiting its decision, or none; late communes first. */
export async function getCoverage(db: Db, actor: Actor, unitId?: string): Promise<CoverageDto> {
  const unit = await getUnitInScope(
    db,
    actor.scope,
    unitId ?? actor.scope.unitId ?? (await rootId(db, actor)),
  );
  const today = todayInVietnam();
  const settings = await effectiveSettings(db, unit.path);
  const deadline = settings.establishmentDeadline;
  const units = await db
    .selectFrom('units')
    .select(['id', 'name', 'code', 'level', 'parent_id', 'name_folded'])
    .where(startsWith('units.path', unit.path))
    .where(inScope(actor.scope, 'units.path'))
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', today)]))
    .where('level', 'in', ['commune', 'hamlet'])
    .execute();
  const summaries = (
    await listTeamsForActor(db, actor, { unitId: unit.id, page: 1, pageSize: 100000 })
  ).items.filter((t) => t.status !== 'dissolved');
  const byHamlet = new Map<string, typeof summaries>();
  for (const t of summaries) byHamlet.set(t.hamletId, [...(byHamlet.get(t.hamletId) ?? []), t]);

  const communes: CommuneRow[] = units
    .filter((u) => u.level === 'commune')
    .map((c) => {
      const hamletRows = units
        .filter((h) => h.level === 'hamlet' && h.parent_id === c.id)
        .sort((a, b) => a.name_folded.localeCompare(b.name_folded))
        .map((h) => {
          const teams = byHamlet.get(h.id) ?? [];
          const established = teams.find((t) => t.status === 'established');
          const team = established ?? teams[0] ?? null;
          const state = established ? 'established' : team ? 'awaiting' : 'none';
          const isLate = established
            ? (established.establishedOn ?? '') > deadline
            : today > deadline;
          return {
            hamletId: h.id,
            hamletName: h.name,
            state,
            teamId: team?.id ?? null,
            teamName: team?.name ?? null,
            establishedOn: established?.establishedOn ?? null,
            isLate,
            compositionComplete: team ? team.composition.isComplete : null,
            decisionStatus: team?.decision?.status ?? null,
          } as const;
        });
      const count = (s: string) => hamletRows.filter((r) => r.state === s).length;
      const establishedLate = hamletRows.filter(
        (r) => r.state === 'established' && r.isLate,
      ).length;
      return {
        communeId: c.id,
        communeName: c.name,
        code: c.code,
        hamlets: hamletRows.length,
        established: count('established'),
        establishedLate,
        awaiting: count('awaiting'),
        none: count('none'),
        failingComposition: hamletRows.filter((r) => r.compositionComplete === false).length,
        isLate: hamletRows.some((r) => r.isLate),
        hamletRows,
      };
    })
    .sort(
      (a, b) =>
        Number(b.isLate) - Number(a.isLate) ||
        b.none + b.awaiting - (a.none + a.awaiting) ||
        (a.code ?? '').localeCompare(b.code ?? ''),
    );
  const sum = (
    k: 'hamlets' | 'established' | 'establishedLate' | 'awaiting' | 'none' | 'failingComposition',
  ) => communes.reduce((s, c) => s + c[k], 0);
  return {
    unitId: unit.id,
    unitName: unit.name,
    deadline,
    today,
    daysLeft: daysBetween(today, deadline),
    totals: {
      hamlets: sum('hamlets'),
      established: sum('established'),
      establishedLate: sum('establishedLate'),
      awaiting: sum('awaiting'),
      none: sum('none'),
      failingComposition: sum('failingComposition'),
      isLate: communes.some((c) => c.isLate),
    },
    communes,
  };
}

async function rootId(db: Db, actor: Actor): Promise<string> {
  const root = await db
    .selectFrom('units')
    .select('id')
    .where('parent_id', 'is', null)
    .where(inScope(actor.scope, 'units.path'))
    .orderBy('code')
    .executeTakeFirst();
  return root?.id ?? '00000000-0000-7000-8000-000000000000';
}
