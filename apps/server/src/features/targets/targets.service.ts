import { kpiRates } from '../dashboard/kpi-counts';
import {
  balanceOf,
  SHARE_TARGET_MAX,
  suggestSplit,
  type CampaignDto,
  type IndicatorDto,
  type IndicatorInput,
  type IndicatorKind,
  type TargetGridDto,
} from '@toso/domain/campaigns';
import { hasPermission } from '@toso/domain/roles';
import { workingAgeStatus } from '@toso/domain/working-age';
import { sql } from 'kysely';
import type { Db, Executor } from '../../db/db';
import { AppError, forbidden, invalid, notFound } from '../../lib/app-error';
import { newId, nowIso, todayInVietnam } from '../../lib/ids';
import { inScope, startsWith } from '../../lib/sql';
import type { Actor } from '../../plugins/auth';
import type { Outcome } from '@toso/domain/platforms';
import { recordAudit } from '../audit/audit.service';
import { ancestorPaths } from '../partners/partners.repository';
import { progressOf } from '../supports/supports.service';
import { getUnitInScope, getUnitsInScope } from '../units/units.service';

/** A campaign applies to its unit's subtree; users inside it, and officers above it, may see it. */
function relevant(actor: Actor, unitPath: string): boolean {
  return (
    actor.scope.contains(unitPath) ||
    (actor.unitPath !== null && actor.unitPath.startsWith(unitPath))
  );
}

export async function campaignRow(db: Executor, actor: Actor, id: string) {
  const c = await db
    .selectFrom('campaigns')
    .innerJoin('units', 'units.id', 'campaigns.unit_id')
    .selectAll('campaigns')
    .select('units.name as unit_name')
    .where('campaigns.id', '=', id)
    .executeTakeFirst();
  if (!c || !relevant(actor, c.unit_path)) throw notFound('Không tìm thấy đợt triển khai');
  return c;
}

export async function indicatorsOf(db: Executor, campaignIds: string[]) {
  if (campaignIds.length === 0) return [];
  const rows = await db
    .selectFrom('indicators')
    .leftJoin('platforms', 'platforms.id', 'indicators.platform_id')
    .select([
      'indicators.id',
      'indicators.campaign_id',
      'indicators.kind',
      'indicators.platform_id',
      'indicators.outcome',
      'platforms.name as platform_name',
    ])
    .where('indicators.campaign_id', 'in', campaignIds)
    .orderBy('indicators.sort')
    .execute();
  return rows.map((i) => ({
    id: i.id,
    campaignId: i.campaign_id,
    kind: i.kind as IndicatorKind,
    platformId: i.platform_id,
    platformName: i.platform_name,
    outcome: i.outcome as Outcome | null,
  }));
}

const indicatorDto = (i: Awaited<ReturnType<typeof indicatorsOf>>[number]): IndicatorDto => ({
  id: i.id,
  kind: i.kind,
  platformId: i.platformId,
  platformName: i.platformName,
  outcome: i.outcome,
});

export async function listCampaigns(db: Db, actor: Actor): Promise<CampaignDto[]> {
  // Only the campaigns of the scope and of the units above the user's are read (not the
  // country's); `relevant` says the same.
  const above = actor.unitPath ? ancestorPaths(actor.unitPath) : [];
  const rows = await db
    .selectFrom('campaigns')
    .innerJoin('units', 'units.id', 'campaigns.unit_id')
    .selectAll('campaigns')
    .select('units.name as unit_name')
    .where((eb) =>
      above.length > 0
        ? eb.or([
            inScope(actor.scope, 'campaigns.unit_path'),
            eb('campaigns.unit_path', 'in', above),
          ])
        : inScope(actor.scope, 'campaigns.unit_path'),
    )
    .orderBy('campaigns.starts_on', 'desc')
    .execute();
  const mine = rows.filter((c) => relevant(actor, c.unit_path));
  const indicators = await indicatorsOf(
    db,
    mine.map((c) => c.id),
  );
  return mine.map((c) => ({
    id: c.id,
    unitId: c.unit_id,
    unitName: c.unit_name,
    name: c.name,
    startsOn: c.starts_on,
    endsOn: c.ends_on,
    indicators: indicators.filter((i) => i.campaignId === c.id).map(indicatorDto),
  }));
}

