import { useLiveQuery } from '../../offline/hooks';
import { pendingSummary, type PendingSummary } from './records';

/** The unsent and rejected records of this user on the device, kept current. */
export function usePendingSummary(userId: string): PendingSummary | undefined {
  return useLiveQuery(`pending|${userId}`, () => pendingSummary(userId));
}
