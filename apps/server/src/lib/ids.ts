import { v7 } from 'uuid';

/** A new time-ordered id (UUIDv7), the same kind an offline device generates. */
export function newId(): string {
  return v7();
}

/** The current instant as ISO-8601 UTC text. */
export function nowIso(): string {
  return new Date().toISOString();
}

/**
 * Vietnam is UTC+7 all year (no daylight saving): a Vietnamese day D ends at D T17:00 UTC. SQL that
 * compares an instant with the end of a date appends this to the date's text.
 */
export const VIETNAM_DAY_ENDS_UTC = 'T17:00:00.000Z';

// Made once: building an Intl.DateTimeFormat costs about a millisecond, formatting microseconds.
const VIETNAM_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });

/** Today's date as YYYY-MM-DD in Vietnam's time zone. */
export function todayInVietnam(now: Date = new Date()): string {
  return VIETNAM_DATE.format(now);
}