/** Checks new indicators against the catalogue; returns them without duplicates. */
async function checkIndicators(db: Executor, items: IndicatorInput[], path: string) {
  const platforms = new Map(
    (await db.selectFrom('platforms').select(['id', 'outcomes']).execute()).map((p) => [
      p.id,
      JSON.parse(p.outcomes) as string[],
    ]),
  );
  items.forEach((i, n) => {
    if (i.kind === 'platform_outcome' && !platforms.get(i.platformId)?.includes(i.outcome))
      throw invalid(`${path}.${n}`, 'Nền tảng không có kết quả này');
  });
  return [
    ...new Map(
      items.map((i) => [
        i.kind === 'platform_outcome' ? `${i.platformId}|${i.outcome}` : i.kind,
        i,
      ]),
    ).values(),
  ];
}

const indicatorRow = (campaignId: string, i: IndicatorInput, sort: number) => ({
  id: newId(),
  campaign_id: campaignId,
  kind: i.kind,
  platform_id: i.kind === 'platform_outcome' ? i.platformId : null,
  outcome: i.kind === 'platform_outcome' ? i.outcome : null,
  sort,
});

export async function createCampaign(
  db: Db,
  actor: Actor,
  body: {
    unitId: string;
    name: string;
    startsOn: string;
    endsOn: string;
    indicators: IndicatorInput[];
  },
): Promise<CampaignDto> {
  const unit = await getUnitInScope(db, actor.scope, body.unitId);
  if (unit.level !== 'district' && unit.level !== 'province')
    throw invalid('body.unitId', 'Đợt triển khai do huyện hoặc tỉnh lập');
  if (body.endsOn < body.startsOn)
    throw invalid('body.endsOn', 'Ngày kết thúc phải sau ngày bắt đầu');
  const unique = await checkIndicators(db, body.indicators, 'body.indicators');
  const id = newId();
  const now = nowIso();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('campaigns')
      .values({
        id,
        unit_id: unit.id,
        unit_path: unit.path,
        name: body.name,
        starts_on: body.startsOn,
        ends_on: body.endsOn,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await tx
      .insertInto('indicators')
      .values(unique.map((i, sort) => indicatorRow(id, i, sort)))
      .execute();
    await recordAudit(tx, actor, {
      entity: 'campaign',
      entityId: id,
      action: 'create',
      unitPath: unit.path,
      summary: { after: { name: body.name, indicators: unique.length } },
    });
  });
  return (await listCampaigns(db, actor)).find((c) => c.id === id)!;
}

/** A campaign is changed by someone who may set the programme in the campaign's unit. */
async function editableCampaign(db: Executor, actor: Actor, id: string) {
  const c = await campaignRow(db, actor, id);
  if (!actor.scope.contains(c.unit_path)) throw forbidden('Đợt triển khai do cấp trên lập');
  return c;
}

export async function updateCampaign(
  db: Db,
  actor: Actor,
  id: string,
  body: { name: string; startsOn: string; endsOn: string },
): Promise<CampaignDto> {
  const c = await editableCampaign(db, actor, id);
  if (body.endsOn < body.startsOn)
    throw invalid('body.endsOn', 'Ngày kết thúc phải sau ngày bắt đầu');
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('campaigns')
      .set({
        name: body.name,
        starts_on: body.startsOn,
        ends_on: body.endsOn,
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, actor, {
      entity: 'campaign',
      entityId: id,
      action: 'update',
      unitPath: c.unit_path,
      summary: {
        before: { name: c.name, startsOn: c.starts_on, endsOn: c.ends_on },
        after: body,
      },
    });
  });
  return (await listCampaigns(db, actor)).find((x) => x.id === id)!;
}

export async function addIndicator(
  db: Db,
  actor: Actor,
  id: string,
  body: IndicatorInput,
): Promise<CampaignDto> {
  const c = await editableCampaign(db, actor, id);
  const [item] = await checkIndicators(db, [body], 'body');
  const existing = await indicatorsOf(db, [id]);
  const same = existing.some((i) =>
    item.kind === 'platform_outcome'
      ? i.platformId === item.platformId && i.outcome === item.outcome
      : i.kind === item.kind,
  );
  if (same) throw new AppError('conflict', 'Đợt đã có chỉ tiêu này');
  await db.transaction().execute(async (tx) => {
    const row = indicatorRow(id, item, existing.length);
    await tx.insertInto('indicators').values(row).execute();
    await recordAudit(tx, actor, {
      entity: 'campaign',
      entityId: id,
      action: 'add_indicator',
      unitPath: c.unit_path,
      summary: { after: { indicatorId: row.id, kind: item.kind } },
    });
  });
  return (await listCampaigns(db, actor)).find((x) => x.id === id)!;
}

