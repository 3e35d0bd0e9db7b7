import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';
import {
  AFFILIATION_LABELS,
  checkComposition,
  DECISION_SYMBOL,
  formatDecisionNumber,
  suggestDecisionNumber,
  type Affiliation,
  type DecisionBody,
  type DecisionDto,
  type DecisionFormDto,
  type Sex,
  type SignAuthority,
  type TeamRole,
} from '@toso/domain/teams';
import type { Db, Executor } from '../../db/db';
import { AppError, invalid, notFound } from '../../lib/app-error';
import { newId, nowIso, todayInVietnam } from '../../lib/ids';
import type { Scope } from '../../lib/scope';
import type { Actor } from '../../plugins/auth';
import { recordAudit } from '../audit/audit.service';
import { findFileInScope, insertFile } from '../files/files.repository';
import { assertScan, MAX_SCAN_BYTES } from '../files/file-types';
import { effectiveSettings } from '../settings/settings.service';
import { listMembersOfTeams, updateTeam } from '../teams/teams.repository';
import { getTeamInScope } from '../teams/teams.service';
import { findUnitsByIds } from '../units/units.repository';
import { renderDecisionDocx } from './decision-docx';
import {
  findDecisionInScope,
  insertDecision,
  latestDecisionsOfTeams,
  updateDecision,
  usedNumbers,
  type DecisionRow,
} from './decisions.repository';

type DecisionView = DecisionRow & { scan_mime: string | null };

function toDto(d: DecisionView): DecisionDto {
  return {
    id: d.id,
    teamId: d.team_id,
    communeId: d.commune_id,
    year: d.year,
    number: d.number,
    formattedNumber: formatDecisionNumber(d.number, d.symbol),
    decidedOn: d.decided_on,
    signerName: d.signer_name,
    signAuthority: d.sign_authority as SignAuthority,
    legalGrounds: JSON.parse(d.legal_grounds) as string[],
    proposer: d.proposer,
    duties: JSON.parse(d.duties) as string[],
    recipients: JSON.parse(d.recipients) as string[],
    status: d.status as 'draft' | 'issued',
    hasScan: d.scan_file_id !== null,
    scanMime: d.scan_mime,
    issuedAt: d.issued_at,
  };
}

export async function getDecisionInScope(
  db: Executor,
  scope: Scope,
  id: string,
): Promise<DecisionView> {
  const d = await findDecisionInScope(db, scope, id);
  if (!d) throw notFound('Không tìm thấy quyết định');
  return d;
}

export async function getDecisionForActor(db: Db, actor: Actor, id: string): Promise<DecisionDto> {
  return toDto(await getDecisionInScope(db, actor.scope, id));
}

/** The decision form: the team's saved decision, or the commune's next number and the settings' texts. */
export async function proposeDecision(
  db: Db,
  actor: Actor,
  teamId: string,
): Promise<DecisionFormDto> {
  const team = await getTeamInScope(db, actor.scope, teamId);
  if (!team.commune_id) throw invalid('teamId', 'Xóm của Tổ không thuộc xã nào');
  const existing = (await latestDecisionsOfTeams(db, [team.id])).get(team.id);
  if (existing) {
    const dto = toDto(await getDecisionInScope(db, actor.scope, existing.id));
    const {
      number,
      decidedOn,
      signerName,
      signAuthority,
      legalGrounds,
      proposer,
      duties,
      recipients,
    } = dto;
    return {
      decision: dto,
      proposal: {
        number,
        decidedOn,
        signerName,
        signAuthority,
        legalGrounds,
        proposer,
        duties,
        recipients,
      },
    };
  }
  const date = todayInVietnam();
  const settings = await effectiveSettings(db, team.unit_path);
  const [district] = await findUnitsByIds(
    db,
    team.unit_path.split('/').filter(Boolean).slice(-4, -3),
  );
  const recipients = ['Như Điều 3'];
  if (district && district.level === 'district') {
    recipients.push(`UBND ${district.name.replace(/^Huyện/, 'huyện')} (Phòng VH-TT) (b/c)`);
  }
  return {
    decision: null,
    proposal: {
      number: suggestDecisionNumber(
        await usedNumbers(db, team.commune_id, Number(date.slice(0, 4))),
      ),
      decidedOn: date,
      signerName: '',
      signAuthority: 'chairman',
      legalGrounds: settings.legalGrounds,
      proposer: 'Theo đề nghị của công chức Văn hóa - Xã hội xã',
      duties: settings.duties,
      recipients,
    },
  };
}

