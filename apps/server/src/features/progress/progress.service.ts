import { platformIndicators } from '@toso/domain/campaigns';
import type { CampaignProgressDto } from '@toso/domain/progress';
import { splitRange } from '@toso/domain/progress';
import type { Outcome } from '@toso/domain/platforms';
import type { Db, Executor } from '../../db/db';
import { invalid, notFound } from '../../lib/app-error';
import { todayInVietnam } from '../../lib/ids';
import type { Actor } from '../../plugins/auth';
import { listCampaigns } from '../targets/targets.service';
import { getUnitInScope } from '../units/units.service';

/**
 * Residents helped per unit, platform and outcome between two dates, read from the kept counts:
 * whole months from support_counts, the days at either end from support_counts_daily. The number
 * of rows read depends on the units and the period, never on the number of records.
 */
export async function countsBetween(
  db: Executor,
  unitIds: string[],
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (unitIds.length === 0) return out;
  const add = (rows: { unit_id: string; platform_id: string; outcome: string; n: unknown }[]) => {
    for (const r of rows) {
      const key = `${r.unit_id}|${r.platform_id}|${r.outcome}`;
      out.set(key, (out.get(key) ?? 0) + Number(r.n));
    }
  };
  const { months, days } = splitRange(from, to);
  if (months) {
    add(
      await db
        .selectFrom('support_counts')
        .select(['unit_id', 'platform_id', 'outcome'])
        .select((eb) => eb.fn.sum<number>('count').as('n'))
        .where('unit_id', 'in', unitIds)
        .where('month', '>=', months[0])
        .where('month', '<=', months[1])
        .groupBy(['unit_id', 'platform_id', 'outcome'])
        .execute(),
    );
  }
  for (const [a, b] of days) {
    add(
      await db
        .selectFrom('support_counts_daily')
        .select(['unit_id', 'platform_id', 'outcome'])
        .select((eb) => eb.fn.sum<number>('count').as('n'))
        .where('unit_id', 'in', unitIds)
        .where('day', '>=', a)
        .where('day', '<=', b)
        .groupBy(['unit_id', 'platform_id', 'outcome'])
        .execute(),
    );
  }
  return out;
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * Progress of a unit (by default the user's own, or the campaign's) against the campaign's
 * targets over a period, with the same figures for each unit directly below it.
 */
export async function campaignProgress(
  db: Db,
  actor: Actor,
  campaignId: string,
  query: { unitId?: string; from?: string; to?: string },
): Promise<CampaignProgressDto> {
  const campaign = (await listCampaigns(db, actor)).find((c) => c.id === campaignId);
  if (!campaign) throw notFound('Không tìm thấy đợt triển khai');
  const unit = await getUnitInScope(
    db,
    actor.scope,
    query.unitId ?? actor.scope.unitId ?? campaign.unitId,
  );
  const from = query.from ?? campaign.startsOn;
  const to = query.to ?? campaign.endsOn;
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    const d = new Date(`${value}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value)
      throw invalid(`query.${name}`, 'Ngày không có thật');
  }
  if (to < from) throw invalid('query.to', 'Ngày kết thúc phải sau ngày bắt đầu');
  const today = todayInVietnam();
  const children = await db
    .selectFrom('units')
    .select(['id', 'name', 'level'])
    .where('parent_id', '=', unit.id)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', from)]))
    .orderBy('code')
    .orderBy('name_folded')
    .execute();
  const ids = [unit.id, ...children.map((c) => c.id)];
  const indicatorIds = campaign.indicators.map((i) => i.id);
  const targets =
    indicatorIds.length === 0
      ? []
      : await db
          .selectFrom('targets')
          .select(['indicator_id', 'unit_id', 'value'])
          .where('indicator_id', 'in', indicatorIds)
          .where('unit_id', 'in', ids)
          .execute();
  const targetOf = (indicatorId: string, unitId: string) =>
    targets.find((t) => t.indicator_id === indicatorId && t.unit_id === unitId)?.value ?? null;
  const counts = await countsBetween(db, ids, from, to);
  const countOf = (unitId: string, platformId: string, outcome: string) =>
    counts.get(`${unitId}|${platformId}|${outcome}`) ?? 0;
  // The trail goes up from the unit to the top of the user's scope (their own unit).
  const pathIds = unit.path.split('/').filter(Boolean);
  const visible = pathIds.slice(
    actor.scope.all ? 0 : Math.max(0, pathIds.indexOf(actor.scope.unitId ?? '')),
  );
  const names = new Map(
    (await db.selectFrom('units').select(['id', 'name']).where('id', 'in', visible).execute()).map(
      (u) => [u.id, u.name],
    ),
  );
  const indicators = platformIndicators(campaign.indicators);
  const span = daysBetween(campaign.startsOn, campaign.endsOn) + 1;
  const elapsedEnd = to < today ? to : today;
  const elapsed = Math.max(0, daysBetween(from, elapsedEnd) + 1);
  return {
    campaign: {
      id: campaign.id,
      name: campaign.name,
      startsOn: campaign.startsOn,
      endsOn: campaign.endsOn,
    },
    unit: { id: unit.id, name: unit.name, level: unit.level },
    trail: visible.map((id) => ({ id, name: names.get(id) ?? '' })),
    from,
    to,
    expected: Math.min(1, elapsed / span),
    indicators: indicators.map((i) => ({
      id: i.id,
      platformId: i.platformId,
      platformName: i.platformName ?? '',
      outcome: i.outcome as Outcome,
      target: targetOf(i.id, unit.id),
      count: countOf(unit.id, i.platformId, i.outcome),
    })),
    children: children.map((c) => ({
      unitId: c.id,
      unitName: c.name,
      level: c.level,
      cells: indicators.map((i) => ({
        indicatorId: i.id,
        target: targetOf(i.id, c.id),
        count: countOf(c.id, i.platformId, i.outcome),
      })),
    })),
  };
}
