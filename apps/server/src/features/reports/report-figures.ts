// The figures of a report, computed from the records: supports per indicator against target,
// households in the chat groups, members trained.
import type { Outcome } from '@toso/domain/platforms';
import { aggregateFigures, type ReportFigures } from '@toso/domain/reports';
import type { Executor } from '../../db/db';
import { startsWith } from '../../lib/sql';
import { progressOf } from '../supports/supports.service';

import { systemActor } from '../../lib/system-actor';
import { trainedMembersByUnit } from '../trainings/training-coverage.service';
interface UnitRef {
  id: string;
  path: string;
  level: string;
}

/**
 * Members of the unit's teams trained (on any topic) by the end of the period and still active
 * then. The caller has already checked the report's unit against the user's scope, so the figure
 * is read with the system's scope.
 */
export async function trainedMembersFigure(
  db: Executor,
  unit: UnitRef,
  periodTo: string,
): Promise<number | null> {
  const figures = await trainedMembersByUnit(db, systemActor('reports').scope, [unit.id], {
    until: periodTo,
  });
  return figures.get(unit.id)?.trainedMembers ?? null;
}

/** The campaign that applies to a unit over a period: the latest started one overlapping it. */
export async function campaignFor(db: Executor, unitPath: string, from: string, to: string) {
  const rows = await db
    .selectFrom('campaigns')
    .selectAll()
    .where('starts_on', '<=', to)
    .where('ends_on', '>=', from)
    .orderBy('starts_on', 'desc')
    .execute();
  return rows.find((c) => unitPath.startsWith(c.unit_path)) ?? null;
}

export async function campaignIndicators(db: Executor, campaignId: string) {
  return (
    db
      .selectFrom('indicators')
      .innerJoin('platforms', 'platforms.id', 'indicators.platform_id')
      .select([
        'indicators.id',
        'indicators.platform_id',
        'indicators.outcome',
        'platforms.name as platform_name',
      ])
      .where('indicators.campaign_id', '=', campaignId)
      // Reports count platform/outcome indicators; chat coverage has its own figure.
      .where('indicators.kind', '=', 'platform_outcome')
      .$narrowType<{ platform_id: string; outcome: string }>()
      .orderBy('indicators.sort')
      .execute()
  );
}

async function targetsOf(db: Executor, unitId: string, indicatorIds: string[]) {
  if (indicatorIds.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom('targets')
    .select(['indicator_id', 'value'])
    .where('unit_id', '=', unitId)
    .where('indicator_id', 'in', indicatorIds)
    .execute();
  return new Map(rows.map((r) => [r.indicator_id, Number(r.value)]));
}

/** Households that joined the unit's active chat groups, as last counted by `to`. */
async function chatGroupHouseholds(db: Executor, unitPath: string, to: string) {
  const groups = await db
    .selectFrom('chat_groups')
    .select(['id', 'households_joined', 'joined_updated_on'])
    .where(startsWith('chat_groups.unit_path', unitPath))
    .where('is_active', '=', 1)
    .execute();
  if (groups.length === 0) return null;
  const counts = await db
    .selectFrom('chat_group_counts')
    .select(['chat_group_id', 'recorded_on', 'households_joined'])
    .where(
      'chat_group_id',
      'in',
      groups.map((g) => g.id),
    )
    .where('recorded_on', '<=', to)
    .orderBy('recorded_on', 'asc')
    .orderBy('created_at', 'asc')
    .execute();
  const latest = new Map<string, number>();
  for (const c of counts) latest.set(c.chat_group_id, Number(c.households_joined));
  return groups.reduce((s, g) => {
    const counted = latest.get(g.id);
    if (counted !== undefined) return s + counted;
    // No dated count: the group's current figure, if it was updated by the period's end.
    return g.joined_updated_on !== null && g.joined_updated_on <= to
      ? s + Number(g.households_joined)
      : s;
  }, 0);
}

/** A unit's figures over a period, straight from the records (a hamlet, or a commune ad hoc). */
export async function liveFigures(
  db: Executor,
  unit: UnitRef,
  from: string,
  to: string,
): Promise<ReportFigures> {
  const campaign = await campaignFor(db, unit.path, from, to);
  const indicators = campaign ? await campaignIndicators(db, campaign.id) : [];
  const targets = await targetsOf(
    db,
    unit.id,
    indicators.map((i) => i.id),
  );
  const reached = campaign
    ? await progressOf(
        db,
        [unit.id],
        campaign.starts_on,
        to < campaign.ends_on ? to : campaign.ends_on,
      )
    : [];
  const during = campaign ? await progressOf(db, [unit.id], from, to) : [];
  const countIn = (rows: typeof reached, platformId: string, outcome: string) =>
    Number(rows.find((r) => r.platform_id === platformId && r.outcome === outcome)?.count ?? 0);
  const [{ n: households }] = await db
    .selectFrom('households')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(startsWith('households.unit_path', unit.path))
    .execute();
  return {
    campaignName: campaign?.name ?? null,
    indicators: indicators.map((i) => ({
      indicatorId: i.id,
      platformName: i.platform_name,
      outcome: i.outcome as Outcome,
      target: targets.get(i.id) ?? null,
      reached: countIn(reached, i.platform_id, i.outcome),
      inPeriod: countIn(during, i.platform_id, i.outcome),
    })),
    chatGroupHouseholds: await chatGroupHouseholds(db, unit.path, to),
    households: Number(households),
    membersTrained: await trainedMembersFigure(db, unit, to),
  };
}

/**
 * A commune's figures for a period: the sum of its hamlets' approved reports (their frozen
 * figures), the commune's own target where it has one, and the hamlets included and missing.
 */
export async function communeFigures(
  db: Executor,
  commune: UnitRef,
  from: string,
  to: string,
  approved: { unitName: string; figures: ReportFigures }[],
  expectedHamlets: { id: string; name: string }[],
  approvedUnitIds: Set<string>,
): Promise<ReportFigures> {
  const campaign = await campaignFor(db, commune.path, from, to);
  const indicators = campaign ? await campaignIndicators(db, campaign.id) : [];
  const sum = aggregateFigures(
    approved.map((a) => a.figures),
    indicators.map((i) => ({
      indicatorId: i.id,
      platformName: i.platform_name,
      outcome: i.outcome as Outcome,
    })),
  );
  const own = await targetsOf(
    db,
    commune.id,
    indicators.map((i) => i.id),
  );
  return {
    ...sum,
    campaignName: campaign?.name ?? sum.campaignName,
    indicators: sum.indicators.map((i) => ({ ...i, target: own.get(i.indicatorId) ?? i.target })),
    hamletsIncluded: approved.map((a) => a.unitName),
    hamletsMissing: expectedHamlets.filter((h) => !approvedUnitIds.has(h.id)).map((h) => h.name),
  };
}