async function assertNumberFree(
  db: Executor,
  communeId: string,
  year: number,
  number: number,
  exceptId?: string,
) {
  const used = await usedNumbers(db, communeId, year, exceptId);
  if (used.includes(number)) {
    const next = suggestDecisionNumber(used);
    throw new AppError('conflict', `Số ${formatDecisionNumber(number)} năm ${year} đã được dùng`, [
      {
        path: 'body.number',
        message: `Số này đã dùng trong năm ${year}; số tiếp theo là ${String(next).padStart(2, '0')}`,
      },
    ]);
  }
}

function isUniqueViolation(e: unknown): boolean {
  const msg = String((e as { message?: string })?.message ?? '');
  return /UNIQUE constraint|duplicate key value/.test(msg);
}

/** Creates the team's draft decision, or updates it while it is still a draft. */
export async function saveDraft(
  db: Db,
  actor: Actor,
  teamId: string,
  body: DecisionBody,
): Promise<DecisionDto> {
  const team = await getTeamInScope(db, actor.scope, teamId);
  if (team.status !== 'proposed')
    throw new AppError('conflict', 'Tổ đã được thành lập hoặc đã giải thể');
  if (!team.commune_id) throw invalid('teamId', 'Xóm của Tổ không thuộc xã nào');
  const communeId = team.commune_id;
  const year = Number(body.decidedOn.slice(0, 4));
  const existing = (await latestDecisionsOfTeams(db, [team.id])).get(team.id);
  if (existing && existing.status !== 'draft')
    throw new AppError('conflict', 'Quyết định đã ban hành');
  const fields = {
    year,
    number: body.number,
    decided_on: body.decidedOn,
    signer_name: body.signerName,
    sign_authority: body.signAuthority,
    legal_grounds: JSON.stringify(body.legalGrounds),
    proposer: body.proposer,
    duties: JSON.stringify(body.duties),
    recipients: JSON.stringify(body.recipients),
    updated_at: nowIso(),
  };
  const id = existing?.id ?? newId();
  try {
    await db.transaction().execute(async (tx) => {
      await assertNumberFree(tx, communeId, year, body.number, existing?.id);
      if (existing) await updateDecision(tx, id, fields);
      else {
        await insertDecision(tx, {
          id,
          team_id: team.id,
          commune_id: communeId,
          unit_path: team.unit_path,
          symbol: DECISION_SYMBOL,
          status: 'draft',
          scan_file_id: null,
          issued_at: null,
          created_at: fields.updated_at,
          ...fields,
        });
      }
      await recordAudit(tx, actor, {
        entity: 'decision',
        entityId: id,
        action: existing ? 'update_draft' : 'create_draft',
        unitPath: team.unit_path,
        summary: {
          after: {
            teamId: team.id,
            number: formatDecisionNumber(body.number),
            decidedOn: body.decidedOn,
          },
        },
      });
    });
  } catch (e) {
    if (isUniqueViolation(e))
      await assertNumberFree(db, communeId, year, body.number, existing?.id);
    throw e;
  }
  return getDecisionForActor(db, actor, id);
}

/** The decision as a Word document in the Decree 30/2020 layout. */
export async function decisionDocx(
  db: Db,
  scope: Scope,
  id: string,
): Promise<{ data: Buffer; filename: string }> {
  const d = await getDecisionInScope(db, scope, id);
  const team = await getTeamInScope(db, scope, d.team_id);
  const [commune] = await findUnitsByIds(db, [d.commune_id]);
  const members = (await listMembersOfTeams(db, [team.id])).filter((m) => m.left_on === null);
  const data = await renderDecisionDocx({
    communeName: commune?.name ?? '',
    number: formatDecisionNumber(d.number, d.symbol),
    date: d.decided_on,
    teamName: team.name,
    hamletName: team.hamlet_name,
    legalGrounds: JSON.parse(d.legal_grounds) as string[],
    proposer: d.proposer,
    members: members.map((m) => ({
      fullName: m.full_name,
      sex: m.sex as Sex | null,
      position: m.position,
      affiliationLabel: AFFILIATION_LABELS[m.affiliation as Affiliation],
      teamRole: m.role as TeamRole,
      phone: m.phone,
    })),
    duties: JSON.parse(d.duties) as string[],
    recipients: JSON.parse(d.recipients) as string[],
    signAuthority: d.sign_authority as SignAuthority,
    signerName: d.signer_name,
  });
  const filename = `QD-${String(d.number).padStart(2, '0')}-${d.year}-${team.hamlet_name}.docx`;
  return { data, filename };
}

