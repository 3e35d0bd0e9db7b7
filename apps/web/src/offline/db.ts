import Dexie, { type Table } from 'dexie';
import type { Outcome, Pillar } from '@toso/domain/platforms';

/** A resident of the team's hamlet as kept on the device for the field screen. */
export interface StoredResident {
  id: string;
  fullName: string;
  /** foldText(fullName): "nguyen van duc", for accent-insensitive search. */
  folded: string;
  birthYear: number | null;
  householdHead: string;
  householdAddress: string;
  hamletId: string;
  hamletName: string;
}

export interface StoredPlatform {
  id: string;
  code: string;
  name: string;
  pillar: Pillar;
  retiredOn: string | null;
  outcomes: Outcome[];
}

/** Who may use the device copy: enough to show the field screen with no connection. */
export interface StoredIdentity {
  userId: string;
  username: string;
  fullName: string;
  role: string;
  unitId: string | null;
  unitName: string | null;
  permissions: string[];
}

export type RecordStatus = 'pending' | 'sent' | 'rejected';

/** A support record made on this device; it stays until the server has answered for it. */
export interface StoredRecord {
  id: string;
  userId: string;
  residentId: string;
  residentName: string;
  platformId: string;
  platformName: string;
  outcome: Outcome;
  supportedOn: string;
  note: string;
  voidsId: string | null;
  /** ISO time the record was made on the device. */
  createdAt: string;
  status: RecordStatus;
  reason: string | null;
  message: string | null;
  sentAt: string | null;
}

/** A resident/platform/outcome already known to the server ("đã ghi"). */
export interface KnownPair {
  key: string;
  residentId: string;
  platformId: string;
  outcome: Outcome;
}

/** A "how to help a resident" card (text only), readable with no connection. */
export interface StoredGuide {
  platformId: string;
  platformName: string;
  platformLink: string | null;
  steps: string[];
  needs: string[];
  problems: string[];
  updatedAt: string | null;
  materials: { id: string; title: string; kind: string; url: string | null; hasFile: boolean }[];
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export class FieldDb extends Dexie {
  residents!: Table<StoredResident, string>;
  platforms!: Table<StoredPlatform, string>;
  records!: Table<StoredRecord, string>;
  known!: Table<KnownPair, string>;
  meta!: Table<MetaRow, string>;
  guides!: Table<StoredGuide, string>;

  constructor() {
    super('toso-field');
    this.version(1).stores({
      residents: 'id, hamletId',
      platforms: 'id',
      records: 'id, [userId+status], residentId, createdAt',
      known: 'key, residentId',
      meta: 'key',
    });
    // Version 2: the guide cards of the platforms, kept with the catalogue.
    this.version(2).stores({ guides: 'platformId' });
  }
}

export const db = new FieldDb();

export const pairKey = (residentId: string, platformId: string, outcome: string) =>
  `${residentId}|${platformId}|${outcome}`;

export interface DeviceCopyInfo {
  identity: StoredIdentity;
  refreshedAt: string;
  residentCount: number;
  /** The hamlet copy stopped at the download limit. */
  truncated: boolean;
}

export async function getIdentity(): Promise<StoredIdentity | null> {
  const row = await db.meta.get('identity');
  return (row?.value as StoredIdentity | undefined) ?? null;
}

export async function getCopyInfo(): Promise<DeviceCopyInfo | null> {
  const row = await db.meta.get('copy');
  return (row?.value as DeviceCopyInfo | undefined) ?? null;
}

/** Erases everything the field screen keeps on this device (logout). */
export async function eraseDeviceCopy(): Promise<void> {
  await db.transaction(
    'rw',
    [db.residents, db.platforms, db.records, db.known, db.meta, db.guides],
    () =>
      Promise.all([
        db.residents.clear(),
        db.platforms.clear(),
        db.records.clear(),
        db.known.clear(),
        db.meta.clear(),
        db.guides.clear(),
      ]),
  );
}

/** Records of this user not yet accepted by the server. */
export async function countUnsent(): Promise<number> {
  const identity = await getIdentity();
  if (!identity) return 0;
  return db.records.where({ userId: identity.userId, status: 'pending' }).count();
}
