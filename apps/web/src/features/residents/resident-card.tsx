import { Group, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ResidentDto } from '@toso/domain/registry';
import { ConsentBadge, residentFacts, WorkingAgeBadge } from './resident-labels';

/** One person in the search results: big enough to tap on a phone. */
export function ResidentCard(props: { resident: ResidentDto }) {
  const { t } = useTranslation();
  const r = props.resident;
  return (
    <Paper
      withBorder
      radius="md"
      component="li"
      data-testid="resident-card"
      style={{ listStyle: 'none' }}
    >
      <UnstyledButton
        component={Link}
        to={`/residents/${r.id}`}
        p="sm"
        style={{ display: 'block', width: '100%' }}
        aria-label={`${r.fullName}, ${residentFacts(t, r)}, ${r.hamletName}`}
      >
        <Group wrap="nowrap" gap="xs" justify="space-between">
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Text fw={600} size="lg" className="toso-break">
              {r.fullName}
            </Text>
            <Text size="sm" className="toso-break">
              {residentFacts(t, r)}
            </Text>
            <Text size="sm" c="dimmed" className="toso-break">
              {t('residents.cardHousehold', { hamlet: r.hamletName, head: r.householdHead || '—' })}
            </Text>
            <Group gap={6}>
              <WorkingAgeBadge status={r.workingAge} />
              <ConsentBadge consent={r.consent} />
            </Group>
          </Stack>
          <IconChevronRight size={18} color="var(--mantine-color-dimmed)" aria-hidden />
        </Group>
      </UnstyledButton>
    </Paper>
  );
}
