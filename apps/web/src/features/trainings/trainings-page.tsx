import { Badge, Button, Group, Paper, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconChartPie, IconChevronRight, IconPlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TrainingSummaryDto } from '@toso/domain/trainings';
import { useTrainingList } from '../../api/trainings';
import { useCan } from '../../app/auth-guard';
import { formatDate } from '../../components/dates';
import { PageHeader } from '../../components/page-header';
import { PagedList, useSearchPaging } from '../../components/paged-list';

const PAGE_SIZE = 20;

export function TrainingsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { search, setSearch, debounced, page, setPage } = useSearchPaging();
  const list = useTrainingList({ q: debounced || undefined, page, pageSize: PAGE_SIZE });
  return (
    <Stack gap="sm">
      <PageHeader
        title={t('trainings.title')}
        description={t('trainings.description')}
        actions={
          <>
            <Button
              component={Link}
              to="/trainings/coverage"
              variant="default"
              leftSection={<IconChartPie size={16} />}
            >
              {t('trainings.coverageTitle')}
            </Button>
            {can('trainings:write') && (
              <Button component={Link} to="/trainings/new" leftSection={<IconPlus size={16} />}>
                {t('trainings.schedule')}
              </Button>
            )}
          </>
        }
      />
      <TextInput
        type="search"
        label={t('trainings.search')}
        placeholder={t('trainings.searchPlaceholder')}
        leftSection={<IconSearch size={16} />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        style={{ maxWidth: 420 }}
      />
      <PagedList
        query={list}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        empty={debounced ? t('trainings.emptySearch') : t('trainings.empty')}
        emptyAction={
          !debounced &&
          can('trainings:write') && (
            <Button component={Link} to="/trainings/new" variant="light">
              {t('trainings.schedule')}
            </Button>
          )
        }
      >
        {(items) => (
          <Stack gap="xs">
            {items.map((x) => (
              <TrainingRow key={x.id} training={x} />
            ))}
          </Stack>
        )}
      </PagedList>
    </Stack>
  );
}

export function organiserLabel(
  t: (k: string) => string,
  x: Pick<TrainingSummaryDto, 'organiserKind' | 'partnerName' | 'unitName'>,
) {
  return x.organiserKind === 'partner' && x.partnerName
    ? x.partnerName
    : `${t(`trainings.organiser.${x.organiserKind}`)} — ${x.unitName}`;
}

function TrainingRow(props: { training: TrainingSummaryDto }) {
  const { t, i18n } = useTranslation();
  const x = props.training;
  return (
    <Paper withBorder radius="md" p="sm">
      <UnstyledButton
        component={Link}
        to={`/trainings/${x.id}`}
        style={{ display: 'block', width: '100%' }}
        aria-label={x.title}
      >
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Text fw={600} className="toso-break">
              {x.title}
            </Text>
            <Text size="sm" c="dimmed" className="toso-break">
              {formatDate(x.heldOn, i18n.language)} {x.startTime} · {organiserLabel(t, x)}
            </Text>
            <Group gap={4}>
              <Badge variant="light" color={x.mode === 'online' ? 'grape' : 'blue'}>
                {t(`trainings.mode.${x.mode}`)}
              </Badge>
              {x.topics.map((topic) => (
                <Badge key={topic.key} variant="outline" color="gray" className="toso-break">
                  {topic.label}
                </Badge>
              ))}
            </Group>
            <Text size="sm">
              {t('trainings.attendanceCount', { present: x.present, invited: x.invited })}
            </Text>
          </Stack>
          <IconChevronRight size={18} aria-hidden />
        </Group>
      </UnstyledButton>
    </Paper>
  );
}
