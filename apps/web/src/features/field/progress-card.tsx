import { Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { OUTCOME_LABELS } from '@toso/domain/platforms';
import { useProgress } from '../../api/field';
import { db } from '../../offline/db';
import { useLiveQuery } from '../../offline/hooks';

/** Residents helped in the user's unit, per platform and outcome (online only). */
export function ProgressCard(props: { unitId: string | null }) {
  const { t, i18n } = useTranslation();
  const vi = i18n.language !== 'en';
  const progress = useProgress(props.unitId, true);
  const names = useLiveQuery('platform-names', async () => {
    const rows = await db.platforms.toArray();
    return new Map(rows.map((p) => [p.id, p.name]));
  });
  if (!progress.data) return null;
  const rows = progress.data.rows.filter((r) => r.count > 0).sort((a, b) => b.count - a.count);
  return (
    <Paper withBorder p="xs" radius="sm" data-testid="team-progress">
      <Text fw={700} size="sm" mb={4}>
        {t('field.progressTitle', { name: progress.data.unitName })}
      </Text>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('field.progressEmpty')}
        </Text>
      ) : (
        <Stack gap={2}>
          {rows.map((r) => (
            <Group
              key={`${r.platformId}|${r.outcome}`}
              justify="space-between"
              wrap="nowrap"
              data-testid="team-progress-row"
              data-pair={`${r.platformId}|${r.outcome}`}
            >
              <Text size="sm" className="toso-break">
                {names?.get(r.platformId) ?? r.platformId} ·{' '}
                {vi ? OUTCOME_LABELS[r.outcome] : t(`field.outcome.${r.outcome}`)}
              </Text>
              <Text size="sm" fw={600} data-testid="team-progress-count">
                {r.count}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
