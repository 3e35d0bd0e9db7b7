import {
  DEFAULT_SETTINGS,
  programmeSettingsBody,
  type ProgrammeSettings,
  type ProgrammeSettingsDto,
} from '@toso/domain/teams';
import type { Db, Executor } from '../../db/db';
import { invalid } from '../../lib/app-error';
import { nowIso } from '../../lib/ids';
import type { Actor } from '../../plugins/auth';
import { recordAudit } from '../audit/audit.service';
import { findUnitsByIds } from '../units/units.repository';
import { getUnitInScope } from '../units/units.service';
import { findSettingsForUnits, upsertSettings } from './settings.repository';

function idsOfPath(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** The settings in force for a unit: those of its nearest ancestor that has any, else the plan's. */
export async function effectiveSettings(
  db: Executor,
  unitPath: string,
): Promise<ProgrammeSettingsDto> {
  const ids = idsOfPath(unitPath);
  const rows = await findSettingsForUnits(db, ids);
  const nearest = rows.sort((a, b) => ids.indexOf(b.unit_id) - ids.indexOf(a.unit_id))[0];
  if (!nearest) return { ...DEFAULT_SETTINGS, unitId: null, unitName: null, isDefault: true };
  const [unit] = await findUnitsByIds(db, [nearest.unit_id]);
  const parsed = programmeSettingsBody.safeParse(JSON.parse(nearest.settings));
  const settings = parsed.success ? parsed.data : DEFAULT_SETTINGS;
  return { ...settings, unitId: nearest.unit_id, unitName: unit?.name ?? null, isDefault: false };
}

export async function getSettingsForActor(db: Db, actor: Actor, unitId?: string) {
  if (unitId) return effectiveSettings(db, (await getUnitInScope(db, actor.scope, unitId)).path);
  return effectiveSettings(db, actor.unitPath ?? '/');
}

export async function saveSettings(
  db: Db,
  actor: Actor,
  unitId: string,
  body: ProgrammeSettings,
): Promise<ProgrammeSettingsDto> {
  const unit = await getUnitInScope(db, actor.scope, unitId);
  if (unit.level !== 'district' && unit.level !== 'province') {
    throw invalid('unitId', 'Chỉ huyện hoặc tỉnh đặt cấu hình chương trình');
  }
  if (body.teamSizeMin > body.teamSizeMax) {
    throw invalid('body.teamSizeMin', 'Số thành viên tối thiểu phải nhỏ hơn hoặc bằng tối đa');
  }
  body.phases.forEach((p, i) => {
    if (p.from > p.to) throw invalid(`body.phases.${i}.to`, 'Ngày kết thúc phải sau ngày bắt đầu');
  });
  const before = await effectiveSettings(db, unit.path);
  await db.transaction().execute(async (tx) => {
    await upsertSettings(tx, {
      unit_id: unit.id,
      settings: JSON.stringify(body),
      updated_at: nowIso(),
      updated_by: actor.userId,
    });
    await recordAudit(tx, actor, {
      entity: 'programme_settings',
      entityId: unit.id,
      action: 'update',
      unitPath: unit.path,
      summary: {
        before: {
          deadline: before.establishmentDeadline,
          size: [before.teamSizeMin, before.teamSizeMax],
        },
        after: { deadline: body.establishmentDeadline, size: [body.teamSizeMin, body.teamSizeMax] },
      },
    });
  });
  return effectiveSettings(db, unit.path);
}
