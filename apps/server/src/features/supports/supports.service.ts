import {
  KPI_SKILL,
  monthOf,
  type SupportRecordInput,
  type SyncResult,
} from '@toso/domain/platforms';
import type { Db, Executor } from '../../db/db';
import type { SupportRecordsTable } from '../../db/schema';
import { nowIso, todayInVietnam } from '../../lib/ids';
import { upsertDeltas } from '../../lib/upsert-deltas';
import { inScope } from '../../lib/sql';
import type { Actor } from '../../plugins/auth';
import { countSkillRecords } from '../dashboard/kpi-counts';
import { inWriteTransaction, isSqlite } from '../../lib/commit-group';
import { syncCatalogue, type SyncCatalogue } from './platforms.service';

type Row = SupportRecordsTable;

const REASONS = {
  resident_not_found: 'Không tìm thấy người dân này trong địa bàn của bạn',
  platform_not_found: 'Không có nền tảng này',
  outcome_not_allowed: 'Nền tảng này không có kết quả đó',
  platform_retired: 'Nền tảng đã ngừng sử dụng vào ngày hỗ trợ',
  invalid_date: 'Ngày hỗ trợ không hợp lệ (ở tương lai hoặc trước năm 2020)',
  already_recorded: 'Người này đã được ghi nhận kết quả này rồi',
  void_not_found: 'Không tìm thấy bản ghi cần sửa',
  already_voided: 'Bản ghi cần sửa đã được sửa trước đó',
} as const;
type Reason = keyof typeof REASONS;

