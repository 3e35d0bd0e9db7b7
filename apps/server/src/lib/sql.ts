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

/**
 * `column` starts with `prefix`, taken literally. On SQLite, GLOB (case-sensitive) lets the
 * planner use the column's index, which LIKE (case-insensitive there) cannot; on PostgreSQL, LIKE
 * uses the text_pattern_ops indexes of the unit paths.
 */
export function startsWith(column: string, prefix: string): RawBuilder<boolean> {
  if (dialect === 'sqlite' && !/[*?[\]]/.test(prefix)) {
    return sql<boolean>`${sql.ref(column)} GLOB ${`${prefix}*`}`;
  }
  return like(column, `${escapeLike(prefix)}%`);
}

/** `column` contains `text`, taken literally. */
export function contains(column: string | RawBuilder<unknown>, text: string): RawBuilder<boolean> {
  return like(column, `%${escapeLike(text)}%`);
}

/** Rows whose unit path lies inside the scope's subtree (everything for a global scope). */
export function inScope(scope: Scope, pathColumn: string): RawBuilder<boolean> {
  return scope.all ? sql<boolean>`1 = 1` : startsWith(pathColumn, scope.path);
}
