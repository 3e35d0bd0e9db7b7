import type { MeDto } from '@toso/domain/users';
import { foldText } from '@toso/domain/text';
import { listPlatforms, listSupports } from '../api/field';
import { listGuideCards } from '../api/library';
import { listResidents } from '../api/registry';
import {
  db,
  getIdentity,
  pairKey,
  type DeviceCopyInfo,
  type KnownPair,
  type StoredGuide,
  type StoredIdentity,
  type StoredResident,
} from './db';

const PAGE_SIZE = 200;
/** A hamlet has a few hundred residents; a wider scope stops here (6,000). */
const MAX_RESIDENT_PAGES = 30;
const MAX_SUPPORT_PAGES = 25;

export function identityOf(me: MeDto): StoredIdentity {
  return {
    userId: me.user.id,
    username: me.user.username,
    fullName: me.user.fullName,
    role: me.user.role,
    unitId: me.user.unitId,
    unitName: me.user.unitName,
    permissions: me.permissions,
  };
}

/** Keeps who is signed in, so the field screen can open with no connection. */
export async function saveIdentity(me: MeDto): Promise<void> {
  const previous = await getIdentity();
  const identity = identityOf(me);
  if (previous && previous.userId !== identity.userId) {
    // Another account on this device: its hamlet copy is not for this user.
    await db.transaction(
      'rw',
      [db.residents, db.platforms, db.known, db.meta, db.guides],
      async () => {
        await Promise.all([
          db.residents.clear(),
          db.platforms.clear(),
          db.known.clear(),
          db.guides.clear(),
        ]);
        await db.meta.delete('copy');
      },
    );
  }
  await db.meta.put({ key: 'identity', value: identity });
}

/** Downloads the platform catalogue, the residents of the user's scope and what is recorded. */
export async function refreshDeviceCopy(me: MeDto): Promise<DeviceCopyInfo> {
  await saveIdentity(me);
  const identity = identityOf(me);
  const platforms = await listPlatforms();
  // The guide cards travel with the catalogue; without them (an older server) the copy still works.
  const guides: StoredGuide[] | null = await listGuideCards()
    .then((cards) =>
      cards.map((c) => ({
        platformId: c.platformId,
        platformName: c.platformName,
        platformLink: c.platformLink,
        steps: c.steps,
        needs: c.needs,
        problems: c.problems,
        updatedAt: c.updatedAt,
        materials: c.materials,
      })),
    )
    .catch(() => null);
  const residents: StoredResident[] = [];
  let truncated = false;
  for (let page = 1; ; page++) {
    const result = await listResidents({
      unitId: identity.unitId ?? undefined,
      page,
      pageSize: PAGE_SIZE,
    });
    for (const r of result.items) {
      if (r.status !== 'active') continue;
      residents.push({
        id: r.id,
        fullName: r.fullName,
        folded: foldText(r.fullName),
        birthYear: r.birthYear,
        householdHead: r.householdHead,
        householdAddress: r.householdAddress,
        hamletId: r.hamletId,
        hamletName: r.hamletName,
      });
    }
    if (result.items.length < PAGE_SIZE) break;
    if (page >= MAX_RESIDENT_PAGES) {
      truncated = true;
      break;
    }
  }
  const known: KnownPair[] = [];
  if (me.permissions.includes('residents:read')) {
    for (let page = 1; page <= MAX_SUPPORT_PAGES; page++) {
      const result = await listSupports({
        unitId: identity.unitId ?? undefined,
        page,
        pageSize: PAGE_SIZE,
      });
      for (const s of result.items) {
        known.push({
          key: pairKey(s.residentId, s.platformId, s.outcome),
          residentId: s.residentId,
          platformId: s.platformId,
          outcome: s.outcome,
        });
      }
      if (result.items.length < PAGE_SIZE) break;
    }
  }
  const info: DeviceCopyInfo = {
    identity,
    refreshedAt: new Date().toISOString(),
    residentCount: residents.length,
    truncated,
  };
  await db.transaction(
    'rw',
    [db.residents, db.platforms, db.known, db.meta, db.guides],
    async () => {
      if (guides) {
        await db.guides.clear();
        await db.guides.bulkPut(guides);
      }
      await db.residents.clear();
      await db.residents.bulkPut(residents);
      await db.platforms.clear();
      await db.platforms.bulkPut(
        platforms.map((p) => ({
          id: p.id,
          code: p.code,
          name: p.name,
          pillar: p.pillar,
          retiredOn: p.retiredOn,
          outcomes: p.outcomes,
        })),
      );
      await db.known.clear();
      await db.known.bulkPut(known);
      await db.meta.put({ key: 'copy', value: info });
    },
  );
  return info;
}

/** What the server already has for one resident (when online), kept for the "đã ghi" ticks. */
export async function refreshKnownFor(residentId: string): Promise<void> {
  const result = await listSupports({ residentId, pageSize: PAGE_SIZE });
  await db.transaction('rw', db.known, async () => {
    await db.known.where('residentId').equals(residentId).delete();
    await db.known.bulkPut(
      result.items.map((s) => ({
        key: pairKey(s.residentId, s.platformId, s.outcome),
        residentId: s.residentId,
        platformId: s.platformId,
        outcome: s.outcome,
      })),
    );
  });
}
