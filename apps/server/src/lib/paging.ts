import { foldText } from '@toso/domain/text';
import type { SelectQueryBuilder } from 'kysely';

/** A list asked page by page (`?page=&pageSize=`), searched by `?q=` where it has one. */
export interface PageAsked {
  q?: string;
  page: number;
  pageSize: number;
}

/** The rows to skip and to take for the page asked. */
export function pageWindow(query: PageAsked): { limit: number; offset: number } {
  return { limit: query.pageSize, offset: (query.page - 1) * query.pageSize };
}

/** The page asked applied to a query: `query.$call(onPage(asked))`. */
export function onPage(query: PageAsked) {
  const { limit, offset } = pageWindow(query);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any query builder
  return <QB extends SelectQueryBuilder<any, any, any>>(qb: QB): QB =>
    qb.limit(limit).offset(offset) as QB;
}

/** The search text folded (no accents, lower case), or undefined when there is none. */
export function foldedSearch(query: PageAsked): string | undefined {
  return query.q ? foldText(query.q) : undefined;
}

/** The page answered: its items, the total of the list and the page asked. */
export function pageOf<T>(items: T[], total: number, query: PageAsked) {
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/**
 * How a long list's first pages are found (the support records, the households): walking an
 * index in the list's order and keeping the scope's rows, instead of sorting the whole scope. The
 * walk is bounded by the `walk`-th row of the index (any scope): when the rows before it give a
 * full page, it is exactly the page of the plain order (every row not read comes later);
 * otherwise the page is read the plain way. Tried from a scope of `from` rows; tests make both
 * small.
 */
export interface WalkTuning {
  walk: number;
  from: number;
}

/**
 * Up to the 50,000th row (a walk of 50,000 rows takes 0.05–0.3 s on SQLite, under load), from a
 * scope of 10,000 rows (a commune's 34,000 records: 10–40 ms walked, 70–110 ms sorted).
 */
export const LIST_WALK: WalkTuning = { walk: 50_000, from: 10_000 };

/** Whether the page may be looked for by the bounded walk. */
export function mayWalk(
  total: number,
  page: { limit: number; offset: number },
  tuning: WalkTuning,
): boolean {
  const wanted = page.offset + page.limit;
  return total >= tuning.from && wanted <= total && wanted <= tuning.walk;
}
