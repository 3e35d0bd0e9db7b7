import {
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  NativeSelect,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPencil } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  CONTRIBUTION_KINDS,
  contributionBody,
  type ContributionKind,
  type PartnerDetailDto,
} from '@toso/domain/trainings';
import {
  addContribution,
  partnerKeys,
  useContributionList,
  usePartner,
  usePartnerTrainings,
} from '../../api/trainings';
import { useCan } from '../../app/auth-guard';
import { formatDate, todayIso } from '../../components/dates';
import { EmptyState } from '../../components/empty-state';
import { ErrorState } from '../../components/error-state';
import { applyServerErrors, zodValidate } from '../../components/form-errors';
import { notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { PagedList, SearchInput, useSearchPaging } from '../../components/paged-list';
import { PartnerModal } from './partner-modal';

export function PartnerPage() {
  const { t } = useTranslation();
  const { partnerId = '' } = useParams();
  const partner = usePartner(partnerId);
  if (partner.isError)
    return <ErrorState error={partner.error} onRetry={() => void partner.refetch()} />;
  if (partner.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  return <PartnerView partner={partner.data} />;
}

function PartnerView(props: { partner: PartnerDetailDto }) {
  const { t } = useTranslation();
  const can = useCan();
  const p = props.partner;
  const [editing, setEditing] = useState(false);
  return (
    <Stack gap="sm">
      <PageHeader
        title={p.name}
        description={`${t(`partners.kind.${p.kind}`)} · ${p.unitName}`}
        actions={
          p.canEdit && (
            <Button
              variant="default"
              leftSection={<IconPencil size={16} />}
              onClick={() => setEditing(true)}
            >
              {t('partners.edit')}
            </Button>
          )
        }
      />
      {p.contacts && (
        <Paper withBorder p="sm" radius="md">
          <Text size="sm" fw={600} mb={4}>
            {t('partners.contacts')}
          </Text>
          {p.contacts.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('partners.noContacts')}
            </Text>
          ) : (
            p.contacts.map((c, i) => (
              <Text key={i} size="sm" className="toso-break">
                {c.fullName}
                {c.role && ` — ${c.role}`}
                {c.phone && (
                  <>
                    {' · '}
                    <Anchor href={`tel:${c.phone}`}>{c.phone}</Anchor>
                  </>
                )}
              </Text>
            ))
          )}
        </Paper>
      )}
      <Title order={4}>{t('partners.byCommune')}</Title>
      {p.byCommune.length === 0 ? (
        <EmptyState>
          {p.canEdit ? t('partners.noCommunesEdit') : t('partners.noCommunes')}
        </EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table striped withTableBorder aria-label={t('partners.byCommune')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('partners.commune')}</Table.Th>
                <Table.Th>{t('partners.trainings')}</Table.Th>
                <Table.Th>{t('partners.attendees')}</Table.Th>
                <Table.Th>{t('partners.contribution.materials')}</Table.Th>
                <Table.Th>{t('partners.contribution.staff_days')}</Table.Th>
                <Table.Th>{t('partners.contribution.support_points')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.byCommune.map((r) => (
                <Table.Tr key={r.communeId}>
                  <Table.Td>{r.communeName}</Table.Td>
                  <Table.Td>{r.trainings}</Table.Td>
                  <Table.Td>{r.attendees}</Table.Td>
                  <Table.Td>{r.materials}</Table.Td>
                  <Table.Td>{r.staffDays}</Table.Td>
                  <Table.Td>{r.supportPoints}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Title order={4}>{t('partners.trainingList')}</Title>
      <PartnerTrainings partnerId={p.id} />
      <Title order={4}>{t('partners.contributions')}</Title>
      {can('partners:contribute') && p.communes.length > 0 && <ContributionForm partner={p} />}
      <Contributions partnerId={p.id} />
      {editing && <PartnerModal partner={p} onClose={() => setEditing(false)} />}
    </Stack>
  );
}

const TRAINING_PAGE_SIZE = 20;

/** The trainings the partner organised for members in the user's scope, newest first, a page at
 *  a time, searched by title without accents. */
function PartnerTrainings(props: { partnerId: string }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const { search, setSearch, debounced, page, setPage } = useSearchPaging();
  const list = usePartnerTrainings(props.partnerId, debounced, page, TRAINING_PAGE_SIZE);
  const canSchedule = !debounced && can('trainings:write');
  return (
    <>
      <SearchInput
        label={t('leftovers.partnerTrainingSearch')}
        value={search}
        onChange={setSearch}
      />
      <PagedList
        query={list}
        page={page}
        pageSize={TRAINING_PAGE_SIZE}
        onPage={setPage}
        empty={debounced ? t('leftovers.partnerTrainingEmptySearch') : t('partners.noTrainings')}
        emptyAction={
          canSchedule && (
            <Button component={Link} to="/trainings/new" variant="light" size="xs">
              {t('trainings.schedule')}
            </Button>
          )
        }
      >
        {(items) => (
          <Stack gap={4} data-testid="partner-trainings">
            {items.map((x) => {
              const text = `${formatDate(x.heldOn, i18n.language)} — ${x.title} (${t('partners.presentCount', { count: x.present })})`;
              return can('trainings:read') ? (
                <Anchor
                  key={x.id}
                  component={Link}
                  to={`/trainings/${x.id}`}
                  size="sm"
                  className="toso-break"
                >
                  {text}
                </Anchor>
              ) : (
                <Text key={x.id} size="sm" className="toso-break">
                  {text}
                </Text>
              );
            })}
          </Stack>
        )}
      </PagedList>
    </>
  );
}

const CONTRIBUTION_PAGE_SIZE = 20;

/** The partner's contributions in the user's scope, newest first, a page at a time. */
function Contributions(props: { partnerId: string }) {
  const { t, i18n } = useTranslation();
  const { search, setSearch, debounced, page, setPage } = useSearchPaging();
  const list = useContributionList(props.partnerId, debounced, page, CONTRIBUTION_PAGE_SIZE);
  return (
    <>
      <SearchInput label={t('review.contributionSearch')} value={search} onChange={setSearch} />
      <PagedList
        query={list}
        page={page}
        pageSize={CONTRIBUTION_PAGE_SIZE}
        onPage={setPage}
        empty={debounced ? t('review.contributionEmptySearch') : t('partners.noContributions')}
      >
        {(items) => (
          <Stack gap={4} data-testid="contribution-list">
            {items.map((c) => (
              <Paper key={c.id} withBorder p="xs" radius="md">
                <Group gap="xs" wrap="wrap">
                  <Badge variant="light">{t(`partners.contribution.${c.kind}`)}</Badge>
                  <Text size="sm" fw={600}>
                    {c.quantity}
                  </Text>
                  <Text size="sm">{c.communeName}</Text>
                  <Text size="xs" c="dimmed">
                    {formatDate(c.contributedOn, i18n.language)}
                  </Text>
                </Group>
                {c.description && (
                  <Text size="sm" c="dimmed" className="toso-break">
                    {c.description}
                  </Text>
                )}
              </Paper>
            ))}
          </Stack>
        )}
      </PagedList>
    </>
  );
}

interface ContributionValues {
  communeId: string;
  kind: ContributionKind;
  quantity: number;
  description: string;
  contributedOn: string;
}

function ContributionForm(props: { partner: PartnerDetailDto }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<ContributionValues>({
    initialValues: {
      communeId: props.partner.communes[0]?.id ?? '',
      kind: 'materials',
      quantity: 1,
      description: '',
      contributedOn: todayIso(),
    },
    validate: zodValidate(contributionBody),
  });
  const mutation = useMutation({
    mutationFn: (v: ContributionValues) => addContribution(props.partner.id, v),
    onSuccess: (saved) => {
      queryClient.setQueryData(partnerKeys.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: partnerKeys.contributions(saved.id) });
      notifySuccess(t('partners.contributionSaved'));
      form.setFieldValue('description', '');
    },
    onError: (error) => applyServerErrors(form, error, t),
  });
  return (
    <Paper withBorder p="sm" radius="md">
      <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
        <Stack gap="xs">
          <Group grow wrap="wrap" gap="sm" align="flex-end">
            <NativeSelect
              label={t('partners.commune')}
              data={props.partner.communes.map((c) => ({ value: c.id, label: c.name }))}
              {...form.getInputProps('communeId')}
              style={{ minWidth: 160 }}
            />
            <NativeSelect
              label={t('partners.contributionKind')}
              data={CONTRIBUTION_KINDS.map((k) => ({
                value: k,
                label: t(`partners.contribution.${k}`),
              }))}
              {...form.getInputProps('kind')}
              style={{ minWidth: 160 }}
            />
          </Group>
          <Group grow wrap="wrap" gap="sm" align="flex-end">
            <NumberInput
              label={t('partners.quantity')}
              min={1}
              allowDecimal={false}
              {...form.getInputProps('quantity')}
            />
            <TextInput
              type="date"
              label={t('partners.date')}
              {...form.getInputProps('contributedOn')}
            />
          </Group>
          <TextInput
            label={t('partners.contributionDescription')}
            {...form.getInputProps('description')}
          />
          <Button type="submit" loading={mutation.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('partners.addContribution')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
