import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/db';
import { createDb, type Db } from '../db/db';
import { CommitGroup, inWriteTransaction, isSqlite } from './commit-group';

let db: Db;
let drop: () => Promise<void>;

beforeAll(async () => {
  const fresh = await freshDatabase();
  drop = fresh.drop;
  db = createDb(fresh.config);
  await sql`CREATE TABLE group_probe (id text PRIMARY KEY)`.execute(db);
});
afterAll(async () => {
  await db.destroy();
  await drop();
});

const ids = async () =>
  (await sql<{ id: string }>`SELECT id FROM group_probe ORDER BY id`.execute(db)).rows.map(
    (r) => r.id,
  );

describe('commit group', () => {
  it('keeps the jobs that succeed and rolls back only the one that fails', async () => {
    const group = new CommitGroup(db);
    const insert = (id: string) => (tx: Parameters<Parameters<typeof group.run>[0]>[0]) =>
      sql`INSERT INTO group_probe (id) VALUES (${id})`.execute(tx).then(() => id);
    const results = await Promise.allSettled([
      group.run(insert('a1')),
      group.run(async (tx) => {
        await insert('a2')(tx);
        throw new Error('job failed after writing');
      }),
      // The same key again: its own unique violation, rolled back alone.
      group.run(insert('a1')),
      group.run(insert('a3')),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    expect(await ids()).toEqual(['a1', 'a3']);
  });

  it('runs the jobs of a group one after the other, each seeing the writes before it', async () => {
    await sql`DELETE FROM group_probe`.execute(db);
    const seen = await Promise.all(
      ['b1', 'b2', 'b3'].map((id) =>
        inWriteTransaction(db, async (tx) => {
          const before = (
            await sql<{ n: number }>`SELECT count(*) AS n FROM group_probe`.execute(tx)
          ).rows[0].n;
          await sql`INSERT INTO group_probe (id) VALUES (${id})`.execute(tx);
          return Number(before);
        }),
      ),
    );
    // SQLite: one shared transaction, in order. PostgreSQL: separate concurrent transactions.
    if (isSqlite(db)) expect(seen).toEqual([0, 1, 2]);
    expect(await ids()).toEqual(['b1', 'b2', 'b3']);
  });
});
