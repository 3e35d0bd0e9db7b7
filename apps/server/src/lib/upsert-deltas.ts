import type { Executor } from '../db/db';
import type { Database } from '../db/schema';

type Row<T extends keyof Database> = Database[T];

/**
 * Adds deltas to kept counts (architecture rule 6): each row's count columns are added to the
 * row of the same key, inserted when missing. Rows whose counts are all zero are left out; the
 * rest are written in key order (concurrent writers take the shared rows' locks in the same order:
 * no deadlock on PostgreSQL when two writes touch the same commune and district rows) as multi-row
 * upserts of `chunk` rows.
 */
export async function upsertDeltas<T extends keyof Database>(
  tx: Executor,
  table: T,
  keys: readonly (keyof Row<T> & string)[],
  counts: readonly (keyof Row<T> & string)[],
  rows: readonly Row<T>[],
  chunk = 500,
): Promise<void> {
  const keyOf = (r: Row<T>) => keys.map((k) => String(r[k])).join('\u0000');
  const changed = rows
    .filter((r) => counts.some((c) => Number(r[c]) !== 0))
    .map((r) => [keyOf(r), r] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, r]) => r);
  // Kysely cannot type a table chosen by a parameter; the columns are checked by the signature.
  /* eslint-disable @typescript-eslint/no-explicit-any */
  const db = tx as unknown as import('kysely').Kysely<any>;
  for (let i = 0; i < changed.length; i += chunk)
    await db
      .insertInto(table)
      .values(changed.slice(i, i + chunk) as any[])
      .onConflict((oc: any) =>
        oc
          .columns([...keys])
          .doUpdateSet((eb: any) =>
            Object.fromEntries(
              counts.map((c) => [c, eb(`${table}.${c}`, '+', eb.ref(`excluded.${c}`))]),
            ),
          ),
      )
      .execute();
  /* eslint-enable @typescript-eslint/no-explicit-any */
}
