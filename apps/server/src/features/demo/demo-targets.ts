import { splitTarget } from '@toso/domain/targets';
import type { Tx } from '../../db/db';
import { newId } from '../../lib/ids';
import { startsWith } from '../../lib/sql';
import type { UnitRow } from '../units/units.repository';

/**
 * The two other indicator kinds on the demo's 2022 pilot: households in the hamlet chat groups
 * (60% of the households, split among communes by households) and the 70% working-age share.
 */
export async function seedDemoTargetKinds(
  tx: Tx,
  district: UnitRow,
  communes: { commune: UnitRow }[],
  now: string,
) {
  const campaign = await tx
    .selectFrom('campaigns')
    .select('id')
    .where('unit_id', '=', district.id)
    .executeTakeFirst();
  if (!campaign) return;
  const households = await tx
    .selectFrom('households')
    .select('unit_path')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(startsWith('households.unit_path', district.path))
    .groupBy('unit_path')
    .execute();
  const weights = communes.map(({ commune }) =>
    households
      .filter((h) => h.unit_path.startsWith(commune.path))
      .reduce((s, h) => s + Number(h.n), 0),
  );
  const coverageTarget = Math.round(0.6 * weights.reduce((s, w) => s + w, 0));
  const coverage = newId();
  const share = newId();
  await tx
    .insertInto('indicators')
    .values([
      { id: coverage, campaign_id: campaign.id, kind: 'chat_coverage', sort: 100 },
      { id: share, campaign_id: campaign.id, kind: 'working_age_share', sort: 101 },
    ])
    .execute();
  const perCommune = splitTarget(coverageTarget, weights);
  const target = (indicatorId: string, unit: UnitRow, value: number) => ({
    indicator_id: indicatorId,
    unit_id: unit.id,
    unit_path: unit.path,
    value,
    updated_at: now,
    updated_by: null,
  });
  await tx
    .insertInto('targets')
    .values([
      target(coverage, district, coverageTarget),
      ...communes.map(({ commune }, i) => target(coverage, commune, perCommune[i])),
      target(share, district, 70),
      ...communes.map(({ commune }) => target(share, commune, 70)),
    ])
    .execute();
}
