import { v7 } from 'uuid';

/** A new time-ordered id (UUIDv7), the same kind an offline device generates. */
export function newId(): string {
  return v7();
}

/** The current instant as ISO-8601 UTC text. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** Today's date as YYYY-MM-DD in Vietnam's time zone. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(now);
}
