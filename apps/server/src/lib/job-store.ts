import { notFound } from './app-error';

/** What a background job (an import) keeps for the store: its author and its last poll. */
export interface StoredJob {
  userId: string;
  touchedAt: number;
}

/**
 * The background jobs of this process (the registry's and the unit list's imports): kept in memory
 * for `ttlMs` after their last poll unless still running, each seen by its author only.
 */
export class JobStore<J extends StoredJob> {
  private readonly jobs = new Map<string, J>();

  constructor(
    private readonly options: {
      ttlMs: number;
      /** A running job is never dropped. */
      running: (job: J) => boolean;
      /** Called for each job dropped by `sweep` (its files, say). */
      onDrop?: (job: J) => void;
      /** The 404's message for an unknown, expired or other user's job. */
      notFoundMessage: string;
    },
  ) {}

  /** Drops the jobs not polled for `ttlMs` that no longer run. */
  sweep(now = Date.now()): void {
    for (const [id, job] of this.jobs) {
      if (this.options.running(job) || now - job.touchedAt <= this.options.ttlMs) continue;
      this.jobs.delete(id);
      this.options.onDrop?.(job);
    }
  }

  add(id: string, job: J): void {
    this.jobs.set(id, job);
  }

  /** The asking user's job, its last poll now; another user's or an unknown one is not found. */
  get(actor: { userId: string }, id: string): J {
    const job = this.jobs.get(id);
    if (!job || job.userId !== actor.userId) throw notFound(this.options.notFoundMessage);
    job.touchedAt = Date.now();
    return job;
  }

  values(): IterableIterator<J> {
    return this.jobs.values();
  }

  /** Forgets every job; answers them. */
  clear(): J[] {
    const all = [...this.jobs.values()];
    this.jobs.clear();
    return all;
  }
}
