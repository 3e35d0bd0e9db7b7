import { Anchor, List, Paper, Stack, Text, Title } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { materialFileUrl } from '../../api/library';

export interface GuideCardContent {
  platformName: string;
  platformLink: string | null;
  steps: string[];
  needs: string[];
  problems: string[];
  materials: { id: string; title: string; kind: string; url: string | null; hasFile: boolean }[];
}

/**
 * "How to help a resident with X": the steps, what the resident brings, the usual problems and
 * the platform's materials. Text only, so it reads from the device copy with no connection.
 */
export function GuideCardView(props: { card: GuideCardContent; online: boolean }) {
  const { t } = useTranslation();
  const c = props.card;
  if (c.steps.length === 0) {
    return (
      <Text c="dimmed" size="sm" data-testid="guide-card-empty">
        {t('library.guide.noCard')}
      </Text>
    );
  }
  return (
    <Stack gap="sm" data-testid="guide-card">
      <Paper withBorder p="sm" radius="md">
        <Title order={4} size="h5" mb={6}>
          {t('library.guide.needs')}
        </Title>
        {c.needs.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('library.guide.nothing')}
          </Text>
        ) : (
          <List size="sm" spacing={4}>
            {c.needs.map((n) => (
              <List.Item key={n}>{n}</List.Item>
            ))}
          </List>
        )}
      </Paper>
      <Paper withBorder p="sm" radius="md">
        <Title order={4} size="h5" mb={6}>
          {t('library.guide.steps')}
        </Title>
        <List type="ordered" size="sm" spacing={6} aria-label={t('library.guide.steps')}>
          {c.steps.map((s, i) => (
            <List.Item key={`${i}-${s}`}>{s}</List.Item>
          ))}
        </List>
      </Paper>
      {c.problems.length > 0 && (
        <Paper withBorder p="sm" radius="md">
          <Title order={4} size="h5" mb={6}>
            {t('library.guide.problems')}
          </Title>
          <List size="sm" spacing={6}>
            {c.problems.map((p) => (
              <List.Item key={p}>{p}</List.Item>
            ))}
          </List>
        </Paper>
      )}
      {(c.materials.length > 0 || c.platformLink) && (
        <Paper withBorder p="sm" radius="md">
          <Title order={4} size="h5" mb={6}>
            {t('library.guide.materials')}
          </Title>
          {!props.online && (
            <Text size="xs" c="dimmed" mb={4}>
              {t('library.guide.linksNeedNetwork')}
            </Text>
          )}
          <Stack gap={4}>
            {c.platformLink && (
              <Anchor href={c.platformLink} target="_blank" rel="noreferrer" size="sm">
                {t('library.guide.openPlatform', { name: c.platformName })}{' '}
                <IconExternalLink size={12} />
              </Anchor>
            )}
            {c.materials.map((m) => (
              <Anchor
                key={m.id}
                href={m.hasFile ? materialFileUrl(m.id, true) : (m.url ?? undefined)}
                target="_blank"
                rel="noreferrer"
                size="sm"
                className="toso-break"
              >
                {m.kind === 'video' ? '▶ ' : ''}
                {m.title}
              </Anchor>
            ))}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
