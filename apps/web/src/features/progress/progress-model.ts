import type { CampaignProgressDto } from '@toso/domain/progress';
import { percentOf, progressLevel, type ProgressLevel } from '@toso/domain/progress';
import { reportingPeriods, type Period, type PeriodKind } from '@toso/domain/campaigns';

export const PERIOD_CHOICES = ['campaign', 'week', 'month', 'quarter', 'year'] as const;
export type PeriodChoice = (typeof PERIOD_CHOICES)[number];

export const LEVEL_COLORS: Record<ProgressLevel, string> = {
  none: 'gray',
  behind: 'red',
  on_track: 'yellow',
  reached: 'teal',
};

/** The periods to choose from; the whole campaign is one period. */
export function periodsOf(
  campaign: { startsOn: string; endsOn: string },
  kind: PeriodChoice,
): Period[] {
  if (kind === 'campaign')
    return [{ key: 'all', label: '', from: campaign.startsOn, to: campaign.endsOn }];
  return reportingPeriods(campaign.startsOn, campaign.endsOn, kind as PeriodKind);
}

/** The period holding `today`, else the last one that has begun, else the first. */
export function defaultPeriod(periods: Period[], today: string): Period | undefined {
  return (
    periods.find((p) => p.from <= today && today <= p.to) ??
    [...periods].reverse().find((p) => p.from <= today) ??
    periods[0]
  );
}

export interface CellView {
  count: number;
  target: number | null;
  percent: number | null;
  level: ProgressLevel;
}

export function cellView(count: number, target: number | null, expected: number): CellView {
  return {
    count,
    target,
    percent: percentOf(count, target),
    level: progressLevel(count, target, expected),
  };
}

const RANK: Record<ProgressLevel, number> = { behind: 0, on_track: 1, reached: 2, none: 3 };

/** A child unit's overall level: the worst of its indicators that have a target. */
export function overallLevel(cells: CellView[]): ProgressLevel {
  const withTarget = cells.filter((c) => c.level !== 'none');
  if (withTarget.length === 0) return 'none';
  return withTarget.reduce(
    (worst, c) => (RANK[c.level] < RANK[worst] ? c.level : worst),
    'reached' as ProgressLevel,
  );
}

export type SortKey = 'name' | 'overall' | string;

export interface ChildView {
  unitId: string;
  unitName: string;
  level: string;
  cells: (CellView & { indicatorId: string })[];
  overall: ProgressLevel;
  /** The lowest share reached among indicators with a target (for sorting). */
  lowest: number;
}

export function childViews(data: CampaignProgressDto): ChildView[] {
  return data.children.map((c) => {
    const cells = data.indicators.map((i) => {
      const cell = c.cells.find((x) => x.indicatorId === i.id);
      return {
        indicatorId: i.id,
        ...cellView(cell?.count ?? 0, cell?.target ?? null, data.expected),
      };
    });
    const shares = cells.filter((x) => x.percent !== null).map((x) => x.percent as number);
    return {
      unitId: c.unitId,
      unitName: c.unitName,
      level: c.level,
      cells,
      overall: overallLevel(cells),
      lowest: shares.length ? Math.min(...shares) : Number.POSITIVE_INFINITY,
    };
  });
}

export function sortChildren(
  rows: ChildView[],
  key: SortKey,
  direction: 'asc' | 'desc',
  locale: string,
): ChildView[] {
  const sign = direction === 'asc' ? 1 : -1;
  const value = (r: ChildView): number => {
    if (key === 'overall') return r.lowest;
    const cell = r.cells.find((c) => c.indicatorId === key);
    return cell?.percent ?? (cell ? -1 : Number.POSITIVE_INFINITY);
  };
  return [...rows].sort((a, b) => {
    if (key === 'name') return sign * a.unitName.localeCompare(b.unitName, locale);
    const d = value(a) - value(b);
    return d !== 0 ? sign * d : a.unitName.localeCompare(b.unitName, locale);
  });
}
