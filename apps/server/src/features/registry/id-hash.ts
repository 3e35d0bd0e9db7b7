import { createHmac, randomBytes } from 'node:crypto';
import type { Executor } from '../../db/db';
import { nowIso } from '../../lib/ids';

const cache = new WeakMap<object, Promise<Buffer>>();

async function loadKey(db: Executor, configured: string | undefined): Promise<Buffer> {
  if (configured) return Buffer.from(configured, 'utf8');
  const row = await db
    .selectFrom('app_secrets')
    .select('value')
    .where('name', '=', 'national_id_key')
    .executeTakeFirst();
  if (row) return Buffer.from(row.value, 'base64');
  const value = randomBytes(32).toString('base64');
  await db
    .insertInto('app_secrets')
    .values({ name: 'national_id_key', value, created_at: nowIso() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const stored = await db
    .selectFrom('app_secrets')
    .select('value')
    .where('name', '=', 'national_id_key')
    .executeTakeFirstOrThrow();
  return Buffer.from(stored.value, 'base64');
}

/**
 * A keyed hash of a national ID number, for duplicate matching: the number itself is never stored.
 * The key is TOSO_ID_HASH_KEY, or one the server makes once and keeps in the database.
 */
export async function hashNationalId(
  db: Executor,
  configured: string | undefined,
  id: string,
): Promise<string> {
  return (await nationalIdHasher(db, configured))(id);
}

/** The same keyed hash as a synchronous function, the key read once (for many rows: an import). */
export async function nationalIdHasher(
  db: Executor,
  configured: string | undefined,
): Promise<(id: string) => string> {
  let key = cache.get(db);
  if (!key) {
    key = loadKey(db, configured);
    cache.set(db, key);
  }
  const k = await key;
  return (id) => createHmac('sha256', k).update(id.trim()).digest('base64url');
}
