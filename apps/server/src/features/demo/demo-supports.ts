import { KPI_SKILL, type Outcome } from '@toso/domain/platforms';
import type { Executor, Tx } from '../../db/db';
import type { SupportRecordsTable } from '../../db/schema';
import { newId } from '../../lib/ids';
import { startsWith } from '../../lib/sql';
import { addDeltas, isDayKey } from '../supports/supports.service';

const pick = (r: { unit_id: string; platform_id: string; outcome: string; count: number }) => ({
  unit_id: r.unit_id,
  platform_id: r.platform_id,
  outcome: r.outcome,
  count: r.count,
});
import type { UnitRow } from '../units/units.repository';
import type { Random } from './demo-people';

/**
 * A season of support records (June–December 2022) and the 2022 pilot campaign with targets:
 * communes differ in how active their teams are, and activity grows over the months.
 */
export async function seedDemoSupports(
  tx: Tx,
  random: Random,
  district: UnitRow,
  communes: { commune: UnitRow; hamlets: UnitRow[] }[],
  now: string,
): Promise<{ records: number }> {
  const platforms = await tx
    .selectFrom('platforms')
    .select(['id', 'code', 'outcomes', 'retired_on'])
    .execute();
  const usable = platforms.flatMap((p) =>
    (JSON.parse(p.outcomes) as Outcome[]).map((o) => ({
      id: p.id,
      code: p.code,
      outcome: o,
      retired: p.retired_on,
    })),
  );
  const weightOf = (code: string) =>
    code === KPI_SKILL.platformCode
      ? 6
      : code.startsWith('ky-nang')
        ? 2
        : code === 'vneid' || code === 'so-suc-khoe'
          ? 4
          : 1.5;
  const total = usable.reduce((s, u) => s + weightOf(u.code), 0);
  const pickPair = () => {
    let r = random() * total;
    for (const u of usable) {
      r -= weightOf(u.code);
      if (r <= 0) return u;
    }
    return usable[0];
  };
  const months = ['06', '07', '08', '09', '10', '11', '12'];
  let count = 0;
  const deltas = new Map<string, number>();
  for (const [ci, { commune }] of communes.entries()) {
    const activity = [0.9, 0.6, 0.35, 1.1, 0.5][ci % 5];
    const residents = await tx
      .selectFrom('residents')
      .select(['id', 'hamlet_id', 'unit_path', 'birth_year'])
      .where(startsWith('residents.unit_path', commune.path))
      .where('birth_year', '<=', 2007)
      .execute();
    const batch: SupportRecordsTable[] = [];
    const seen = new Set<string>();
    for (const r of residents) {
      if (random() > activity * 0.4) continue;
      const n = 1 + Math.floor(random() * 3);
      for (let i = 0; i < n; i += 1) {
        const pair = pickPair();
        const key = `${r.id}|${pair.id}|${pair.outcome}`;
        if (seen.has(key)) continue;
        // Later months see more work: square the uniform draw towards December.
        const month =
          months[Math.min(months.length - 1, Math.floor(Math.sqrt(random()) * months.length))];
        const supportedOn = `2022-${month}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
        if (pair.retired && supportedOn >= pair.retired) continue;
        seen.add(key);
        const row: SupportRecordsTable = {
          id: newId(),
          resident_id: r.id,
          hamlet_id: r.hamlet_id,
          unit_path: r.unit_path,
          platform_id: pair.id,
          outcome: pair.outcome,
          supported_on: supportedOn,
          note: '',
          recorded_by: null,
          voids_id: null,
          voided_by: null,
          received_at: now,
        };
        batch.push(row);
        addDeltas(deltas, row, 1);
      }
    }
    for (let i = 0; i < batch.length; i += 400)
      await tx
        .insertInto('support_records')
        .values(batch.slice(i, i + 400))
        .execute();
    count += batch.length;
  }
  // The counts tables are empty at seed time: insert the totals in bulk rather than upsert each.
  await insertKeptCounts(tx, deltas);
  await seedCampaign(tx, district, communes, platforms, now);
  return { records: count };
}

async function seedCampaign(
  tx: Tx,
  district: UnitRow,
  communes: { commune: UnitRow; hamlets: UnitRow[] }[],
  platforms: { id: string; code: string }[],
  now: string,
) {
  const campaignId = newId();
  await tx
    .insertInto('campaigns')
    .values({
      id: campaignId,
      unit_id: district.id,
      unit_path: district.path,
      name: 'Thí điểm Tổ công nghệ số cộng đồng năm 2022',
      starts_on: '2022-05-16',
      ends_on: '2022-12-31',
      created_at: now,
      updated_at: now,
    })
    .execute();
  const chosen: [string, Outcome, number][] = [
    ['vneid', 'account_created', 9000],
    ['ky-nang-dvc', 'skill_mastered', 12000],
    ['so-suc-khoe', 'installed', 8000],
    ['postmart', 'account_created', 1500],
  ];
  for (const [sort, [code, outcome, districtTarget]] of chosen.entries()) {
    const platform = platforms.find((p) => p.code === code);
    if (!platform) continue;
    const indicatorId = newId();
    await tx
      .insertInto('indicators')
      .values({ id: indicatorId, campaign_id: campaignId, platform_id: platform.id, outcome, sort })
      .execute();
    await tx
      .insertInto('targets')
      .values({
        indicator_id: indicatorId,
        unit_id: district.id,
        unit_path: district.path,
        value: districtTarget,
        updated_at: now,
        updated_by: null,
      })
      .execute();
    const perCommune = Math.round(districtTarget / communes.length);
    await tx
      .insertInto('targets')
      .values(
        communes.map(({ commune }) => ({
          indicator_id: indicatorId,
          unit_id: commune.id,
          unit_path: commune.path,
          value: perCommune,
          updated_at: now,
          updated_by: null,
        })),
      )
      .execute();
  }
}

/**
 * Inserts kept counts (monthly and daily keys from `addDeltas`) for units that have none yet:
 * plain multi-row inserts, for seeds and generated datasets.
 */
export async function insertKeptCounts(tx: Executor, deltas: Map<string, number>): Promise<void> {
  const rows = [...deltas].map(([key, n]) => {
    const [unit_id, platform_id, outcome, when] = key.split('|');
    return { unit_id, platform_id, outcome, when, count: n, isDay: isDayKey(key) };
  });
  const monthly = rows.filter((r) => !r.isDay).map((r) => ({ ...pick(r), month: r.when }));
  const daily = rows.filter((r) => r.isDay).map((r) => ({ ...pick(r), day: r.when }));
  for (let i = 0; i < monthly.length; i += 500)
    await tx
      .insertInto('support_counts')
      .values(monthly.slice(i, i + 500))
      .execute();
  for (let i = 0; i < daily.length; i += 500)
    await tx
      .insertInto('support_counts_daily')
      .values(daily.slice(i, i + 500))
      .execute();
}
