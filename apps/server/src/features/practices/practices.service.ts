import { sql } from 'kysely';
import {
  excerptOf,
  type CommentDto,
  MAX_PHOTO_BYTES,
  monthRangeDates,
  type PracticeBody,
  type PracticeDto,
  type PracticeStatus,
  type PracticeSummaryDto,
} from '@toso/domain/library';
import type { Outcome } from '@toso/domain/platforms';
import { hasPermission } from '@toso/domain/roles';
import { foldText } from '@toso/domain/text';
import type { Db, Executor } from '../../db/db';
import type { PracticesTable } from '../../db/schema';
import { AppError, forbidden, invalid, notFound } from '../../lib/app-error';
import { newId, nowIso } from '../../lib/ids';
import { contains } from '../../lib/sql';
import type { Actor } from '../../plugins/auth';
import { recordAudit } from '../audit/audit.service';
import { assertLibraryFile, storeLibraryFile } from '../materials/library-files';
import { inProvince, pathInProvince } from '../materials/library-scope';
import { findUnitsInScope } from '../units/units.repository';
import { onPage } from '../../lib/paging';

export const MAX_PHOTOS = 6;

/**
 * Who reads a practice: published ones across the province; a draft only in its own unit (and
 * by its author).
 */
function visible(actor: Actor) {
  return sql<boolean>`((${sql.ref('p.status')} = 'published' AND ${inProvince(actor.scope, 'p.unit_path')}) OR (${sql.ref('p.status')} = 'draft' AND (${sql.ref('p.unit_path')} = ${actor.scope.path} OR ${sql.ref('p.author_id')} = ${actor.userId})))`;
}

function isVisible(actor: Actor, p: PracticesTable): boolean {
  if (p.status === 'published') return pathInProvince(actor.scope, p.unit_path);
  return p.unit_path === actor.scope.path || p.author_id === actor.userId;
}

/** The posting unit and the officers above it edit a practice; others of the province only read. */
export function canEditPractice(actor: Actor, p: PracticesTable): boolean {
  return hasPermission(actor.role, 'practices:write') && actor.scope.contains(p.unit_path);
}

function canFeature(actor: Actor, p: PracticesTable): boolean {
  return (
    p.status === 'published' &&
    hasPermission(actor.role, 'practices:feature') &&
    actor.scope.contains(p.unit_path)
  );
}

async function findVisible(db: Executor, actor: Actor, id: string): Promise<PracticesTable> {
  const p = await db.selectFrom('practices').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p || !isVisible(actor, p)) throw notFound('Không tìm thấy cách làm hay');
  return p;
}

async function findEditable(db: Executor, actor: Actor, id: string): Promise<PracticesTable> {
  const p = await findVisible(db, actor, id);
  if (!canEditPractice(actor, p))
    throw forbidden('Chỉ đơn vị đăng bài (và cấp trên) được sửa cách làm hay này');
  return p;
}

export async function listPractices(
  db: Db,
  actor: Actor,
  q: { q?: string; status?: PracticeStatus; featured?: '0' | '1'; page: number; pageSize: number },
) {
  let base = db.selectFrom('practices as p').where(visible(actor));
  const folded = q.q ? foldText(q.q) : '';
  if (folded) base = base.where(contains('p.text_folded', folded));
  if (q.status) base = base.where('p.status', '=', q.status);
  if (q.featured) base = base.where('p.featured', '=', Number(q.featured));
  const [{ total }] = await base.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await base
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .leftJoin('users as a', 'a.id', 'p.author_id')
    .select([
      'p.id',
      'p.title',
      'p.body',
      'p.unit_id',
      'u.name as unit_name',
      'a.full_name as author_name',
      'p.status',
      'p.featured',
      'p.published_at',
      'p.updated_at',
    ])
    .select((eb) => [
      eb
        .selectFrom('practice_photos as ph')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('ph.practice_id', '=', 'p.id')
        .as('photo_count'),
      eb
        .selectFrom('practice_comments as c')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('c.practice_id', '=', 'p.id')
        .as('comment_count'),
    ])
    // Featured first (the district's choice), then the newest published, drafts by last change.
    .orderBy('p.featured', 'desc')
    .orderBy(sql`coalesce(${sql.ref('p.published_at')}, ${sql.ref('p.updated_at')})`, 'desc')
    .orderBy('p.id')
    .$call(onPage(q))
    .execute();
  const items: PracticeSummaryDto[] = rows.map((r) => ({
    id: r.id,
    title: r.title,
    excerpt: excerptOf(r.body),
    unitId: r.unit_id,
    unitName: r.unit_name,
    authorName: r.author_name ?? '',
    status: r.status as PracticeStatus,
    featured: r.featured === 1,
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
    photoCount: Number(r.photo_count ?? 0),
    commentCount: Number(r.comment_count ?? 0),
  }));
  return { items, total: Number(total), page: q.page, pageSize: q.pageSize };
}

