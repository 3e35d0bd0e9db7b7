import { SqliteAdapter, sql } from 'kysely';
import type { Db, Tx } from '../db/db';

interface Job {
  work: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for SQLite: write jobs that arrive while another is being written share one
 * transaction, so one `synchronous=FULL` commit (one fsync of the WAL) serves several requests
 * instead of one each. Each job runs in its own SAVEPOINT: a job that fails is rolled back alone
 * and its caller gets the error; the others are kept. A job's promise settles only after the
 * shared commit, so nothing is acknowledged before it is durable. Jobs run one after the other and
 * read inside the transaction, so each sees the writes of the jobs before it.
 */
export class CommitGroup {
  private readonly queue: Job[] = [];
  private running = false;

  constructor(
    private readonly db: Db,
    private readonly maxJobs = 32,
  ) {}

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        // Let the requests already received reach the queue first: one commit serves them all.
        await new Promise((resolve) => setImmediate(resolve));
        await this.commitGroup(this.queue.splice(0, this.maxJobs));
      }
    } finally {
      this.running = false;
    }
  }

  private async commitGroup(jobs: Job[]): Promise<void> {
    const kept: { job: Job; value: unknown }[] = [];
    const settled = new Set<Job>();
    try {
      await this.db.transaction().execute(async (tx) => {
        for (const [i, job] of jobs.entries()) {
          const name = sql.raw(`group_job_${i}`);
          await sql`SAVEPOINT ${name}`.execute(tx);
          try {
            const value = await job.work(tx);
            await sql`RELEASE SAVEPOINT ${name}`.execute(tx);
            kept.push({ job, value });
          } catch (error) {
            await sql`ROLLBACK TO SAVEPOINT ${name}`.execute(tx);
            await sql`RELEASE SAVEPOINT ${name}`.execute(tx);
            settled.add(job);
            job.reject(error);
          }
        }
      });
    } catch (error) {
      // The commit itself failed: nothing of this group is stored.
      for (const job of jobs) if (!settled.has(job)) job.reject(error);
      return;
    }
    for (const { job, value } of kept) job.resolve(value);
  }
}

const groups = new WeakMap<Db, CommitGroup>();

/**
 * Runs `work` in a write transaction: on SQLite through the database's commit group (shared
 * commit), on PostgreSQL in a transaction of its own (PostgreSQL commits concurrent transactions in
 * parallel on separate connections).
 */
export function inWriteTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (!isSqlite(db)) return db.transaction().execute(work);
  let group = groups.get(db);
  if (!group) {
    group = new CommitGroup(db);
    groups.set(db, group);
  }
  return group.run(work);
}

/** Whether the database is SQLite (one writer, group commit) rather than PostgreSQL. */
export function isSqlite(db: Db): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}
