import { sql, type RawBuilder } from 'kysely';
import type { Scope } from '../../lib/scope';
import { startsWith } from '../../lib/sql';

/**
 * The library and published practices are read across the user's province: the first unit of
 * the scope's path (a province) is the prefix. A global scope reads everything. Things kept at
 * the root (added by an administrator without a unit) are read by everyone.
 */
export function provincePrefix(scope: Scope): string | null {
  if (scope.all) return null;
  const first = scope.path.split('/').filter(Boolean)[0];
  return first ? `/${first}/` : null;
}

export function inProvince(scope: Scope, column: string): RawBuilder<boolean> {
  const prefix = provincePrefix(scope);
  if (prefix === null) return sql<boolean>`1 = 1`;
  return sql<boolean>`(${startsWith(column, prefix)} OR ${sql.ref(column)} = '/')`;
}

export function pathInProvince(scope: Scope, path: string): boolean {
  const prefix = provincePrefix(scope);
  return prefix === null || path === '/' || path.startsWith(prefix);
}