/** The live count behind a figure: support_counts of the unit, platform and months. */
async function figureCount(
  db: Executor,
  f: {
    unit_id: string;
    platform_id: string;
    outcome: string | null;
    from_month: string;
    to_month: string;
  },
): Promise<number> {
  let q = db
    .selectFrom('support_counts')
    .select((eb) => eb.fn.sum<number>('count').as('n'))
    .where('unit_id', '=', f.unit_id)
    .where('platform_id', '=', f.platform_id)
    .where('month', '>=', f.from_month)
    .where('month', '<=', f.to_month);
  if (f.outcome) q = q.where('outcome', '=', f.outcome);
  const row = await q.executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function getPractice(db: Db, actor: Actor, id: string): Promise<PracticeDto> {
  const p = await findVisible(db, actor, id);
  const [unit, author, figures, photos, commentCount] = await Promise.all([
    db.selectFrom('units').select('name').where('id', '=', p.unit_id).executeTakeFirstOrThrow(),
    db.selectFrom('users').select('full_name').where('id', '=', p.author_id).executeTakeFirst(),
    db
      .selectFrom('practice_figures as f')
      .innerJoin('platforms as pl', 'pl.id', 'f.platform_id')
      .innerJoin('units as u', 'u.id', 'f.unit_id')
      .selectAll('f')
      .select(['pl.name as platform_name', 'u.name as unit_name', 'u.path as unit_path'])
      .where('f.practice_id', '=', id)
      .orderBy('f.sort')
      .execute(),
    db
      .selectFrom('practice_photos as ph')
      .innerJoin('files as fi', 'fi.id', 'ph.file_id')
      .select(['ph.file_id', 'fi.original_name'])
      .where('ph.practice_id', '=', id)
      .orderBy('ph.sort')
      .execute(),
    db
      .selectFrom('practice_comments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('practice_id', '=', id)
      .executeTakeFirstOrThrow(),
  ]);
  const editable = canEditPractice(actor, p);
  const seesRecords = hasPermission(actor.role, 'residents:read');
  return {
    id: p.id,
    title: p.title,
    excerpt: excerptOf(p.body),
    body: p.body,
    unitId: p.unit_id,
    unitName: unit.name,
    authorName: author?.full_name ?? '',
    status: p.status as PracticeStatus,
    featured: p.featured === 1,
    publishedAt: p.published_at,
    updatedAt: p.updated_at,
    photoCount: photos.length,
    commentCount: Number(commentCount.n),
    photos: photos.map((ph) => ({ id: ph.file_id, name: ph.original_name })),
    figures: await Promise.all(
      figures.map(async (f) => {
        const { from, to } = monthRangeDates(f.from_month, f.to_month);
        const query = new URLSearchParams({
          unitId: f.unit_id,
          platformId: f.platform_id,
          ...(f.outcome ? { outcome: f.outcome } : {}),
          from,
          to,
        });
        return {
          id: f.id,
          label: f.label,
          platformId: f.platform_id,
          platformName: f.platform_name,
          unitId: f.unit_id,
          unitName: f.unit_name,
          outcome: f.outcome as Outcome | null,
          fromMonth: f.from_month,
          toMonth: f.to_month,
          count: await figureCount(db, f),
          recordsQuery: seesRecords && actor.scope.contains(f.unit_path) ? query.toString() : null,
        };
      }),
    ),
    canEdit: editable,
    canFeature: canFeature(actor, p),
  };
}

/** Every figure's platform exists and its unit is in the author's scope (one read of each). */
async function checkFigures(db: Executor, actor: Actor, body: PracticeBody): Promise<void> {
  if (body.figures.length === 0) return;
  const platformIds = [...new Set(body.figures.map((f) => f.platformId))];
  const platforms = new Set(
    (await db.selectFrom('platforms').select('id').where('id', 'in', platformIds).execute()).map(
      (p) => p.id,
    ),
  );
  const unitIds = [...new Set(body.figures.map((f) => f.unitId))];
  const units = new Set((await findUnitsInScope(db, actor.scope, unitIds)).map((u) => u.id));
  for (const [i, f] of body.figures.entries()) {
    if (!platforms.has(f.platformId))
      throw invalid(`body.figures.${i}.platformId`, 'Không tìm thấy nền tảng');
    if (!units.has(f.unitId))
      throw invalid(`body.figures.${i}.unitId`, 'Đơn vị không thuộc phạm vi của bạn');
  }
}

async function writeFigures(tx: Executor, practiceId: string, body: PracticeBody) {
  await tx.deleteFrom('practice_figures').where('practice_id', '=', practiceId).execute();
  if (body.figures.length === 0) return;
  await tx
    .insertInto('practice_figures')
    .values(
      body.figures.map((f, i) => ({
        id: newId(),
        practice_id: practiceId,
        label: f.label.normalize('NFC'),
        platform_id: f.platformId,
        unit_id: f.unitId,
        outcome: f.outcome,
        from_month: f.fromMonth,
        to_month: f.toMonth,
        sort: i,
      })),
    )
    .execute();
}

/** Creates a draft in the user's unit, or updates a practice the user may edit. */
export async function savePractice(
  db: Db,
  actor: Actor,
  id: string | null,
  body: PracticeBody,
): Promise<string> {
  const now = nowIso();
  const practiceId = id ?? newId();
  const fields = {
    title: body.title.normalize('NFC'),
    body: body.body.normalize('NFC'),
    text_folded: foldText(`${body.title} ${body.body}`),
    updated_at: now,
  };
  await checkFigures(db, actor, body);
  await db.transaction().execute(async (tx) => {
    let unitPath: string;
    if (id) {
      const before = await findEditable(tx, actor, id);
      unitPath = before.unit_path;
      await tx.updateTable('practices').set(fields).where('id', '=', id).execute();
    } else {
      if (!actor.unitId || !actor.unitPath)
        throw new AppError(
          'validation_failed',
          'Tài khoản không thuộc đơn vị nào: không đăng được',
        );
      unitPath = actor.unitPath;
      await tx
        .insertInto('practices')
        .values({
          id: practiceId,
          unit_id: actor.unitId,
          unit_path: unitPath,
          ...fields,
          status: 'draft',
          featured: 0,
          published_at: null,
          author_id: actor.userId,
          created_at: now,
        })
        .execute();
    }
    await writeFigures(tx, practiceId, body);
    await recordAudit(tx, actor, {
      entity: 'practice',
      entityId: practiceId,
      action: id ? 'update' : 'create',
      unitPath,
      summary: { after: { title: body.title, figures: body.figures.length } },
    });
  });
  return practiceId;
}

export async function publishPractice(db: Db, actor: Actor, id: string): Promise<void> {
  const p = await findEditable(db, actor, id);
  if (p.status === 'published') throw new AppError('conflict', 'Cách làm hay đã được đăng');
  await db.transaction().execute(async (tx) => {
    const now = nowIso();
    await tx
      .updateTable('practices')
      .set({ status: 'published', published_at: now, updated_at: now })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, actor, {
      entity: 'practice',
      entityId: id,
      action: 'publish',
      unitPath: p.unit_path,
      summary: { after: { status: 'published' } },
    });
  });
}

export async function featurePractice(
  db: Db,
  actor: Actor,
  id: string,
  featured: boolean,
): Promise<void> {
  const p = await findVisible(db, actor, id);
  if (p.status !== 'published')
    throw new AppError('conflict', 'Chỉ nêu gương được cách làm hay đã đăng');
  if (!canFeature(actor, p))
    throw forbidden('Chỉ cán bộ huyện, tỉnh phụ trách đơn vị này được chọn nêu gương');
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('practices')
      .set({ featured: featured ? 1 : 0 })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, actor, {
      entity: 'practice',
      entityId: id,
      action: featured ? 'feature' : 'unfeature',
      unitPath: p.unit_path,
      summary: { before: { featured: p.featured === 1 }, after: { featured } },
    });
  });
}

