import { z } from 'zod';
import { OUTCOMES } from './platforms';
import { isoDate } from './units';

/** How a unit's figure compares with its target: behind (red), on the way (amber), reached (green). */
export const PROGRESS_LEVELS = ['none', 'behind', 'on_track', 'reached'] as const;
export type ProgressLevel = (typeof PROGRESS_LEVELS)[number];

/**
 * The level of a figure against its target. `expected` is the share of the campaign already
 * elapsed (0–1): a unit is on track when it has reached at least that share, less a tenth.
 */
export function progressLevel(count: number, target: number | null, expected = 1): ProgressLevel {
  if (target === null || target <= 0) return 'none';
  const share = count / target;
  if (share >= 1) return 'reached';
  return share >= Math.max(0, expected - 0.1) ? 'on_track' : 'behind';
}

/** Whole percent of a target reached (may exceed 100), null without a target. */
export function percentOf(count: number, target: number | null): number | null {
  if (target === null || target <= 0) return null;
  return Math.floor((count * 100) / target);
}

function addDay(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * Splits a date range into the whole months it covers (read from the monthly counts) and the
 * days at either end that do not make a whole month (read from the daily counts).
 */
export function splitRange(
  from: string,
  to: string,
): { months: [string, string] | null; days: [string, string][] } {
  if (to < from) return { months: null, days: [] };
  const firstMonth = from.endsWith('-01') ? from.slice(0, 7) : nextMonth(from.slice(0, 7));
  const lastMonth =
    to === monthEnd(to.slice(0, 7)) ? to.slice(0, 7) : previousMonth(to.slice(0, 7));
  if (firstMonth > lastMonth) return { months: null, days: [[from, to]] };
  const days: [string, string][] = [];
  if (from < `${firstMonth}-01`) days.push([from, addDay(`${firstMonth}-01`, -1)]);
  if (to > monthEnd(lastMonth)) days.push([addDay(monthEnd(lastMonth), 1), to]);
  return { months: [firstMonth, lastMonth], days };
}

/** A resident's name for those who do not see the hamlet's contacts: initials only ("H. V. M."). */
export function maskName(fullName: string): string {
  return fullName
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `${[...w][0]?.toLocaleUpperCase('vi')}.`)
    .join(' ');
}

export const progressQuery = z.object({
  unitId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

const cell = z.object({
  indicatorId: z.string(),
  target: z.number().int().nullable(),
  count: z.number().int(),
});

export const campaignProgressSchema = z.object({
  campaign: z.object({
    id: z.string(),
    name: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
  }),
  unit: z.object({ id: z.string(), name: z.string(), level: z.string() }),
  /** The units from the top of the user's scope down to this one (for going back up). */
  trail: z.array(z.object({ id: z.string(), name: z.string() })),
  from: z.string(),
  to: z.string(),
  /** Share of the campaign elapsed on the period's last day, 0–1 (what "on track" compares with). */
  expected: z.number(),
  indicators: z.array(
    z.object({
      id: z.string(),
      platformId: z.string(),
      platformName: z.string(),
      outcome: z.enum(OUTCOMES),
      target: z.number().int().nullable(),
      count: z.number().int(),
    }),
  ),
  children: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      level: z.string(),
      cells: z.array(cell),
    }),
  ),
});
export type CampaignProgressDto = z.infer<typeof campaignProgressSchema>;
