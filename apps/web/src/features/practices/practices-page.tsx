import {
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { IconMessage, IconPhoto, IconPlus, IconSearch, IconStarFilled } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { PracticeStatus, PracticeSummaryDto } from '@toso/domain/library';
import { usePracticeList } from '../../api/library';
import { useCan } from '../../app/auth-guard';
import { formatDate } from '../../components/dates';
import { PageHeader } from '../../components/page-header';
import { PagedList, useSearchPaging } from '../../components/paged-list';
import { PracticeModal } from './practice-modal';

const PAGE_SIZE = 20;

/** Good practices of the province: the district's featured ones first, then the newest. */
export function PracticesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const [status, setStatus] = useState<PracticeStatus | ''>('');
  const { search, setSearch, debounced: q, page, setPage } = useSearchPaging(status);
  const [creating, setCreating] = useState(false);
  const list = usePracticeList({
    q: q || undefined,
    status: status || undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  const canWrite = can('practices:write');
  const filtered = Boolean(q || status);
  return (
    <Stack gap="sm">
      <PageHeader
        title={t('practices.title')}
        description={t('practices.description')}
        actions={
          canWrite && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('practices.add')}
            </Button>
          )
        }
      />
      <Group grow wrap="wrap" align="flex-end">
        <TextInput
          leftSection={<IconSearch size={16} />}
          label={t('practices.search')}
          placeholder={t('practices.searchHint')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          miw={220}
        />
        {canWrite && (
          <NativeSelect
            label={t('practices.status')}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as PracticeStatus | '')}
            data={[
              { value: '', label: t('practices.allStatuses') },
              { value: 'published', label: t('practices.statusLabel.published') },
              { value: 'draft', label: t('practices.statusLabel.draft') },
            ]}
            maw={220}
          />
        )}
      </Group>
      <PagedList
        query={list}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        empty={
          filtered
            ? t('practices.emptyFiltered')
            : canWrite
              ? t('practices.empty')
              : t('practices.emptyReadOnly')
        }
        emptyAction={
          canWrite &&
          !filtered && (
            <Button variant="light" onClick={() => setCreating(true)}>
              {t('practices.add')}
            </Button>
          )
        }
      >
        {(items) => (
          <Stack
            gap="xs"
            component="ul"
            p={0}
            m={0}
            aria-label={t('practices.listLabel')}
            style={{ listStyle: 'none' }}
          >
            {items.map((p) => (
              <li key={p.id}>
                <PracticeRow practice={p} />
              </li>
            ))}
          </Stack>
        )}
      </PagedList>
      {creating && (
        <PracticeModal
          practice={null}
          onClose={() => setCreating(false)}
          onSaved={(id) => void navigate(`/practices/${id}`)}
        />
      )}
    </Stack>
  );
}

function PracticeRow(props: { practice: PracticeSummaryDto }) {
  const { t, i18n } = useTranslation();
  const p = props.practice;
  const date = p.publishedAt ?? p.updatedAt;
  return (
    <UnstyledButton component={Link} to={`/practices/${p.id}`} w="100%" data-testid="practice-row">
      <Paper
        withBorder
        p="sm"
        radius="md"
        style={p.featured ? { borderColor: 'var(--mantine-color-yellow-5)' } : undefined}
      >
        <Stack gap={4}>
          <Group gap={6}>
            {p.featured && (
              <Badge size="sm" color="yellow" leftSection={<IconStarFilled size={10} />}>
                {t('practices.featured')}
              </Badge>
            )}
            {p.status === 'draft' && (
              <Badge size="sm" color="gray" variant="light">
                {t('practices.statusLabel.draft')}
              </Badge>
            )}
          </Group>
          <Text fw={600} className="toso-break">
            {p.title}
          </Text>
          <Text size="sm" c="dimmed" className="toso-break" lineClamp={3}>
            {p.excerpt}
          </Text>
          <Group gap="sm">
            <Text size="xs" c="dimmed">
              {p.unitName} · {formatDate(date.slice(0, 10), i18n.language)}
            </Text>
            {p.photoCount > 0 && (
              <Group gap={2}>
                <IconPhoto size={14} aria-hidden />
                <Text size="xs">{p.photoCount}</Text>
              </Group>
            )}
            <Group gap={2} aria-label={t('practices.commentCount', { count: p.commentCount })}>
              <IconMessage size={14} aria-hidden />
              <Text size="xs">{p.commentCount}</Text>
            </Group>
          </Group>
        </Stack>
      </Paper>
    </UnstyledButton>
  );
}
