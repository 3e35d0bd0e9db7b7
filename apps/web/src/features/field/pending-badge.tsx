import { Badge } from '@mantine/core';
import { usePendingSummary } from './use-pending';

/** The small count of unsent records next to "Ghi nhận hỗ trợ" in the navigation. */
export default function PendingBadge(props: { userId: string }) {
  const pending = usePendingSummary(props.userId)?.pending ?? 0;
  if (pending === 0) return null;
  return (
    <Badge size="sm" color="orange" circle={pending < 10} data-testid="nav-pending">
      {pending}
    </Badge>
  );
}
