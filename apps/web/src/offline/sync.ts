import { SYNC_BATCH_MAX } from '@toso/domain/platforms';
import { fieldKeys, syncSupports } from '../api/field';
import { queryClient } from '../app/query-client';
import { isApiError } from '../api/client';
import { db, getIdentity, pairKey, type StoredRecord } from './db';

export type SyncProblem = 'network' | 'session' | 'server' | null;

export interface SyncState {
  sending: boolean;
  problem: SyncProblem;
  /** When the next automatic attempt is due (ms since epoch), if one is planned. */
  nextAttemptAt: number | null;
}

const FIRST_DELAY = 5_000;
const MAX_DELAY = 5 * 60_000;

let state: SyncState = { sending: false, problem: null, nextAttemptAt: null };
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | null = null;
let delay = FIRST_DELAY;
let running: Promise<void> | null = null;
let started = false;

function setState(next: Partial<SyncState>) {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

export function subscribeSync(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const getSyncState = (): SyncState => state;

function schedule(ms: number) {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    void syncNow();
  }, ms);
  setState({ nextAttemptAt: Date.now() + ms });
}

function cancelSchedule() {
  if (timer) clearTimeout(timer);
  timer = null;
  setState({ nextAttemptAt: null });
}

/** The pending records of the signed-in user on this device, oldest first. */
async function pendingRecords(): Promise<StoredRecord[]> {
  const identity = await getIdentity();
  if (!identity) return [];
  const rows = await db.records.where({ userId: identity.userId, status: 'pending' }).toArray();
  return rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

async function sendBatch(batch: StoredRecord[]): Promise<void> {
  const { results } = await syncSupports(
    batch.map((r) => ({
      id: r.id,
      residentId: r.residentId,
      platformId: r.platformId,
      outcome: r.outcome,
      supportedOn: r.supportedOn,
      note: r.note,
      voidsId: r.voidsId,
    })),
  );
  const sentAt = new Date().toISOString();
  await db.transaction('rw', [db.records, db.known], async () => {
    for (const result of results) {
      const record = batch.find((r) => r.id === result.id);
      if (!record) continue;
      if (result.status === 'rejected') {
        await db.records.update(record.id, {
          status: 'rejected',
          reason: result.reason ?? null,
          message: result.message ?? null,
        });
      } else {
        await db.records.update(record.id, { status: 'sent', sentAt, reason: null, message: null });
        await db.known.put({
          key: pairKey(record.residentId, record.platformId, record.outcome),
          residentId: record.residentId,
          platformId: record.platformId,
          outcome: record.outcome,
        });
      }
    }
  });
}

async function run(): Promise<void> {
  setState({ sending: true });
  try {
    let sent = false;
    for (;;) {
      const pending = await pendingRecords();
      if (pending.length === 0) break;
      await sendBatch(pending.slice(0, SYNC_BATCH_MAX));
      sent = true;
    }
    if (sent) void queryClient.invalidateQueries({ queryKey: fieldKeys.all });
    delay = FIRST_DELAY;
    cancelSchedule();
    setState({ sending: false, problem: null });
  } catch (error) {
    const session = isApiError(error) && (error.status === 401 || error.status === 403);
    const network = isApiError(error) && error.status === 0;
    setState({ sending: false, problem: session ? 'session' : network ? 'network' : 'server' });
    if (!session) {
      schedule(delay);
      delay = Math.min(delay * 2, MAX_DELAY);
    } else {
      cancelSchedule();
    }
  }
}

/** Sends what is pending now (one run at a time); failures retry with backoff 5 s → 5 min. */
export function syncNow(): Promise<void> {
  if (!running) {
    running = run().finally(() => {
      running = null;
    });
  }
  return running;
}

/** Resets the backoff (a reconnect or a new record) and sends at once. */
export function syncSoon(): Promise<void> {
  delay = FIRST_DELAY;
  return syncNow();
}

/** Starts sending on app start and each time the connection comes back. */
export function startSync(): void {
  if (started) return;
  started = true;
  window.addEventListener('online', () => void syncSoon());
  void syncNow();
}

/** Stops the timer (logout). */
export function stopSync(): void {
  cancelSchedule();
  delay = FIRST_DELAY;
  setState({ problem: null });
}
