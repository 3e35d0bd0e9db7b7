import {
  MAX_GUIDE_BYTES,
  MAX_VIDEO_BYTES,
  type MaterialBody,
  type MaterialDto,
  type MaterialKind,
  type MaterialTopic,
} from '@toso/domain/library';
import { hasPermission } from '@toso/domain/roles';
import { foldText } from '@toso/domain/text';
import type { Db, Executor } from '../../db/db';
import { AppError, forbidden, notFound } from '../../lib/app-error';
import { newId, nowIso } from '../../lib/ids';
import { contains } from '../../lib/sql';
import type { Actor } from '../../plugins/auth';
import { recordAudit } from '../audit/audit.service';
import { getPlatform } from '../supports/platforms.service';
import { assertLibraryFile, storeLibraryFile, type LibraryMime } from './library-files';
import { inProvince, pathInProvince } from './library-scope';
import { onPage } from '../../lib/paging';

export const ACCEPTED: Record<MaterialKind, { types: LibraryMime[]; max: number }> = {
  guide: { types: ['application/pdf', 'image/png', 'image/jpeg'], max: MAX_GUIDE_BYTES },
  video: { types: ['video/mp4', 'video/webm'], max: MAX_VIDEO_BYTES },
};

function materialsQuery(db: Executor) {
  return db
    .selectFrom('materials as m')
    .leftJoin('platforms as p', 'p.id', 'm.platform_id')
    .leftJoin('units as u', 'u.id', 'm.unit_id')
    .leftJoin('files as f', 'f.id', 'm.file_id')
    .select([
      'm.id',
      'm.kind',
      'm.title',
      'm.description',
      'm.language',
      'm.source',
      'm.platform_id',
      'p.name as platform_name',
      'm.topic',
      'm.url',
      'm.unit_id',
      'm.unit_path',
      'u.name as unit_name',
      'm.created_by',
      'm.created_at',
      'f.mime as file_mime',
      'f.size as file_size',
      'f.original_name as file_name',
    ]);
}
type MaterialRow = Awaited<
  ReturnType<ReturnType<typeof materialsQuery>['executeTakeFirstOrThrow']>
>;

/** Officers edit what lies in their subtree; a partner only what they added themselves. */
export function canEditMaterial(actor: Actor, m: { unit_path: string; created_by: string | null }) {
  if (!hasPermission(actor.role, 'materials:write')) return false;
  if (actor.role === 'partner') return m.created_by === actor.userId;
  return actor.scope.contains(m.unit_path);
}

function toDto(actor: Actor, r: MaterialRow): MaterialDto {
  return {
    id: r.id,
    kind: r.kind as MaterialKind,
    title: r.title,
    description: r.description,
    language: r.language as MaterialDto['language'],
    source: r.source,
    platformId: r.platform_id,
    platformName: r.platform_name,
    topic: r.topic as MaterialTopic,
    url: r.url,
    file:
      r.file_mime && r.file_name
        ? { mime: r.file_mime, size: Number(r.file_size), name: r.file_name }
        : null,
    unitId: r.unit_id,
    unitName: r.unit_name,
    createdAt: r.created_at,
    canEdit: canEditMaterial(actor, r),
  };
}

export async function listMaterials(
  db: Db,
  actor: Actor,
  q: {
    q?: string;
    platformId?: string;
    topic?: MaterialTopic;
    kind?: MaterialKind;
    page: number;
    pageSize: number;
  },
) {
  let base = db.selectFrom('materials as m').where(inProvince(actor.scope, 'm.unit_path'));
  const folded = q.q ? foldText(q.q) : '';
  if (folded) base = base.where(contains('m.text_folded', folded));
  if (q.platformId) base = base.where('m.platform_id', '=', q.platformId);
  if (q.topic) base = base.where('m.topic', '=', q.topic);
  if (q.kind) base = base.where('m.kind', '=', q.kind);
  const [{ total }] = await base.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const ids = await base
    .select('m.id')
    .orderBy('m.created_at', 'desc')
    .orderBy('m.id')
    .$call(onPage(q))
    .execute();
  const rows =
    ids.length === 0
      ? []
      : await materialsQuery(db)
          .where(
            'm.id',
            'in',
            ids.map((r) => r.id),
          )
          .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    items: ids.map((r) => toDto(actor, byId.get(r.id)!)),
    total: Number(total),
    page: q.page,
    pageSize: q.pageSize,
  };
}

async function findMaterial(db: Executor, actor: Actor, id: string): Promise<MaterialRow> {
  const row = await materialsQuery(db).where('m.id', '=', id).executeTakeFirst();
  if (!row || !pathInProvince(actor.scope, row.unit_path))
    throw notFound('Không tìm thấy tài liệu');
  return row;
}

