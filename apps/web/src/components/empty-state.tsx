import { Paper, Stack, Text } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** What is missing and what to do next. */
export function EmptyState(props: { children: ReactNode; action?: ReactNode }) {
  return (
    <Paper withBorder p="lg" radius="md" data-testid="empty-state">
      <Stack align="center" gap="sm">
        <IconInbox size={32} stroke={1.4} color="var(--mantine-color-dimmed)" aria-hidden />
        <Text ta="center" c="dimmed" className="toso-break">
          {props.children}
        </Text>
        {props.action}
      </Stack>
    </Paper>
  );
}
