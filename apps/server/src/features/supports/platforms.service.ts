import { createHash } from 'node:crypto';
import {
  PLAN_PLATFORMS,
  type Outcome,
  type Pillar,
  type PlatformDto,
  type PlatformKind,
} from '@toso/domain/platforms';
import type { Db, Executor } from '../../db/db';
import type { PlatformsTable } from '../../db/schema';
import { AppError, invalid, notFound } from '../../lib/app-error';
import { newId, nowIso } from '../../lib/ids';
import type { Actor } from '../../plugins/auth';
import { recordAudit } from '../audit/audit.service';
import { sniffScanType } from '../files/file-types';
import { insertFile } from '../files/files.repository';

type PlatformRow = PlatformsTable & {
  guide_file_name: string | null;
  guide_file_mime: string | null;
  guide_file_size: number | null;
};

function toDto(p: PlatformRow): PlatformDto {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    pillar: p.pillar as Pillar,
    kind: p.kind as PlatformKind,
    link: p.link,
    guideUrl: p.guide_url,
    guideFile:
      p.guide_file_id && p.guide_file_name
        ? {
            name: p.guide_file_name,
            mime: p.guide_file_mime ?? '',
            size: Number(p.guide_file_size ?? 0),
          }
        : null,
    retiredOn: p.retired_on,
    outcomes: JSON.parse(p.outcomes) as Outcome[],
  };
}

/** The catalogue as the sync checks it: outcomes parsed once, retirement date, the KPI skill. */
export interface SyncCatalogue {
  platforms: Map<string, { outcomes: ReadonlySet<string>; retiredOn: string | null }>;
  idByCode: Map<string, string>;
}

/**
 * The sync reads the catalogue for every batch; it is kept in memory per database and dropped on
 * every change made here (save, retire, seed). A change made by another server process on the same
 * PostgreSQL database is seen after at most CATALOGUE_TTL_MS.
 */
const CATALOGUE_TTL_MS = 10_000;
let catalogueCache = new WeakMap<object, { at: number; value: Promise<SyncCatalogue> }>();

export function forgetCatalogue(): void {
  catalogueCache = new WeakMap();
}

export function syncCatalogue(db: Db): Promise<SyncCatalogue> {
  const hit = catalogueCache.get(db);
  if (hit && Date.now() - hit.at < CATALOGUE_TTL_MS) return hit.value;
  const value = db
    .selectFrom('platforms')
    .select(['id', 'code', 'outcomes', 'retired_on'])
    .execute()
    .then((rows) => ({
      platforms: new Map(
        rows.map((p) => [
          p.id,
          { outcomes: new Set(JSON.parse(p.outcomes) as string[]), retiredOn: p.retired_on },
        ]),
      ),
      idByCode: new Map(rows.map((p) => [p.code, p.id])),
    }));
  catalogueCache.set(db, { at: Date.now(), value });
  value.catch(() => catalogueCache.delete(db));
  return value;
}

