import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  IconDownload,
  IconExternalLink,
  IconPencil,
  IconPlus,
  IconSearch,
  IconTrash,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import {
  MATERIAL_KINDS,
  MATERIAL_TOPICS,
  type MaterialDto,
  type MaterialKind,
  type MaterialTopic,
} from '@toso/domain/library';
import {
  deleteMaterial,
  libraryKeys,
  materialFileUrl,
  useLibraryPlatforms,
  useMaterialList,
} from '../../api/library';
import { useCan } from '../../app/auth-guard';
import { formatDate } from '../../components/dates';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { PagedList, useSearchPaging } from '../../components/paged-list';
import { ConfirmButton } from './confirm-button';
import { MaterialModal } from './material-modal';

const PAGE_SIZE = 20;

/** The library's tabs: materials and the guide cards per platform. */
export function LibraryTabs(props: { value: 'materials' | 'guides' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Tabs
      value={props.value}
      onChange={(v) => void navigate(v === 'guides' ? '/library/guides' : '/library')}
      mb="sm"
    >
      <Tabs.List>
        <Tabs.Tab value="materials">{t('library.tabs.materials')}</Tabs.Tab>
        <Tabs.Tab value="guides">{t('library.tabs.guides')}</Tabs.Tab>
      </Tabs.List>
    </Tabs>
  );
}

export function MaterialsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const platformId = params.get('platformId') ?? '';
  const [topic, setTopic] = useState<MaterialTopic | ''>('');
  const [kind, setKind] = useState<MaterialKind | ''>('');
  const {
    search,
    setSearch,
    debounced: q,
    page,
    setPage,
  } = useSearchPaging(`${platformId}|${topic}|${kind}`);
  const [dialog, setDialog] = useState<{ material: MaterialDto | null } | null>(null);
  const platforms = useLibraryPlatforms();
  const list = useMaterialList({
    q: q || undefined,
    platformId: platformId || undefined,
    topic: topic || undefined,
    kind: kind || undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  const canWrite = can('materials:write');
  const filtered = Boolean(q || platformId || topic || kind);

  return (
    <Stack gap="sm">
      <PageHeader
        title={t('library.title')}
        description={t('library.description')}
        actions={
          canWrite && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setDialog({ material: null })}
            >
              {t('library.materials.add')}
            </Button>
          )
        }
      />
      <LibraryTabs value="materials" />
      <TextInput
        leftSection={<IconSearch size={16} />}
        label={t('library.materials.search')}
        placeholder={t('library.materials.searchHint')}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
      />
      <Group grow wrap="wrap" align="flex-start">
        <NativeSelect
          label={t('library.materials.platform')}
          value={platformId}
          onChange={(e) => {
            const next = new URLSearchParams(params);
            if (e.currentTarget.value) next.set('platformId', e.currentTarget.value);
            else next.delete('platformId');
            setParams(next, { replace: true });
          }}
          data={[
            { value: '', label: t('library.materials.allPlatforms') },
            ...(platforms.data ?? []).map((p) => ({ value: p.id, label: p.name })),
          ]}
          miw={200}
        />
        <NativeSelect
          label={t('library.materials.topic')}
          value={topic}
          onChange={(e) => setTopic(e.currentTarget.value as MaterialTopic | '')}
          data={[
            { value: '', label: t('library.materials.allTopics') },
            ...MATERIAL_TOPICS.map((k) => ({ value: k, label: t(`library.topic.${k}`) })),
          ]}
          miw={160}
        />
        <NativeSelect
          label={t('library.materials.kind')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as MaterialKind | '')}
          data={[
            { value: '', label: t('library.materials.allKinds') },
            ...MATERIAL_KINDS.map((k) => ({ value: k, label: t(`library.kind.${k}`) })),
          ]}
          miw={140}
        />
      </Group>
      <PagedList
        query={list}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        empty={
          filtered
            ? t('library.materials.emptyFiltered')
            : canWrite
              ? t('library.materials.empty')
              : t('library.materials.emptyReadOnly')
        }
        emptyAction={
          canWrite &&
          !filtered && (
            <Button variant="light" onClick={() => setDialog({ material: null })}>
              {t('library.materials.add')}
            </Button>
          )
        }
      >
        {(items) => (
          <Stack gap="xs">
            {items.map((m) => (
              <MaterialRow key={m.id} material={m} onEdit={() => setDialog({ material: m })} />
            ))}
          </Stack>
        )}
      </PagedList>
      {dialog && (
        <MaterialModal
          material={dialog.material}
          platforms={(platforms.data ?? []).filter((p) => !p.retiredOn)}
          onClose={() => setDialog(null)}
        />
      )}
    </Stack>
  );
}

function sizeLabel(bytes: number): string {
  return bytes >= 1048576
    ? `${(bytes / 1048576).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function MaterialRow(props: { material: MaterialDto; onEdit: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const m = props.material;
  const remove = useMutation({
    mutationFn: () => deleteMaterial(m.id),
    onSuccess: async () => {
      notifySuccess(t('library.materials.deleted', { title: m.title }));
      await queryClient.invalidateQueries({ queryKey: libraryKeys.materials });
    },
    onError: (error) => notifyError(error, t),
  });
  return (
    <Paper withBorder p="sm" radius="md" data-testid="material-row">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
            <Text fw={600} className="toso-break">
              {m.title}
            </Text>
            <Group gap={6}>
              <Badge size="sm" variant="light" color={m.kind === 'video' ? 'grape' : 'blue'}>
                {t(`library.kind.${m.kind}`)}
              </Badge>
              <Badge size="sm" variant="outline">
                {t(`library.topic.${m.topic}`)}
              </Badge>
              {m.platformName && (
                <Badge size="sm" variant="default" className="toso-break">
                  {m.platformName}
                </Badge>
              )}
            </Group>
          </Stack>
          {m.canEdit && (
            <ActionIcon
              variant="subtle"
              aria-label={t('library.materials.editNamed', { title: m.title })}
              onClick={props.onEdit}
            >
              <IconPencil size={18} />
            </ActionIcon>
          )}
        </Group>
        {m.description && (
          <Text size="sm" className="toso-break">
            {m.description}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {[
            m.source,
            t(`library.language.${m.language}`),
            formatDate(m.createdAt.slice(0, 10), i18n.language),
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        <Group gap="sm">
          {m.url && (
            <Anchor href={m.url} target="_blank" rel="noreferrer" size="sm">
              <Group gap={4} wrap="nowrap">
                <IconExternalLink size={14} />
                {m.kind === 'video'
                  ? t('library.materials.watch')
                  : t('library.materials.openLink')}
              </Group>
            </Anchor>
          )}
          {m.file && (
            <>
              <Anchor href={materialFileUrl(m.id, true)} target="_blank" rel="noreferrer" size="sm">
                {t('library.materials.view')}
              </Anchor>
              <Anchor href={materialFileUrl(m.id)} size="sm">
                <Group gap={4} wrap="nowrap">
                  <IconDownload size={14} />
                  {t('library.materials.download', { size: sizeLabel(m.file.size) })}
                </Group>
              </Anchor>
            </>
          )}
          {m.canEdit && (
            <ConfirmButton
              size="compact-sm"
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={14} />}
              label={t('library.materials.delete')}
              confirmLabel={t('library.materials.delete')}
              question={t('library.materials.deleteQuestion', { title: m.title })}
              loading={remove.isPending}
              onConfirm={() => remove.mutateAsync().catch(() => undefined)}
            />
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
