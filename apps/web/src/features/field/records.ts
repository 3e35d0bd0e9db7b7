import type { Outcome } from '@toso/domain/platforms';
import { db, type StoredIdentity, type StoredRecord } from '../../offline/db';

/** Today in Vietnam as YYYY-MM-DD, whatever the device's time zone. */
export function todayInVietnam(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** "20:41 27/11" */
export function formatTimeDay(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())} ${two(d.getDate())}/${two(d.getMonth() + 1)}`;
}

export interface TickedPair {
  platformId: string;
  platformName: string;
  outcome: Outcome;
}

/** Keeps the ticked pairs as new records (each with its own UUID) before any sending. */
export async function saveRecords(
  identity: StoredIdentity,
  resident: { id: string; fullName: string },
  pairs: TickedPair[],
  note: string,
  replacesId: string | null,
): Promise<StoredRecord[]> {
  const createdAt = new Date().toISOString();
  const supportedOn = todayInVietnam();
  const records: StoredRecord[] = pairs.map((pair) => ({
    id: crypto.randomUUID(),
    userId: identity.userId,
    residentId: resident.id,
    residentName: resident.fullName,
    platformId: pair.platformId,
    platformName: pair.platformName,
    outcome: pair.outcome,
    supportedOn,
    note: note.trim().slice(0, 500),
    voidsId: null,
    createdAt,
    status: 'pending',
    reason: null,
    message: null,
    sentAt: null,
  }));
  await db.transaction('rw', db.records, async () => {
    await db.records.bulkAdd(records);
    // A rejected record re-recorded as new ones is replaced by them.
    if (replacesId) await db.records.delete(replacesId);
  });
  return records;
}

/** Drops a rejected record from the device (it never reached the server). */
export async function discardRecord(id: string): Promise<void> {
  const record = await db.records.get(id);
  if (record?.status === 'rejected') await db.records.delete(id);
}

export interface PendingSummary {
  pending: number;
  oldest: string | null;
  rejected: StoredRecord[];
}

/** What the counter shows for this user: unsent records, the oldest, the rejected ones. */
export async function pendingSummary(userId: string): Promise<PendingSummary> {
  const [pending, rejected] = await Promise.all([
    db.records.where({ userId, status: 'pending' }).toArray(),
    db.records.where({ userId, status: 'rejected' }).toArray(),
  ]);
  const oldest = pending.reduce<string | null>(
    (min, r) => (min === null || r.createdAt < min ? r.createdAt : min),
    null,
  );
  rejected.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return { pending: pending.length, oldest, rejected };
}