function ancestors(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/**
 * Adds `delta` to the kept counts of a record's hamlet and every unit above it, per month
 * (key ending "2022-06", table support_counts) and per day (key ending "2022-06-15", table
 * support_counts_daily).
 */
export function addDeltas(
  deltas: Map<string, number>,
  r: Pick<Row, 'unit_path' | 'platform_id' | 'outcome' | 'supported_on'>,
  delta: number,
) {
  for (const unitId of ancestors(r.unit_path)) {
    for (const when of [monthOf(r.supported_on), r.supported_on]) {
      const key = `${unitId}|${r.platform_id}|${r.outcome}|${when}`;
      deltas.set(key, (deltas.get(key) ?? 0) + delta);
    }
  }
}

/** Whether a key of `addDeltas` is a day (support_counts_daily) rather than a month. */
export function isDayKey(key: string): boolean {
  return key.length - key.lastIndexOf('|') - 1 === 10;
}

/**
 * Adds the deltas to the kept counts: a few multi-row upserts rather than one statement per key,
 * in key order, so concurrent batches take the rows' locks in the same order (no deadlock on
 * PostgreSQL when two devices touch the same commune and district rows).
 */
export async function applyDeltas(tx: Executor, deltas: Map<string, number>) {
  const rows = [...deltas].map(([key, count]) => {
    const [unit_id, platform_id, outcome, when] = key.split('|');
    return { unit_id, platform_id, outcome, when, count };
  });
  const keys = ['unit_id', 'platform_id', 'outcome'] as const;
  await upsertDeltas(
    tx,
    'support_counts_daily',
    [...keys, 'day'],
    ['count'],
    rows.filter((r) => r.when.length === 10).map(({ when, ...r }) => ({ ...r, day: when })),
  );
  await upsertDeltas(
    tx,
    'support_counts',
    [...keys, 'month'],
    ['count'],
    rows.filter((r) => r.when.length === 7).map(({ when, ...r }) => ({ ...r, month: when })),
  );
}

/**
 * Moves a merged person's support records to the record kept. Where both were counted for the same
 * platform and outcome, the merged one is voided and the counts lose it: a person counts once.
 */
export async function moveSupportsOnMerge(
  tx: Executor,
  keepId: string,
  mergeId: string,
): Promise<void> {
  const keep = new Set(
    (
      await tx
        .selectFrom('support_records')
        .select(['platform_id', 'outcome'])
        .where('resident_id', '=', keepId)
        .where('voided_by', 'is', null)
        .execute()
    ).map((r) => `${r.platform_id}|${r.outcome}`),
  );
  const moved = await tx
    .selectFrom('support_records')
    .selectAll()
    .where('resident_id', '=', mergeId)
    .execute();
  const deltas = new Map<string, number>();
  for (const r of moved) {
    if (r.voided_by === null && keep.has(`${r.platform_id}|${r.outcome}`)) {
      await tx
        .updateTable('support_records')
        .set({ voided_by: `merge:${keepId}` })
        .where('id', '=', r.id)
        .execute();
      addDeltas(deltas, r, -1);
    }
  }
  await tx
    .updateTable('support_records')
    .set({ resident_id: keepId })
    .where('resident_id', '=', mergeId)
    .execute();
  await applyDeltas(tx, deltas);
}

/**
 * Takes a batch of support records from a device. A record the server already has is the same
 * record ("duplicate"); each record is answered on its own and a rejected one never blocks the
 * others. Counts are kept in the same transaction as the records.
 */
export async function syncSupports(
  db: Db,
  actor: Actor,
  records: SupportRecordInput[],
): Promise<SyncResult[]> {
  const catalogue = await syncCatalogue(db);
  // SQLite: reads and writes inside the commit group's transaction (one commit for the batches
  // of several devices). PostgreSQL: the reads in parallel outside, a transaction for the writes.
  if (isSqlite(db))
    return inWriteTransaction(db, async (tx) => {
      const plan = await planBatch(tx, actor, records, catalogue);
      await writeBatch(tx, plan, catalogue);
      return plan.answers;
    });
  const plan = await planBatch(db, actor, records, catalogue);
  if (plan.toInsert.length > 0)
    await db.transaction().execute((tx) => writeBatch(tx, plan, catalogue));
  return plan.answers;
}

interface BatchPlan {
  answers: SyncResult[];
  toInsert: Row[];
  toVoid: { old: Row; byId: string }[];
}

/** Reads what the batch needs and decides each record: applied, duplicate or rejected. */
async function planBatch(
  db: Executor,
  actor: Actor,
  records: SupportRecordInput[],
  catalogue: SyncCatalogue,
): Promise<BatchPlan> {
  const results = new Map<string, SyncResult>();
  const reject = (id: string, reason: Reason) =>
    results.set(id, { id, status: 'rejected', reason, message: REASONS[reason] });
  const ids = [...new Set(records.map((r) => r.id))];
  const residentIds = [...new Set(records.map((r) => r.residentId))];
  const voidIds = records.map((r) => r.voidsId).filter((v): v is string => !!v);
  const [residentRows, existing, voidedRows] = await Promise.all([
    db
      .selectFrom('residents')
      .select(['id', 'hamlet_id', 'unit_path', 'status'])
      .where('id', 'in', residentIds)
      .where(inScope(actor.scope, 'residents.unit_path'))
      .execute(),
    // One read for two questions: which ids the server already has (any resident), and which
    // residents already count for a platform and outcome (records not voided).
    db
      .selectFrom('support_records')
      .select(['id', 'resident_id', 'platform_id', 'outcome', 'voided_by'])
      .where((eb) =>
        eb.or([
          eb('id', 'in', ids),
          eb.and([eb('resident_id', 'in', residentIds), eb('voided_by', 'is', null)]),
        ]),
      )
      .execute(),
    voidIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('support_records')
          .selectAll()
          .where('id', 'in', voidIds)
          .where(inScope(actor.scope, 'support_records.unit_path'))
          .execute(),
  ]);
  const requested = new Set(ids);
  const known = new Set(existing.filter((r) => requested.has(r.id)).map((r) => r.id));
  const residents = new Map(residentRows.map((r) => [r.id, r]));
  const platforms = catalogue.platforms;
  const voided = new Map(voidedRows.map((r) => [r.id, r]));
  const today = todayInVietnam();
  const effective = new Set(
    existing
      .filter((r) => r.voided_by === null && residents.has(r.resident_id))
      .map((r) => `${r.resident_id}|${r.platform_id}|${r.outcome}`),
  );
  const toInsert: Row[] = [];
  const toVoid: { old: Row; byId: string }[] = [];
  const seenIds = new Set<string>();
  const now = nowIso();
  for (const r of records) {
    if (known.has(r.id) || seenIds.has(r.id)) {
      results.set(r.id, { id: r.id, status: 'duplicate' });
      continue;
    }
    seenIds.add(r.id);
    const resident = residents.get(r.residentId);
    if (!resident || resident.status !== 'active') {
      reject(r.id, 'resident_not_found');
      continue;
    }
    const platform = platforms.get(r.platformId);
    if (!platform) {
      reject(r.id, 'platform_not_found');
      continue;
    }
    if (!platform.outcomes.has(r.outcome)) {
      reject(r.id, 'outcome_not_allowed');
      continue;
    }
    if (platform.retiredOn && r.supportedOn >= platform.retiredOn) {
      reject(r.id, 'platform_retired');
      continue;
    }
    if (r.supportedOn > today || r.supportedOn < '2020-01-01') {
      reject(r.id, 'invalid_date');
      continue;
    }
    let old: Row | undefined;
    if (r.voidsId) {
      old = voided.get(r.voidsId);
      if (!old) {
        reject(r.id, 'void_not_found');
        continue;
      }
      if (old.voided_by || toVoid.some((v) => v.old.id === old?.id)) {
        reject(r.id, 'already_voided');
        continue;
      }
    }
    const key = `${r.residentId}|${r.platformId}|${r.outcome}`;
    const oldKey = old ? `${old.resident_id}|${old.platform_id}|${old.outcome}` : null;
    if (effective.has(key) && key !== oldKey) {
      reject(r.id, 'already_recorded');
      continue;
    }
    if (old && oldKey) {
      effective.delete(oldKey);
      toVoid.push({ old, byId: r.id });
    }
    effective.add(key);
    toInsert.push({
      id: r.id,
      resident_id: r.residentId,
      hamlet_id: resident.hamlet_id,
      unit_path: resident.unit_path,
      platform_id: r.platformId,
      outcome: r.outcome,
      supported_on: r.supportedOn,
      note: r.note,
      recorded_by: actor.userId,
      voids_id: r.voidsId,
      voided_by: null,
      received_at: now,
    });
    results.set(r.id, { id: r.id, status: 'applied' });
  }
  return {
    answers: records.map((r) => results.get(r.id) ?? { id: r.id, status: 'duplicate' as const }),
    toInsert,
    toVoid,
  };
}

/** Writes a planned batch: voids, inserts and the kept counts, in the caller's transaction. */
async function writeBatch(tx: Executor, plan: BatchPlan, catalogue: SyncCatalogue) {
  const { toInsert, toVoid } = plan;
  if (toInsert.length === 0) return;
  const deltas = new Map<string, number>();
  for (const v of toVoid) {
    await tx
      .updateTable('support_records')
      .set({ voided_by: v.byId })
      .where('id', '=', v.old.id)
      .where('voided_by', 'is', null)
      .execute();
    addDeltas(deltas, v.old, -1);
  }
  for (let i = 0; i < toInsert.length; i += 200)
    await tx
      .insertInto('support_records')
      .values(toInsert.slice(i, i + 200))
      .execute();
  for (const r of toInsert) addDeltas(deltas, r, +1);
  await applyDeltas(tx, deltas);
  await countSkillRecords(
    tx,
    toInsert,
    toVoid.map((v) => v.old),
    catalogue.idByCode.get(KPI_SKILL.platformCode) ?? null,
  );
}

/** Counts by platform and outcome for a unit over a range of months, read from the kept counts. */
export async function progressOf(
  db: Executor,
  unitIds: string[],
  from: string,
  to: string,
  /** Only these platforms and outcomes (a campaign's indicators; others may come too). */
  only?: readonly { platformId: string; outcome: string }[],
) {
  if (unitIds.length === 0 || only?.length === 0) return [];
  let q = db
    .selectFrom('support_counts')
    .select(['unit_id', 'platform_id', 'outcome'])
    .select((eb) => eb.fn.sum<number>('count').as('count'))
    .where('unit_id', 'in', unitIds)
    .where('month', '>=', monthOf(from))
    .where('month', '<=', monthOf(to));
  if (only)
    q = q
      .where('platform_id', 'in', [...new Set(only.map((o) => o.platformId))])
      .where('outcome', 'in', [...new Set(only.map((o) => o.outcome))]);
  return q.groupBy(['unit_id', 'platform_id', 'outcome']).execute();
}
