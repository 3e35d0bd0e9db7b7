import { describe, expect, it } from 'vitest';
import { JobStore } from './job-store';

describe('job store', () => {
  const make = () => {
    const dropped: string[] = [];
    const store = new JobStore<{ id: string; userId: string; touchedAt: number; running: boolean }>(
      {
        ttlMs: 1000,
        running: (job) => job.running,
        onDrop: (job) => dropped.push(job.id),
        notFoundMessage: 'Không tìm thấy lượt nhập',
      },
    );
    return { store, dropped };
  };

  it('drops only the jobs past their time that no longer run', () => {
    const { store, dropped } = make();
    const now = Date.now();
    store.add('old', { id: 'old', userId: 'u', touchedAt: now - 5000, running: false });
    store.add('running', { id: 'running', userId: 'u', touchedAt: now - 5000, running: true });
    store.add('fresh', { id: 'fresh', userId: 'u', touchedAt: now - 10, running: false });
    store.sweep(now);
    expect(dropped).toEqual(['old']);
    expect([...store.values()].map((j) => j.id).sort()).toEqual(['fresh', 'running']);
  });

  it('gives a job to its author only, and a poll keeps it', () => {
    const { store } = make();
    store.add('a', { id: 'a', userId: 'u', touchedAt: 0, running: false });
    expect(() => store.get({ userId: 'other' }, 'a')).toThrow('Không tìm thấy lượt nhập');
    expect(() => store.get({ userId: 'u' }, 'missing')).toThrow('Không tìm thấy lượt nhập');
    expect(store.get({ userId: 'u' }, 'a').touchedAt).toBeGreaterThan(0);
    store.sweep();
    expect([...store.values()]).toHaveLength(1);
    expect(store.clear().map((j) => j.id)).toEqual(['a']);
    expect([...store.values()]).toHaveLength(0);
  });
});
