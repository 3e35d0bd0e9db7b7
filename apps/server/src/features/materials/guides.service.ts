import type { GuideCardBody, GuideCardDto, MaterialKind } from '@toso/domain/library';
import type { Db, Executor } from '../../db/db';
import { nowIso, todayInVietnam } from '../../lib/ids';
import type { Actor } from '../../plugins/auth';
import { recordAudit, type SystemActor } from '../audit/audit.service';
import { getPlatform } from '../supports/platforms.service';
import { inProvince } from './library-scope';

const MATERIALS_PER_CARD = 5;

function parseLines(text: string | null | undefined): string[] {
  if (!text) return [];
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.map(String) : [];
}

/**
 * One "how to help a resident" card per platform in use (empty lists while nobody wrote it),
 * with the platform's latest materials the user may read.
 */
export async function listGuideCards(
  db: Executor,
  actor: Actor,
  platformId?: string,
): Promise<GuideCardDto[]> {
  const today = todayInVietnam();
  let q = db
    .selectFrom('platforms as p')
    .leftJoin('guide_cards as g', 'g.platform_id', 'p.id')
    .select([
      'p.id',
      'p.code',
      'p.name',
      'p.link',
      'p.retired_on',
      'g.steps',
      'g.needs',
      'g.problems',
      'g.updated_at',
    ])
    .orderBy('p.sort')
    .orderBy('p.name');
  if (platformId) q = q.where('p.id', '=', platformId);
  const platforms = (await q.execute()).filter(
    (p) => platformId || !p.retired_on || p.retired_on > today,
  );
  const materials = await db
    .selectFrom('materials as m')
    .select(['m.id', 'm.title', 'm.kind', 'm.platform_id', 'm.url', 'm.file_id'])
    .where('m.platform_id', 'is not', null)
    .where(inProvince(actor.scope, 'm.unit_path'))
    .$if(Boolean(platformId), (b) => b.where('m.platform_id', '=', platformId!))
    .orderBy('m.created_at', 'desc')
    .execute();
  return platforms.map((p) => ({
    platformId: p.id,
    platformCode: p.code,
    platformName: p.name,
    platformLink: p.link,
    steps: parseLines(p.steps),
    needs: parseLines(p.needs),
    problems: parseLines(p.problems),
    updatedAt: p.updated_at ?? null,
    materials: materials
      .filter((m) => m.platform_id === p.id)
      .slice(0, MATERIALS_PER_CARD)
      .map((m) => ({
        id: m.id,
        title: m.title,
        kind: m.kind as MaterialKind,
        url: m.url,
        hasFile: m.file_id !== null,
      })),
  }));
}

export async function getGuideCard(db: Db, actor: Actor, platformId: string) {
  await getPlatform(db, platformId);
  const [card] = await listGuideCards(db, actor, platformId);
  return card;
}

/** Writes (or replaces) the card of a platform. */
export async function saveGuideCard(
  db: Db,
  actor: Actor | SystemActor,
  platformId: string,
  body: GuideCardBody,
): Promise<void> {
  await getPlatform(db, platformId);
  const userId = 'userId' in actor ? actor.userId : null;
  const row = {
    steps: JSON.stringify(body.steps.map((s) => s.normalize('NFC'))),
    needs: JSON.stringify(body.needs.map((s) => s.normalize('NFC'))),
    problems: JSON.stringify(body.problems.map((s) => s.normalize('NFC'))),
    updated_at: nowIso(),
    updated_by: userId,
  };
  await db.transaction().execute(async (tx) => {
    const existing = await tx
      .selectFrom('guide_cards')
      .select('platform_id')
      .where('platform_id', '=', platformId)
      .executeTakeFirst();
    if (existing)
      await tx.updateTable('guide_cards').set(row).where('platform_id', '=', platformId).execute();
    else
      await tx
        .insertInto('guide_cards')
        .values({ platform_id: platformId, ...row })
        .execute();
    await recordAudit(tx, actor, {
      entity: 'guide_card',
      entityId: platformId,
      action: existing ? 'update' : 'create',
      unitPath: null,
      summary: { after: { steps: body.steps.length, problems: body.problems.length } },
    });
  });
}
