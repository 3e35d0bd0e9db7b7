import { sql, type RawBuilder } from 'kysely';
import { escapeLike } from '@toso/domain/text';
import type { Scope } from './scope';

// SQLite's LIKE has no default escape character; PostgreSQL's is the backslash. Say it on both.
function like(column: string | RawBuilder<unknown>, pattern: string): RawBuilder<boolean> {
  const target = typeof column === 'string' ? sql.ref(column) : column;
  return sql<boolean>`${target} LIKE ${pattern} ESCAPE '\\'`;
}

let dialect: 'sqlite' | 'postgres' = 'sqlite';

/** Set by createDb: a few predicates are written differently to use each database's indexes. */
export function useSqlDialect(d: 'sqlite' | 'postgres'): void {
  dialect = d;
}

/** The dialect set by createDb. */
export function sqlDialect(): 'sqlite' | 'postgres' {
  return dialect;
}

/**
 * `column` starts with `prefix`, taken literally. On SQLite, GLOB (case-sensitive) lets the
 * planner use the column's index, which LIKE (case-insensitive there) cannot; on PostgreSQL, LIKE
 * uses the text_pattern_ops indexes of the unit paths.
 */
export function startsWith(
  column: string,
  prefix: string,
  opts: { unindexed?: boolean } = {},
): RawBuilder<boolean> {
  // `+column`: SQLite's way of keeping a term from choosing the index (see `inScope`).
  const target =
    dialect === 'sqlite' && opts.unindexed ? sql`+${sql.ref(column)}` : sql.ref(column);
  if (dialect === 'sqlite' && !/[*?[\]]/.test(prefix)) {
    return sql<boolean>`${target} GLOB ${`${prefix}*`}`;
  }
  return like(target, `${escapeLike(prefix)}%`);
}

/** `column` contains `text`, taken literally. */
export function contains(column: string | RawBuilder<unknown>, text: string): RawBuilder<boolean> {
  return like(column, `%${escapeLike(text)}%`);
}

/**
 * Rows whose unit path lies inside the scope's subtree (everything for a global scope).
 * `unindexed`: on SQLite the path's index is kept out of the plan, for a list that walks another
 * index in its order and keeps the scope's rows (SQLite has no statistics to choose between
 * them; PostgreSQL weighs both and gets the plain predicate).
 */
export function inScope(
  scope: Scope,
  pathColumn: string,
  opts: { unindexed?: boolean } = {},
): RawBuilder<boolean> {
  return scope.all ? sql<boolean>`1 = 1` : startsWith(pathColumn, scope.path, opts);
}