export async function deletePractice(db: Db, actor: Actor, id: string): Promise<void> {
  const p = await findEditable(db, actor, id);
  await db.transaction().execute(async (tx) => {
    const photos = await tx
      .selectFrom('practice_photos')
      .select('file_id')
      .where('practice_id', '=', id)
      .execute();
    await tx.deleteFrom('practice_comments').where('practice_id', '=', id).execute();
    await tx.deleteFrom('practice_figures').where('practice_id', '=', id).execute();
    await tx.deleteFrom('practice_photos').where('practice_id', '=', id).execute();
    if (photos.length > 0)
      await tx
        .deleteFrom('files')
        .where(
          'id',
          'in',
          photos.map((ph) => ph.file_id),
        )
        .execute();
    await tx.deleteFrom('practices').where('id', '=', id).execute();
    await recordAudit(tx, actor, {
      entity: 'practice',
      entityId: id,
      action: 'delete',
      unitPath: p.unit_path,
      summary: { before: { title: p.title, status: p.status } },
    });
  });
}

export async function addPhoto(
  db: Db,
  actor: Actor,
  id: string,
  data: Buffer,
  filename: string,
): Promise<void> {
  const p = await findEditable(db, actor, id);
  const mime = assertLibraryFile(data, ['image/jpeg', 'image/png'], MAX_PHOTO_BYTES);
  await db.transaction().execute(async (tx) => {
    const existing = await tx
      .selectFrom('practice_photos')
      .select('sort')
      .where('practice_id', '=', id)
      .orderBy('sort', 'desc')
      .execute();
    if (existing.length >= MAX_PHOTOS)
      throw new AppError('validation_failed', `Mỗi cách làm hay có nhiều nhất ${MAX_PHOTOS} ảnh`, [
        { path: 'file', message: `Đã đủ ${MAX_PHOTOS} ảnh` },
      ]);
    const fileId = await storeLibraryFile(tx, {
      unitPath: p.unit_path,
      purpose: 'practice_photo',
      mime,
      data,
      name: filename,
      userId: actor.userId,
    });
    await tx
      .insertInto('practice_photos')
      .values({ practice_id: id, file_id: fileId, sort: (existing[0]?.sort ?? -1) + 1 })
      .execute();
    await tx.updateTable('practices').set({ updated_at: nowIso() }).where('id', '=', id).execute();
    await recordAudit(tx, actor, {
      entity: 'practice',
      entityId: id,
      action: 'add_photo',
      unitPath: p.unit_path,
      summary: { after: { fileId, mime, size: data.length } },
    });
  });
}