/** Several decisions' documents in one zip. */
export async function decisionsZip(db: Db, scope: Scope, ids: string[]): Promise<Buffer> {
  const files: Record<string, Uint8Array> = {};
  for (const id of [...new Set(ids)]) {
    const { data, filename } = await decisionDocx(db, scope, id);
    files[filename] = new Uint8Array(data);
  }
  return Buffer.from(zipSync(files, { level: 6 }));
}

export async function uploadScan(
  db: Db,
  actor: Actor,
  id: string,
  data: Buffer,
  originalName: string,
) {
  const d = await getDecisionInScope(db, actor.scope, id);
  if (d.status !== 'draft')
    throw new AppError('conflict', 'Quyết định đã ban hành: không thay bản quét');
  if (data.length > MAX_SCAN_BYTES)
    throw new AppError('payload_too_large', 'Bản quét lớn hơn 10 MB');
  const mime = assertScan(data);
  const fileId = newId();
  await db.transaction().execute(async (tx) => {
    await insertFile(tx, {
      id: fileId,
      unit_path: d.unit_path,
      purpose: 'decision_scan',
      mime,
      size: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
      original_name: originalName.slice(0, 200),
      data,
      created_at: nowIso(),
      created_by: actor.userId,
    });
    await updateDecision(tx, id, { scan_file_id: fileId, updated_at: nowIso() });
    await recordAudit(tx, actor, {
      entity: 'decision',
      entityId: id,
      action: 'upload_scan',
      unitPath: d.unit_path,
      summary: { after: { fileId, mime, size: data.length } },
    });
  });
  return getDecisionForActor(db, actor, id);
}

export async function getScan(db: Db, scope: Scope, id: string) {
  const d = await getDecisionInScope(db, scope, id);
  if (!d.scan_file_id) throw notFound('Chưa có bản quét');
  const file = await findFileInScope(db, scope, d.scan_file_id);
  if (!file) throw notFound('Chưa có bản quét');
  return file;
}

/** Marks the decision issued, which establishes the team; an incomplete team needs a reason. */
export async function issueDecision(db: Db, actor: Actor, id: string, compositionReason?: string) {
  const d = await getDecisionInScope(db, actor.scope, id);
  if (d.status !== 'draft') throw new AppError('conflict', 'Quyết định đã ban hành');
  if (!d.scan_file_id) {
    throw new AppError(
      'validation_failed',
      'Tải lên bản quét quyết định đã ký trước khi ban hành',
      [{ path: 'scan', message: 'Chưa có bản quét' }],
    );
  }
  if (!d.signer_name.trim()) throw invalid('body.signerName', 'Thiếu người ký');
  const team = await getTeamInScope(db, actor.scope, d.team_id);
  const settings = await effectiveSettings(db, team.unit_path);
  const members = (await listMembersOfTeams(db, [team.id])).filter((m) => m.left_on === null);
  if (members.length === 0) {
    throw new AppError(
      'validation_failed',
      'Tổ chưa có thành viên nào: thêm thành viên trước khi ban hành',
      [{ path: 'members', message: 'Tổ chưa có thành viên' }],
    );
  }
  const composition = checkComposition(
    members.map((m) => ({ affiliation: m.affiliation as Affiliation, role: m.role as TeamRole })),
    settings,
  );
  if (!composition.isComplete && !compositionReason) {
    throw new AppError('validation_failed', 'Tổ chưa đủ thành phần: nêu lý do để vẫn thành lập', [
      {
        path: 'body.compositionReason',
        message: composition.issues.map((i) => i.message).join('; '),
      },
    ]);
  }
  const now = nowIso();
  await db.transaction().execute(async (tx) => {
    await updateDecision(tx, id, { status: 'issued', issued_at: now, updated_at: now });
    await updateTeam(tx, team.id, {
      status: 'established',
      established_on: d.decided_on,
      composition_reason: composition.isComplete ? null : (compositionReason ?? null),
      updated_at: now,
    });
    await recordAudit(tx, actor, {
      entity: 'decision',
      entityId: id,
      action: 'issue',
      unitPath: d.unit_path,
      summary: {
        before: { status: 'draft', teamStatus: team.status },
        after: {
          status: 'issued',
          teamStatus: 'established',
          establishedOn: d.decided_on,
          compositionReason: composition.isComplete ? null : compositionReason,
        },
      },
    });
  });
  return getDecisionForActor(db, actor, id);
}
