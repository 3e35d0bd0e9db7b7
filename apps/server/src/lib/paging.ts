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