/** Puts the plan's platforms in an empty catalogue (reference data, seeded once, demo or not). */
export async function ensurePlatformCatalogue(db: Executor): Promise<number> {
  const existing = await db.selectFrom('platforms').select('id').limit(1).execute();
  if (existing.length > 0) return 0;
  const now = nowIso();
  await db
    .insertInto('platforms')
    .values(
      PLAN_PLATFORMS.map((p, i) => ({
        id: newId(),
        code: p.code,
        name: p.name,
        pillar: p.pillar,
        kind: p.kind,
        link: p.link,
        guide_url: null,
        outcomes: JSON.stringify(p.outcomes),
        retired_on: p.retiredOn ?? null,
        sort: i,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  forgetCatalogue();
  return PLAN_PLATFORMS.length;
}

/** Platforms with their guide file's name, type and size (never its bytes). */
function platformsQuery(db: Executor) {
  return db
    .selectFrom('platforms')
    .leftJoin('files', 'files.id', 'platforms.guide_file_id')
    .selectAll('platforms')
    .select([
      'files.original_name as guide_file_name',
      'files.mime as guide_file_mime',
      'files.size as guide_file_size',
    ]);
}

export async function listPlatforms(db: Executor, includeRetired = true): Promise<PlatformDto[]> {
  let q = platformsQuery(db).orderBy('platforms.sort').orderBy('platforms.name');
  if (!includeRetired) q = q.where('platforms.retired_on', 'is', null);
  return (await q.execute()).map(toDto);
}

export async function getPlatform(db: Executor, id: string): Promise<PlatformDto> {
  const p = await platformsQuery(db).where('platforms.id', '=', id).executeTakeFirst();
  if (!p) throw notFound('Không tìm thấy nền tảng');
  return toDto(p);
}

/** What a platform's guide may be: PDF, PNG, JPEG (by their first bytes) or a Word document. */
export type GuideMime =
  | 'application/pdf'
  | 'image/png'
  | 'image/jpeg'
  | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Recognises the guide's type by content: a .docx is a zip holding word/document.xml. */
export function sniffGuideType(data: Buffer): GuideMime | null {
  const scan = sniffScanType(data);
  if (scan) return scan;
  if (
    data.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) &&
    data.includes('word/document.xml', 0, 'latin1')
  )
    return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  return null;
}

/**
 * Attaches (or replaces) a platform's guide file: checked by content, at most
 * MAX_PLATFORM_GUIDE_BYTES, stored in `files` with the platform, audited.
 */
export async function uploadPlatformGuide(
  db: Db,
  actor: Actor,
  id: string,
  data: Buffer,
  filename: string,
): Promise<PlatformDto> {
  await getPlatform(db, id);
  if (data.length === 0)
    throw new AppError('validation_failed', 'Tệp rỗng', [{ path: 'file', message: 'Tệp rỗng' }]);
  const mime = sniffGuideType(data);
  if (!mime)
    throw new AppError('unsupported_media_type', 'Chỉ nhận tệp PDF, PNG, JPEG hoặc Word (.docx)', [
      {
        path: 'file',
        message: 'Nội dung tệp không phải PDF, PNG, JPEG hoặc Word .docx (tên tệp không được tính)',
      },
    ]);
  await db.transaction().execute(async (tx) => {
    const before = await tx
      .selectFrom('platforms')
      .select('guide_file_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const fileId = newId();
    await insertFile(tx, {
      id: fileId,
      // The catalogue belongs to the whole installation: the file to the uploader's unit.
      unit_path: actor.unitPath ?? '/',
      purpose: 'platform_guide',
      mime,
      size: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
      original_name: filename.normalize('NFC').slice(0, 200),
      data,
      created_at: nowIso(),
      created_by: actor.userId,
    });
    await tx
      .updateTable('platforms')
      .set({ guide_file_id: fileId, updated_at: nowIso() })
      .where('id', '=', id)
      .execute();
    if (before.guide_file_id)
      await tx.deleteFrom('files').where('id', '=', before.guide_file_id).execute();
    await recordAudit(tx, actor, {
      entity: 'platform',
      entityId: id,
      action: 'upload_guide',
      unitPath: null,
      summary: { after: { fileId, mime, size: data.length } },
    });
  });
  return getPlatform(db, id);
}

/** Removes a platform's guide file (the link, if any, stays). */
export async function removePlatformGuide(db: Db, actor: Actor, id: string): Promise<PlatformDto> {
  const p = await getPlatform(db, id);
  if (!p.guideFile) throw notFound('Nền tảng này không có tệp hướng dẫn');
  await db.transaction().execute(async (tx) => {
    const { guide_file_id } = await tx
      .selectFrom('platforms')
      .select('guide_file_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await tx
      .updateTable('platforms')
      .set({ guide_file_id: null, updated_at: nowIso() })
      .where('id', '=', id)
      .execute();
    if (guide_file_id) await tx.deleteFrom('files').where('id', '=', guide_file_id).execute();
    await recordAudit(tx, actor, {
      entity: 'platform',
      entityId: id,
      action: 'remove_guide',
      unitPath: null,
      summary: { before: { name: p.guideFile?.name } },
    });
  });
  return getPlatform(db, id);
}

/** The guide file's bytes, type and name. */
export async function getPlatformGuideFile(db: Executor, id: string) {
  const file = await db
    .selectFrom('platforms')
    .innerJoin('files', 'files.id', 'platforms.guide_file_id')
    .select(['files.data', 'files.mime', 'files.original_name'])
    .where('platforms.id', '=', id)
    .executeTakeFirst();
  if (!file) throw notFound('Nền tảng này không có tệp hướng dẫn');
  return file;
}

export async function savePlatform(
  db: Db,
  actor: Actor,
  id: string | null,
  body: {
    name: string;
    pillar: Pillar;
    kind: PlatformKind;
    link: string | null;
    guideUrl: string | null;
    outcomes: Outcome[];
  },
): Promise<PlatformDto> {
  const now = nowIso();
  const platformId = id ?? newId();
  const fields = {
    name: body.name,
    pillar: body.pillar,
    kind: body.kind,
    link: body.link,
    guide_url: body.guideUrl,
    outcomes: JSON.stringify([...new Set(body.outcomes)]),
    updated_at: now,
  };
  await db.transaction().execute(async (tx) => {
    if (id) {
      const before = await getPlatform(tx, id);
      const removed = before.outcomes.filter((o) => !body.outcomes.includes(o));
      if (removed.length > 0) {
        const used = await tx
          .selectFrom('support_records')
          .select('id')
          .where('platform_id', '=', id)
          .where('outcome', 'in', removed)
          .limit(1)
          .execute();
        if (used.length > 0)
          throw invalid('body.outcomes', 'Kết quả đã có bản ghi hỗ trợ: không bỏ được');
      }
      await tx.updateTable('platforms').set(fields).where('id', '=', id).execute();
    } else {
      const code = `nen-tang-${platformId.slice(-8)}`;
      await tx
        .insertInto('platforms')
        .values({ id: platformId, code, retired_on: null, sort: 1000, created_at: now, ...fields })
        .execute();
    }
    await recordAudit(tx, actor, {
      entity: 'platform',
      entityId: platformId,
      action: id ? 'update' : 'create',
      unitPath: null,
      summary: { after: { name: body.name, outcomes: body.outcomes } },
    });
  });
  forgetCatalogue();
  return getPlatform(db, platformId);
}

/** A retired platform keeps its history; it is no longer offered for new records. */
export async function retirePlatform(
  db: Db,
  actor: Actor,
  id: string,
  retiredOn: string,
): Promise<PlatformDto> {
  const p = await getPlatform(db, id);
  if (p.retiredOn) throw new AppError('conflict', 'Nền tảng đã ngừng sử dụng');
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('platforms')
      .set({ retired_on: retiredOn, updated_at: nowIso() })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, actor, {
      entity: 'platform',
      entityId: id,
      action: 'retire',
      unitPath: null,
      summary: { after: { retiredOn } },
    });
  });
  forgetCatalogue();
  return getPlatform(db, id);
}
