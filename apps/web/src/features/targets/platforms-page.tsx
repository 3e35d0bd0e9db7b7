import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArchive, IconPencil, IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  OUTCOMES,
  PILLARS,
  PLATFORM_KINDS,
  platformBody,
  type Outcome,
  type Pillar,
  type PlatformDto,
  type PlatformKind,
} from '@toso/domain/platforms';
import {
  catalogueKeys,
  createPlatform,
  retirePlatform,
  updatePlatform,
  usePlatforms,
} from '../../api/targets';
import { useCan } from '../../app/auth-guard';
import { formatDate, todayIso } from '../../components/dates';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { applyServerErrors, zodValidate } from '../../components/form-errors';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { PlatformGuideFile } from './platform-guide-file';

type Dialog =
  { kind: 'edit'; platform: PlatformDto | null } | { kind: 'retire'; platform: PlatformDto } | null;

/** The catalogue of platforms by pillar; the district or province officer keeps it. */
export function PlatformsPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const canWrite = can('settings:write');
  const list = usePlatforms();
  const [dialog, setDialog] = useState<Dialog>(null);

  return (
    <Stack gap="sm">
      <PageHeader
        title={t('targetsCatalogue.title')}
        description={t('targetsCatalogue.description')}
        actions={
          canWrite && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setDialog({ kind: 'edit', platform: null })}
            >
              {t('targetsCatalogue.add')}
            </Button>
          )
        }
      />
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : list.data.length === 0 ? (
        <EmptyState>
          {canWrite ? t('targetsCatalogue.empty') : t('targetsCatalogue.emptyReadOnly')}
        </EmptyState>
      ) : (
        PILLARS.map((pillar) => {
          const items = list.data.filter((p) => p.pillar === pillar);
          if (items.length === 0) return null;
          return (
            <Stack
              gap="xs"
              key={pillar}
              component="section"
              aria-label={t(`field.pillar.${pillar}`)}
            >
              <Title order={3} size="h4">
                {t(`field.pillar.${pillar}`)}
              </Title>
              {items.map((p) => (
                <Paper withBorder p="sm" radius="md" key={p.id} data-testid="platform-row">
                  <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                    <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
                      <Group gap={6}>
                        <Text
                          fw={600}
                          className="toso-break"
                          c={p.retiredOn ? 'dimmed' : undefined}
                        >
                          {p.name}
                        </Text>
                        <Badge size="sm" variant="light">
                          {t(`targetsCatalogue.kind.${p.kind}`)}
                        </Badge>
                        {p.retiredOn && (
                          <Badge size="sm" color="gray">
                            {t('targetsCatalogue.retiredOn', {
                              date: formatDate(p.retiredOn, i18n.language),
                            })}
                          </Badge>
                        )}
                      </Group>
                      <Group gap={4}>
                        {p.outcomes.map((o) => (
                          <Badge key={o} size="xs" variant="outline">
                            {t(`field.outcome.${o}`)}
                          </Badge>
                        ))}
                      </Group>
                      <Group gap="sm">
                        {p.link && (
                          <Anchor
                            href={p.link}
                            target="_blank"
                            rel="noreferrer"
                            size="sm"
                            className="toso-break"
                          >
                            {p.link}
                          </Anchor>
                        )}
                        {p.guideUrl && (
                          <Anchor href={p.guideUrl} target="_blank" rel="noreferrer" size="sm">
                            {t('targetsCatalogue.guide')}
                          </Anchor>
                        )}
                      </Group>
                      <PlatformGuideFile platform={p} canWrite={canWrite} />
                    </Stack>
                    {canWrite && (
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          leftSection={<IconPencil size={14} />}
                          onClick={() => setDialog({ kind: 'edit', platform: p })}
                          aria-label={t('targetsCatalogue.editNamed', { name: p.name })}
                        >
                          {t('common.edit')}
                        </Button>
                        {!p.retiredOn && (
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            color="red"
                            leftSection={<IconArchive size={14} />}
                            onClick={() => setDialog({ kind: 'retire', platform: p })}
                            aria-label={t('targetsCatalogue.retireNamed', { name: p.name })}
                          >
                            {t('targetsCatalogue.retire')}
                          </Button>
                        )}
                      </Group>
                    )}
                  </Group>
                </Paper>
              ))}
            </Stack>
          );
        })
      )}
      {dialog?.kind === 'edit' && (
        <PlatformModal platform={dialog.platform} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'retire' && (
        <RetireModal platform={dialog.platform} onClose={() => setDialog(null)} />
      )}
    </Stack>
  );
}

