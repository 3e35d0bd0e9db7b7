import { DEFAULT_WEIGHTS } from '@toso/domain/evaluation';
import type { Tx } from '../../db/db';
import { newId } from '../../lib/ids';
import { rebuildKpiCounts } from '../dashboard/kpi-counts';
import type { UnitRow } from '../units/units.repository';

/** The timeline of Plan 174/KH-UBND (section on implementation time). */
export const PILOT_PHASES = [
  { name: 'Thành lập các Tổ công nghệ số cộng đồng', startsOn: '2022-05-16', endsOn: '2022-05-31' },
  {
    name: 'Tuyên truyền, hướng dẫn các nền tảng số đến người dân',
    startsOn: '2022-06-01',
    endsOn: '2022-11-30',
  },
  {
    name: 'Đánh giá kết quả, xây dựng kế hoạch giai đoạn tiếp theo',
    startsOn: '2022-12-01',
    endsOn: '2022-12-31',
  },
];

/**
 * The 2022 pilot's phases and the district's default evaluation weights; then the KPI counts
 * rebuilt once (the demo writes support records directly, without the sync path).
 */
export async function seedDemoDashboard(tx: Tx, district: UnitRow, now: string): Promise<void> {
  const campaigns = await tx
    .selectFrom('campaigns')
    .select('id')
    .where('unit_id', '=', district.id)
    .execute();
  for (const c of campaigns)
    await tx
      .insertInto('campaign_phases')
      .values(
        PILOT_PHASES.map((p, i) => ({
          id: newId(),
          campaign_id: c.id,
          name: p.name,
          starts_on: p.startsOn,
          ends_on: p.endsOn,
          sort: i,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  await tx
    .insertInto('evaluation_weights')
    .values({
      unit_id: district.id,
      unit_path: district.path,
      ...DEFAULT_WEIGHTS,
      updated_at: now,
      updated_by: null,
    })
    .execute();
  await rebuildKpiCounts(tx);
}