/** Removes an indicator and the targets given for it (the records themselves stay). */
export async function removeIndicator(
  db: Db,
  actor: Actor,
  id: string,
  indicatorId: string,
): Promise<CampaignDto> {
  const c = await editableCampaign(db, actor, id);
  const ind = (await indicatorsOf(db, [id])).find((i) => i.id === indicatorId);
  if (!ind) throw notFound('Không tìm thấy chỉ tiêu');
  await db.transaction().execute(async (tx) => {
    const targets = await tx
      .selectFrom('targets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('indicator_id', '=', indicatorId)
      .executeTakeFirstOrThrow();
    await tx.deleteFrom('targets').where('indicator_id', '=', indicatorId).execute();
    await tx.deleteFrom('indicators').where('id', '=', indicatorId).execute();
    await recordAudit(tx, actor, {
      entity: 'campaign',
      entityId: id,
      action: 'remove_indicator',
      unitPath: c.unit_path,
      summary: { before: { indicatorId, kind: ind.kind, targets: Number(targets.n) } },
    });
  });
  return (await listCampaigns(db, actor)).find((x) => x.id === id)!;
}

/**
 * Households reached by the chat groups of each unit: for every group in the unit's subtree, its
 * latest count of households joined on or before the date (chat_group_counts), summed up the tree.
 */
export async function chatCoverageReached(
  db: Executor,
  units: readonly { id: string; path: string }[],
  onOrBefore: string,
): Promise<Map<string, number>> {
  const out = new Map(units.map((u) => [u.id, 0]));
  if (units.length === 0) return out;
  const top = units.reduce((a, b) => (a.path.length <= b.path.length ? a : b));
  const rows = await db
    .selectFrom('chat_group_counts')
    .innerJoin('chat_groups', 'chat_groups.id', 'chat_group_counts.chat_group_id')
    .select([
      'chat_groups.id as group_id',
      'chat_groups.unit_path',
      'chat_group_counts.households_joined',
      'chat_group_counts.recorded_on',
      'chat_group_counts.created_at',
    ])
    .where(startsWith('chat_groups.unit_path', top.path))
    .where('chat_group_counts.recorded_on', '<=', onOrBefore)
    .orderBy('chat_group_counts.recorded_on')
    .orderBy('chat_group_counts.created_at')
    .execute();
  const latest = new Map<string, { path: string; n: number }>();
  for (const r of rows)
    latest.set(r.group_id, { path: r.unit_path, n: Number(r.households_joined) });
  for (const g of latest.values())
    for (const u of units) if (g.path.startsWith(u.path)) out.set(u.id, out.get(u.id)! + g.n);
  return out;
}

/**
 * The reached value of share indicators (the 70% working-age KPI) for units, as whole percentages
 * (as their targets are), from the dashboard's kept KPI counts on the given date; null where a unit has no
 * working-age resident.
 */
export async function kpiSharesReached(
  db: Executor,
  unitIds: string[],
  onOrBefore: string,
): Promise<Map<string, number | null>> {
  const rates = await kpiRates(db, unitIds, onOrBefore);
  return new Map(
    [...rates].map(([id, rate]) => [id, rate === null ? null : Math.round(rate * 100)]),
  );
}

/** The current units right below a unit, in code then name order. */
export async function childUnits(db: Executor, unitId: string) {
  return db
    .selectFrom('units')
    .select(['id', 'name', 'path', 'code', 'name_folded'])
    .where('parent_id', '=', unitId)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', todayInVietnam())]))
    .orderBy('code')
    .orderBy('name_folded')
    .execute();
}

/**
 * A unit's own target is given from above: only someone who may set the programme changes the
 * target of the unit they belong to (a commune officer divides the commune's target, not sets it).
 */
export function canSetOwn(actor: Actor, unit: { id: string }): boolean {
  if (!hasPermission(actor.role, 'teams:write')) return false;
  return unit.id !== actor.unitId || hasPermission(actor.role, 'settings:write');
}

/** Birth-year bounds of the working-age cohorts on a date (1 January rule). */
function cohorts(date: string) {
  const bounds = (sex: 'male' | 'female') => {
    const years: number[] = [];
    const y = Number(date.slice(0, 4));
    for (let b = y - 70; b <= y - 10; b += 1)
      if (workingAgeStatus({ birthYear: b, sex }, date) === 'working_age') years.push(b);
    return [years[0], years[years.length - 1]] as const;
  };
  return { male: bounds('male'), female: bounds('female') };
}

async function weightsUnder(
  db: Executor,
  parentPath: string,
  by: 'working_age' | 'households',
  date: string,
) {
  if (by === 'households') {
    return db
      .selectFrom('households')
      .select(['unit_path'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(startsWith('households.unit_path', parentPath))
      .groupBy('unit_path')
      .execute();
  }
  const c = cohorts(date);
  return db
    .selectFrom('residents')
    .select(['unit_path'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(startsWith('residents.unit_path', parentPath))
    .where('status', '!=', 'merged')
    .where(
      sql<boolean>`((sex = 'male' AND birth_year BETWEEN ${c.male[0]} AND ${c.male[1]}) OR (sex = 'female' AND birth_year BETWEEN ${c.female[0]} AND ${c.female[1]}))`,
    )
    .groupBy('unit_path')
    .execute();
}

/**
 * The grid of targets for a unit's children: each cell's target, the suggested split of the
 * unit's own target (by working-age residents or households), the count reached, and whether
 * the children's targets add up to the unit's — shown, never fixed.
 */
export async function targetGrid(
  db: Db,
  actor: Actor,
  campaignId: string,
  unitId: string | undefined,
  weightBy: 'working_age' | 'households',
): Promise<TargetGridDto> {
  const campaign = await campaignRow(db, actor, campaignId);
  const unit = await getUnitInScope(
    db,
    actor.scope,
    unitId ?? actor.scope.unitId ?? campaign.unit_id,
  );
  const indicators = await indicatorsOf(db, [campaign.id]);
  const children = await childUnits(db, unit.id);
  const today = todayInVietnam();
  const grandChildren = new Set(
    (
      await db
        .selectFrom('units')
        .select('parent_id')
        .distinct()
        .where('parent_id', 'in', children.map((c) => c.id).concat(['']))
        .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', today)]))
        .execute()
    ).map((r) => r.parent_id),
  );
  const ids = [unit.id, ...children.map((c) => c.id)];
  const targets = await db
    .selectFrom('targets')
    .selectAll()
    .where('indicator_id', 'in', indicators.map((i) => i.id).concat(['']))
    .where('unit_id', 'in', ids)
    .execute();
  const targetOf = (indicatorId: string, uid: string) =>
    targets.find((t) => t.indicator_id === indicatorId && t.unit_id === uid)?.value ?? null;
  const units = [unit, ...children];
  const counts = await progressOf(db, ids, campaign.starts_on, campaign.ends_on);
  const coverage = indicators.some((i) => i.kind === 'chat_coverage')
    ? await chatCoverageReached(db, units, campaign.ends_on)
    : new Map<string, number>();
  const shares = indicators.some((i) => i.kind === 'working_age_share')
    ? await kpiSharesReached(db, ids, campaign.ends_on < today ? campaign.ends_on : today)
    : new Map<string, number | null>();
  const countOf = (uid: string, i: (typeof indicators)[number]): number | null => {
    if (i.kind === 'chat_coverage') return coverage.get(uid) ?? 0;
    if (i.kind === 'working_age_share') return shares.get(uid) ?? null;
    return Number(
      counts.find(
        (c) => c.unit_id === uid && c.platform_id === i.platformId && c.outcome === i.outcome,
      )?.count ?? 0,
    );
  };
  const weightRows = await weightsUnder(db, unit.path, weightBy, campaign.starts_on);
  const weights = children.map((c) =>
    weightRows.filter((w) => w.unit_path.startsWith(c.path)).reduce((s, w) => s + Number(w.n), 0),
  );
  const suggestions = new Map(
    indicators.map((i) => {
      const parent = targetOf(i.id, unit.id);
      return [i.id, suggestSplit(i.kind, parent, weights)];
    }),
  );
  return {
    campaignId: campaign.id,
    unit: {
      id: unit.id,
      name: unit.name,
      code: unit.code,
      level: unit.level,
      parentId:
        unit.parent_id && actor.scope.contains(unit.path.replace(/[^/]+\/$/, ''))
          ? unit.parent_id
          : null,
    },
    canEditRows: hasPermission(actor.role, 'teams:write'),
    canEditUnit: canSetOwn(actor, unit),
    weightBy,
    indicators: indicators.map(indicatorDto),
    parent: indicators.map((i) => ({
      indicatorId: i.id,
      target: targetOf(i.id, unit.id),
      count: countOf(unit.id, i),
    })),
    rows: children.map((c, n) => ({
      unitId: c.id,
      unitName: c.name,
      code: c.code,
      hasChildren: grandChildren.has(c.id),
      weight: weights[n],
      cells: indicators.map((i) => ({
        indicatorId: i.id,
        target: targetOf(i.id, c.id),
        suggested: suggestions.get(i.id)?.[n] ?? null,
        count: countOf(c.id, i),
      })),
    })),
    balance: indicators.map((i) => ({
      indicatorId: i.id,
      ...balanceOf(
        i.kind,
        targetOf(i.id, unit.id),
        children.map((c) => targetOf(i.id, c.id)),
      ),
    })),
  };
}

/** Sets many targets at once; a unit's own target needs the right to set the programme. */
export async function setTargets(
  db: Db,
  actor: Actor,
  campaignId: string,
  cells: { indicatorId: string; unitId: string; value: number | null }[],
) {
  if (cells.length === 0) throw new AppError('validation_failed', 'Không có chỉ tiêu nào');
  const campaign = await campaignRow(db, actor, campaignId);
  const indicators = new Map((await indicatorsOf(db, [campaign.id])).map((i) => [i.id, i.kind]));
  for (const [n, cell] of cells.entries()) {
    const kind = indicators.get(cell.indicatorId);
    if (!kind) throw invalid(`body.targets.${n}.indicatorId`, 'Chỉ tiêu không thuộc đợt này');
    if (kind === 'working_age_share' && cell.value !== null && cell.value > SHARE_TARGET_MAX)
      throw invalid(`body.targets.${n}.value`, 'Chỉ tiêu tỷ lệ là phần trăm, từ 0 đến 100');
  }
  // Every cell's unit in one scoped read; a unit unknown or outside the scope is named by its cell.
  const found = await getUnitsInScope(
    db,
    actor.scope,
    cells.map((c) => c.unitId),
    (n) => `body.targets.${n}.unitId`,
  );
  const units = new Map<string, { id: string; path: string }>();
  for (const [n, unit] of found.entries()) {
    if (!unit.path.startsWith(campaign.unit_path))
      throw invalid(`body.targets.${n}.unitId`, 'Đơn vị nằm ngoài địa bàn của đợt triển khai');
    if (!canSetOwn(actor, unit)) throw forbidden('Chỉ tiêu của đơn vị mình do cấp trên giao');
    units.set(unit.id, unit);
  }
  await db.transaction().execute(async (tx) => {
    await writeTargets(tx, actor, cells, units);
    await recordAudit(tx, actor, {
      entity: 'target',
      entityId: campaign.id,
      action: 'set',
      unitPath: actor.unitPath,
      summary: { after: { cells: cells.length } },
    });
  });
}

/** Writes target cells (null removes one); the caller checked them and opened the transaction. */
export async function writeTargets(
  tx: Executor,
  actor: Actor,
  cells: { indicatorId: string; unitId: string; value: number | null }[],
  units: ReadonlyMap<string, { path: string }>,
) {
  const now = nowIso();
  for (const cell of cells) {
    if (cell.value === null) {
      await tx
        .deleteFrom('targets')
        .where('indicator_id', '=', cell.indicatorId)
        .where('unit_id', '=', cell.unitId)
        .execute();
      continue;
    }
    await tx
      .insertInto('targets')
      .values({
        indicator_id: cell.indicatorId,
        unit_id: cell.unitId,
        unit_path: units.get(cell.unitId)!.path,
        value: cell.value,
        updated_at: now,
        updated_by: actor.userId,
      })
      .onConflict((oc) =>
        oc.columns(['indicator_id', 'unit_id']).doUpdateSet({
          value: cell.value as number,
          updated_at: now,
          updated_by: actor.userId,
        }),
      )
      .execute();
  }
}