export async function getPhoto(db: Db, actor: Actor, id: string, fileId: string) {
  await findVisible(db, actor, id);
  const photo = await db
    .selectFrom('practice_photos as ph')
    .innerJoin('files as f', 'f.id', 'ph.file_id')
    .select(['f.data', 'f.mime', 'f.original_name'])
    .where('ph.practice_id', '=', id)
    .where('ph.file_id', '=', fileId)
    .executeTakeFirst();
  if (!photo) throw notFound('Không tìm thấy ảnh');
  return photo;
}

export async function removePhoto(db: Db, actor: Actor, id: string, fileId: string) {
  const p = await findEditable(db, actor, id);
  await db.transaction().execute(async (tx) => {
    const removed = await tx
      .deleteFrom('practice_photos')
      .where('practice_id', '=', id)
      .where('file_id', '=', fileId)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) throw notFound('Không tìm thấy ảnh');
    await tx.deleteFrom('files').where('id', '=', fileId).execute();
    await recordAudit(tx, actor, {
      entity: 'practice',
      entityId: id,
      action: 'remove_photo',
      unitPath: p.unit_path,
      summary: { before: { fileId } },
    });
  });
}

export async function addComment(db: Db, actor: Actor, id: string, body: string): Promise<string> {
  const p = await findVisible(db, actor, id);
  const commentId = newId();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('practice_comments')
      .values({
        id: commentId,
        practice_id: id,
        author_id: actor.userId,
        author_name: actor.fullName,
        body: body.normalize('NFC'),
        created_at: nowIso(),
      })
      .execute();
    await recordAudit(tx, actor, {
      entity: 'practice_comment',
      entityId: commentId,
      action: 'create',
      unitPath: p.unit_path,
      summary: { after: { practiceId: id } },
    });
  });
  return commentId;
}

/** A page of a practice's comments, newest first (a comment just posted shows at once; older
 *  ones load at the end). */
export async function listComments(
  db: Db,
  actor: Actor,
  id: string,
  page: { page: number; pageSize: number },
): Promise<{ items: CommentDto[]; total: number; page: number; pageSize: number }> {
  const p = await findVisible(db, actor, id);
  const editable = canEditPractice(actor, p);
  const base = db.selectFrom('practice_comments').where('practice_id', '=', id);
  const [{ total }] = await base.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await base
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .$call(onPage(page))
    .execute();
  return {
    items: rows.map((c) => ({
      id: c.id,
      authorName: c.author_name,
      body: c.body,
      createdAt: c.created_at,
      canDelete: c.author_id === actor.userId || editable,
    })),
    total: Number(total),
    page: page.page,
    pageSize: page.pageSize,
  };
}

/** The comment's author, or whoever may edit the practice, removes a comment. */
export async function deleteComment(db: Db, actor: Actor, id: string, commentId: string) {
  const p = await findVisible(db, actor, id);
  const c = await db
    .selectFrom('practice_comments')
    .selectAll()
    .where('id', '=', commentId)
    .where('practice_id', '=', id)
    .executeTakeFirst();
  if (!c) throw notFound('Không tìm thấy bình luận');
  if (c.author_id !== actor.userId && !canEditPractice(actor, p))
    throw forbidden('Chỉ người viết hoặc cán bộ phụ trách được xóa bình luận này');
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('practice_comments').where('id', '=', commentId).execute();
    await recordAudit(tx, actor, {
      entity: 'practice_comment',
      entityId: commentId,
      action: 'delete',
      unitPath: p.unit_path,
      summary: { before: { practiceId: id, length: c.body.length } },
    });
  });
}
