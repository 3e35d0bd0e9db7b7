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

function toDto(p: PlatformsTable): PlatformDto {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    pillar: p.pillar as Pillar,
    kind: p.kind as PlatformKind,
    link: p.link,
    guideUrl: p.guide_url,
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

export async function listPlatforms(db: Executor, includeRetired = true): Promise<PlatformDto[]> {
  let q = db.selectFrom('platforms').selectAll().orderBy('sort').orderBy('name');
  if (!includeRetired) q = q.where('retired_on', 'is', null);
  return (await q.execute()).map(toDto);
}

export async function getPlatform(db: Executor, id: string): Promise<PlatformDto> {
  const p = await db.selectFrom('platforms').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) throw notFound('Không tìm thấy nền tảng');
  return toDto(p);
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
