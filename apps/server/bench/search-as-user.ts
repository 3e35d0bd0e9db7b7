/**
 * For the search benches that call the repository directly (`registry-search-trace.ts`,
 * `registry-search-ab.ts`): a bench user's scope, and a typed text read as the service reads it.
 */
import { foldText } from '@toso/domain/text';
import type { Role } from '@toso/domain/roles';
import type { Kysely } from 'kysely';
import type { Database } from '../src/db/schema';
import { issueScope } from '../src/lib/scope';
import type { ResidentFilter } from '../src/features/registry/registry.repository';

/** The scope the auth layer issues to this user, and their role. */
export async function userScope(db: Kysely<Database>, username: string) {
  const user = await db
    .selectFrom('users')
    .leftJoin('units', 'units.id', 'users.unit_id')
    .select(['users.role', 'units.id as unit_id', 'units.path'])
    .where('users.username', '=', username)
    .executeTakeFirstOrThrow();
  const role = user.role as Role;
  return {
    role,
    scope: issueScope(
      role,
      user.unit_id && user.path ? { id: user.unit_id, path: user.path } : null,
    ),
  };
}

/**
 * As `registry.service.ts` reads the text: a year 1900–2100 alone, else digits (and spaces, dots,
 * "+") as phone digits, else a folded name.
 */
export function searchFilter(q: string, dialect: 'sqlite' | 'postgres'): ResidentFilter {
  const digits = /^[\d\s.+]+$/.test(q) ? q.replace(/\D/g, '') : '';
  const isYear = /^\d{4}$/.test(q) && Number(q) >= 1900 && Number(q) <= 2100;
  return {
    folded: digits ? undefined : foldText(q),
    phoneDigits: digits && !isYear ? digits.replace(/^84/, '0') : undefined,
    birthYear: isYear ? Number(digits) : undefined,
    dialect,
  };
}
