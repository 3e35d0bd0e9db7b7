import { foldText } from '@toso/domain/text';

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

/** The search text folded (no accents, lower case), or undefined when there is none. */
export function foldedSearch(query: PageAsked): string | undefined {
  return query.q ? foldText(query.q) : undefined;
}

/** The page answered: its items, the total of the list and the page asked. */
export function pageOf<T>(items: T[], total: number, query: PageAsked) {
  return { items, total, page: query.page, pageSize: query.pageSize };
}
