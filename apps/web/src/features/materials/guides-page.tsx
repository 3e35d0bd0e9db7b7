import {
  Button,
  Group,
  Loader,
  Modal,
  NavLink,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconChevronRight, IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { guideCardBody, type GuideCardBody, type GuideCardDto } from '@toso/domain/library';
import { libraryKeys, saveGuideCard, useGuideCard, useGuideCards } from '../../api/library';
import { useCan } from '../../app/auth-guard';
import { ErrorState } from '../../components/error-state';
import { applyServerErrors, zodValidate } from '../../components/form-errors';
import { notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { GuideCardView } from './guide-card-view';
import { LibraryTabs } from './materials-page';

/** "How to help a resident with X": the platforms on the left, the chosen card on the right. */
export function GuidesPage() {
  const { t } = useTranslation();
  const { platformId } = useParams();
  const cards = useGuideCards();
  return (
    <Stack gap="sm">
      <PageHeader title={t('library.title')} description={t('library.guide.description')} />
      <LibraryTabs value="guides" />
      {cards.isError ? (
        <ErrorState error={cards.error} onRetry={() => void cards.refetch()} />
      ) : cards.isPending ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : (
        <SimpleGrid cols={{ base: 1, md: platformId ? 2 : 1 }} spacing="md">
          <Paper
            withBorder
            radius="md"
            display={platformId ? { base: 'none', md: 'block' } : undefined}
          >
            <nav aria-label={t('library.guide.list')}>
              {cards.data.map((c) => (
                <NavLink
                  key={c.platformId}
                  component={Link}
                  to={`/library/guides/${c.platformId}`}
                  label={c.platformName}
                  description={c.steps.length === 0 ? t('library.guide.noCardShort') : undefined}
                  active={c.platformId === platformId}
                  rightSection={<IconChevronRight size={16} />}
                />
              ))}
            </nav>
          </Paper>
          {platformId && <GuideDetail platformId={platformId} />}
        </SimpleGrid>
      )}
    </Stack>
  );
}

function GuideDetail(props: { platformId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const card = useGuideCard(props.platformId);
  const [editing, setEditing] = useState(false);
  if (card.isError) return <ErrorState error={card.error} onRetry={() => void card.refetch()} />;
  if (card.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Title order={3} size="h4" className="toso-break">
          {t('library.guide.title', { name: card.data.platformName })}
        </Title>
        {can('guides:write') && (
          <Button
            size="compact-sm"
            variant="light"
            leftSection={<IconPencil size={14} />}
            onClick={() => setEditing(true)}
          >
            {t('common.edit')}
          </Button>
        )}
      </Group>
      <Button
        component={Link}
        to="/library/guides"
        variant="subtle"
        size="compact-sm"
        hiddenFrom="md"
        style={{ alignSelf: 'flex-start' }}
      >
        {t('library.guide.allPlatforms')}
      </Button>
      <GuideCardView card={card.data} online />
      {editing && <GuideEditModal card={card.data} onClose={() => setEditing(false)} />}
    </Stack>
  );
}

interface Values {
  steps: string;
  needs: string;
  problems: string;
}
const toLines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
const toBody = (v: Values): GuideCardBody => ({
  steps: toLines(v.steps),
  needs: toLines(v.needs),
  problems: toLines(v.problems),
});

function GuideEditModal(props: { card: GuideCardDto; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const schemaCheck = zodValidate<Values>(guideCardBody, toBody);
  const form = useForm<Values>({
    initialValues: {
      steps: props.card.steps.join('\n'),
      needs: props.card.needs.join('\n'),
      problems: props.card.problems.join('\n'),
    },
    validate: schemaCheck,
  });
  const mutation = useMutation({
    mutationFn: (v: Values) => saveGuideCard(props.card.platformId, toBody(v)),
    onSuccess: async (saved) => {
      queryClient.setQueryData(libraryKeys.guide(saved.platformId), saved);
      await queryClient.invalidateQueries({ queryKey: libraryKeys.guides });
      notifySuccess(t('library.guide.saved', { name: saved.platformName }));
      props.onClose();
    },
    onError: (error) => applyServerErrors(form, error, t),
  });
  return (
    <Modal
      opened
      onClose={props.onClose}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={t('library.guide.title', { name: props.card.platformName })}
    >
      <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('library.guide.oneLineEach')}
          </Text>
          <Textarea
            label={t('library.guide.steps')}
            required
            autosize
            minRows={4}
            {...form.getInputProps('steps')}
          />
          <Textarea
            label={t('library.guide.needs')}
            autosize
            minRows={2}
            {...form.getInputProps('needs')}
          />
          <Textarea
            label={t('library.guide.problems')}
            autosize
            minRows={2}
            {...form.getInputProps('problems')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