export async function getMaterial(db: Db, actor: Actor, id: string): Promise<MaterialDto> {
  return toDto(actor, await findMaterial(db, actor, id));
}

async function findEditable(db: Executor, actor: Actor, id: string): Promise<MaterialRow> {
  const row = await findMaterial(db, actor, id);
  if (!canEditMaterial(actor, row)) throw forbidden('Bạn không sửa được tài liệu này');
  return row;
}

function fieldsOf(body: MaterialBody) {
  return {
    kind: body.kind,
    title: body.title.normalize('NFC'),
    description: body.description.normalize('NFC'),
    text_folded: foldText(`${body.title} ${body.description} ${body.source}`),
    language: body.language,
    source: body.source.normalize('NFC'),
    platform_id: body.platformId,
    topic: body.topic,
    url: body.url,
  };
}

export async function saveMaterial(
  db: Db,
  actor: Actor,
  id: string | null,
  body: MaterialBody,
): Promise<MaterialDto> {
  if (body.platformId) await getPlatform(db, body.platformId);
  const now = nowIso();
  const materialId = id ?? newId();
  await db.transaction().execute(async (tx) => {
    let unitPath = actor.unitPath ?? '/';
    if (id) {
      const before = await findEditable(tx, actor, id);
      unitPath = before.unit_path;
      if (before.kind !== body.kind && before.file_mime) {
        const accepted = ACCEPTED[body.kind].types as string[];
        if (!accepted.includes(before.file_mime))
          throw new AppError('validation_failed', 'Tệp đã tải lên không hợp với loại tài liệu', [
            { path: 'body.kind', message: 'Tệp đã tải lên không hợp với loại tài liệu' },
          ]);
      }
      await tx
        .updateTable('materials')
        .set({ ...fieldsOf(body), updated_at: now })
        .where('id', '=', id)
        .execute();
    } else {
      await tx
        .insertInto('materials')
        .values({
          id: materialId,
          unit_id: actor.unitId,
          unit_path: unitPath,
          ...fieldsOf(body),
          file_id: null,
          created_by: actor.userId,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    await recordAudit(tx, actor, {
      entity: 'material',
      entityId: materialId,
      action: id ? 'update' : 'create',
      unitPath,
      summary: { after: { title: body.title, kind: body.kind, topic: body.topic } },
    });
  });
  return getMaterial(db, actor, materialId);
}

export async function uploadMaterialFile(
  db: Db,
  actor: Actor,
  id: string,
  data: Buffer,
  filename: string,
): Promise<MaterialDto> {
  const m = await findEditable(db, actor, id);
  const accepted = ACCEPTED[m.kind as MaterialKind];
  const mime = assertLibraryFile(data, accepted.types, accepted.max);
  await db.transaction().execute(async (tx) => {
    const previous = await tx
      .selectFrom('materials')
      .select('file_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const fileId = await storeLibraryFile(tx, {
      unitPath: m.unit_path,
      purpose: 'material',
      mime,
      data,
      name: filename,
      userId: actor.userId,
    });
    await tx
      .updateTable('materials')
      .set({ file_id: fileId, updated_at: nowIso() })
      .where('id', '=', id)
      .execute();
    if (previous.file_id) await tx.deleteFrom('files').where('id', '=', previous.file_id).execute();
    await recordAudit(tx, actor, {
      entity: 'material',
      entityId: id,
      action: 'upload_file',
      unitPath: m.unit_path,
      summary: { after: { fileId, mime, size: data.length } },
    });
  });
  return getMaterial(db, actor, id);
}

export async function getMaterialFile(db: Db, actor: Actor, id: string) {
  await findMaterial(db, actor, id);
  const file = await db
    .selectFrom('materials as m')
    .innerJoin('files as f', 'f.id', 'm.file_id')
    .select(['f.data', 'f.mime', 'f.original_name'])
    .where('m.id', '=', id)
    .executeTakeFirst();
  if (!file) throw notFound('Tài liệu này không có tệp');
  return file;
}

export async function deleteMaterial(db: Db, actor: Actor, id: string): Promise<void> {
  const m = await findEditable(db, actor, id);
  await db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('materials')
      .select('file_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await tx.deleteFrom('materials').where('id', '=', id).execute();
    if (row.file_id) await tx.deleteFrom('files').where('id', '=', row.file_id).execute();
    await recordAudit(tx, actor, {
      entity: 'material',
      entityId: id,
      action: 'delete',
      unitPath: m.unit_path,
      summary: { before: { title: m.title, kind: m.kind } },
    });
  });
}