interface Values {
  name: string;
  pillar: Pillar;
  kind: PlatformKind;
  link: string;
  guideUrl: string;
  outcomes: Outcome[];
}

const toBody = (v: Values) => ({
  name: v.name,
  pillar: v.pillar,
  kind: v.kind,
  link: v.link.trim() || null,
  guideUrl: v.guideUrl.trim() || null,
  outcomes: v.outcomes,
});

function PlatformModal(props: { platform: PlatformDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const p = props.platform;
  const form = useForm<Values>({
    initialValues: {
      name: p?.name ?? '',
      pillar: p?.pillar ?? 'government',
      kind: p?.kind ?? 'app',
      link: p?.link ?? '',
      guideUrl: p?.guideUrl ?? '',
      outcomes: p?.outcomes ?? [],
    },
    validate: zodValidate<Values>(platformBody, toBody),
  });
  const save = useMutation({
    mutationFn: (v: Values) => (p ? updatePlatform(p.id, toBody(v)) : createPlatform(toBody(v))),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: catalogueKeys.platforms });
      notifySuccess(t('targetsCatalogue.saved', { name: saved.name }));
      props.onClose();
    },
    onError: (e) => applyServerErrors(form, e, t),
  });
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={p ? t('targetsCatalogue.edit') : t('targetsCatalogue.add')}
    >
      <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
        <Stack gap="sm">
          <TextInput label={t('targetsCatalogue.name')} required {...form.getInputProps('name')} />
          <NativeSelect
            label={t('targetsCatalogue.pillar')}
            data={PILLARS.map((x) => ({ value: x, label: t(`field.pillar.${x}`) }))}
            {...form.getInputProps('pillar')}
          />
          <NativeSelect
            label={t('targetsCatalogue.kindLabel')}
            data={PLATFORM_KINDS.map((x) => ({ value: x, label: t(`targetsCatalogue.kind.${x}`) }))}
            {...form.getInputProps('kind')}
          />
          <TextInput
            label={t('targetsCatalogue.link')}
            placeholder="https://"
            inputMode="url"
            {...form.getInputProps('link')}
          />
          <TextInput
            label={t('targetsCatalogue.guideUrl')}
            placeholder="https://"
            inputMode="url"
            {...form.getInputProps('guideUrl')}
          />
          <Checkbox.Group
            label={t('targetsCatalogue.outcomes')}
            description={t('targetsCatalogue.outcomesHelp')}
            required
            {...form.getInputProps('outcomes')}
          >
            <Stack gap={6} mt={6}>
              {OUTCOMES.map((o) => (
                <Checkbox key={o} value={o} label={t(`field.outcome.${o}`)} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function RetireModal(props: { platform: PlatformDto; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [date, setDate] = useState(todayIso());
  const retire = useMutation({
    mutationFn: () => retirePlatform(props.platform.id, date),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: catalogueKeys.platforms });
      notifySuccess(t('targetsCatalogue.retired', { name: props.platform.name }));
      props.onClose();
    },
    onError: (e) => notifyError(e, t),
  });
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={t('targetsCatalogue.retireTitle', { name: props.platform.name })}
    >
      <Stack gap="sm">
        <Text size="sm">{t('targetsCatalogue.retireText')}</Text>
        <TextInput
          type="date"
          label={t('targetsCatalogue.retireDate')}
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
          required
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={retire.isPending}
            disabled={!date}
            onClick={() => retire.mutate()}
          >
            {t('targetsCatalogue.retireConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
