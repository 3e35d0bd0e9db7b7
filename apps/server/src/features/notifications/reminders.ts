import type { Db, Executor } from '../../db/db';
import { difficultyReminders } from '../difficulties/difficulty-reminders';
import { reportReminders } from '../reports/report-events';
import { notify, type NotifyInput } from './notifications.service';

/** A reminder to send: a notification that must carry a key so it is sent only once. */
export type Reminder = NotifyInput & { dedupeKey: string };

/**
 * Something that has due dates (difficulties now; periodic reports once they land). `collect`
 * lists the reminders due at `now`; it may list the same one again on every run, because
 * `sendDueReminders` writes a (user, dedupeKey) pair only once.
 */
export interface ReminderSource {
  name: string;
  collect: (db: Executor, now: Date) => Promise<Reminder[]>;
}

/** Every source of reminders: overdue difficulties, and reports due soon or overdue. */
export const REMINDER_SOURCES: readonly ReminderSource[] = [difficultyReminders, reportReminders];

/**
 * Sends every due reminder of every registered source, each source in its own transaction.
 * Idempotent: running it twice at the same `now` sends nothing the second time.
 */
export async function sendDueReminders(
  db: Db,
  now: Date = new Date(),
  sources: readonly ReminderSource[] = REMINDER_SOURCES,
): Promise<{ sent: number; bySource: Record<string, number> }> {
  const bySource: Record<string, number> = {};
  let sent = 0;
  for (const source of sources) {
    const count = await db.transaction().execute(async (tx) => {
      let n = 0;
      for (const reminder of await source.collect(tx, now)) {
        n += await notify(tx, { ...reminder, at: reminder.at ?? now.toISOString() });
      }
      return n;
    });
    bySource[source.name] = count;
    sent += count;
  }
  return { sent, bySource };
}

/**
 * Runs `sendDueReminders` now and then every `everyMs` (started by main.ts, never by tests).
 * Returns a function that stops the timer.
 */
export function startReminderTimer(
  db: Db,
  log: { error: (obj: object, msg: string) => void; info: (obj: object, msg: string) => void },
  everyMs = 15 * 60 * 1000,
): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const result = await sendDueReminders(db, new Date());
      if (result.sent > 0) log.info(result, 'reminders sent');
    } catch (error) {
      log.error({ err: error }, 'reminders failed');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void run(), 5_000);
  const timer = setInterval(() => void run(), everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
