import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  NativeSelect,
  Paper,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DATA_REQUEST_KINDS, type ResidentDto } from '@toso/domain/registry';
import {
  createDataRequest,
  handleDataRequest,
  listDataRequests,
  registryKeys,
  type DataRequestDto,
  type DataRequestKind,
  type DataRequestStatus,
} from '../../api/registry';
import { formatDate, todayIso } from '../../components/dates';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { PagedList } from '../../components/paged-list';
import { usePageFor } from '../../components/use-page-for';
import { ResidentSelect } from '../residents/resident-select';

const PAGE_SIZE = 50;
type Filter = DataRequestStatus | 'all';

/** Requests of residents about their personal data, with the legal due date. */
export function DataRequestsPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>('open');
  const [page, setPage] = usePageFor(filter);
  const [creating, setCreating] = useState(false);
  const [handling, setHandling] = useState<DataRequestDto | null>(null);
  const params = { status: filter === 'all' ? undefined : filter, page };
  const list = useQuery({
    queryKey: registryKeys.dataRequests(params),
    queryFn: () => listDataRequests(params),
  });
  return (
    <Stack gap="sm" maw={1000}>
      <PageHeader
        title={t('dataRequests.title')}
        description={t('dataRequests.description')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('dataRequests.add')}
          </Button>
        }
      />
      <NativeSelect
        label={t('dataRequests.filter')}
        value={filter}
        onChange={(e) => setFilter(e.currentTarget.value as Filter)}
        data={[
          { value: 'open', label: t('dataRequests.status.open') },
          { value: 'done', label: t('dataRequests.status.done') },
          { value: 'rejected', label: t('dataRequests.status.rejected') },
          { value: 'all', label: t('dataRequests.all') },
        ]}
        style={{ maxWidth: 260 }}
      />
      <PagedList
        query={list}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        empty={filter === 'open' ? t('dataRequests.emptyOpen') : t('dataRequests.empty')}
      >
        {(items) => (
          <Stack gap="xs" component="ul" p={0} m={0} aria-label={t('dataRequests.title')}>
            {items.map((r) => (
              <RequestRow key={r.id} request={r} onHandle={() => setHandling(r)} />
            ))}
          </Stack>
        )}
      </PagedList>
      {creating && <CreateModal onClose={() => setCreating(false)} />}
      {handling && <HandleModal request={handling} onClose={() => setHandling(null)} />}
    </Stack>
  );
}

function RequestRow(props: { request: DataRequestDto; onHandle: () => void }) {
  const { t, i18n } = useTranslation();
  const r = props.request;
  const overdue = r.status === 'open' && r.isOverdue;
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      component="li"
      data-testid="data-request"
      style={{
        listStyle: 'none',
        borderColor: overdue ? 'var(--mantine-color-red-6)' : undefined,
        borderLeftWidth: overdue ? 4 : undefined,
      }}
    >
      <Group justify="space-between" gap="xs" align="flex-start">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 240px' }}>
          <Group gap={6}>
            <Anchor component={Link} to={`/residents/${r.residentId}`} fw={600}>
              {r.residentName}
            </Anchor>
            <Badge variant="light">{t(`dataRequests.kind.${r.kind}`)}</Badge>
            <Badge
              variant="outline"
              color={r.status === 'open' ? 'blue' : r.status === 'done' ? 'teal' : 'gray'}
            >
              {t(`dataRequests.status.${r.status}`)}
            </Badge>
            {overdue && <Badge color="red">{t('dataRequests.overdue')}</Badge>}
          </Group>
          <Text size="sm" c={overdue ? 'red' : 'dimmed'}>
            {t('dataRequests.dates', {
              received: formatDate(r.receivedOn, i18n.language),
              due: formatDate(r.dueOn, i18n.language),
            })}
          </Text>
          {r.details && (
            <Text size="sm" className="toso-break">
              {r.details}
            </Text>
          )}
          {r.status !== 'open' && (
            <Text size="sm" className="toso-break">
              {t('dataRequests.handled', {
                date: r.handledOn ? formatDate(r.handledOn, i18n.language) : '—',
                response: r.response,
              })}
            </Text>
          )}
        </Stack>
        {r.status === 'open' && (
          <Button size="xs" variant="light" onClick={props.onHandle}>
            {t('dataRequests.handle')}
          </Button>
        )}
      </Group>
    </Paper>
  );
}

function CreateModal(props: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const phone = useMediaQuery('(max-width: 48em)');
  const [resident, setResident] = useState<ResidentDto | null>(null);
  const [kind, setKind] = useState<DataRequestKind>('see');
  const [receivedOn, setReceivedOn] = useState(todayIso());
  const [details, setDetails] = useState('');
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () =>
      createDataRequest({ residentId: resident?.id ?? '', kind, receivedOn, details }),
    onSuccess: async (created) => {
      notifySuccess(
        t('dataRequests.created', {
          name: created.residentName,
          due: formatDate(created.dueOn, i18n.language),
        }),
      );
      await queryClient.invalidateQueries({ queryKey: registryKeys.all });
      props.onClose();
    },
    onError: (e) => notifyError(e, t),
  });
  return (
    <Modal
      opened
      onClose={props.onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={t('dataRequests.addTitle')}
      size="lg"
      fullScreen={phone}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!resident) setError(t('dataRequests.residentRequired'));
          else mutation.mutate();
        }}
        noValidate
      >
        <Stack gap="sm">
          <ResidentSelect
            label={t('dataRequests.resident')}
            required
            value={resident}
            onChange={(r) => {
              setResident(r);
              setError(null);
            }}
            error={error}
          />
          <NativeSelect
            label={t('dataRequests.kindLabel')}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as DataRequestKind)}
            data={DATA_REQUEST_KINDS.map((k) => ({ value: k, label: t(`dataRequests.kind.${k}`) }))}
          />
          <TextInput
            type="date"
            label={t('dataRequests.receivedOn')}
            description={t('dataRequests.receivedOnHelp')}
            required
            max={todayIso()}
            value={receivedOn}
            onChange={(e) => setReceivedOn(e.currentTarget.value)}
          />
          <Textarea
            label={t('dataRequests.details')}
            autosize
            minRows={2}
            value={details}
            onChange={(e) => setDetails(e.currentTarget.value)}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} disabled={!receivedOn}>
              {t('dataRequests.addSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function HandleModal(props: { request: DataRequestDto; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const r = props.request;
  const [status, setStatus] = useState<'done' | 'rejected' | ''>('');
  const [response, setResponse] = useState('');
  const erases = r.kind === 'delete' && status === 'done';
  const mutation = useMutation({
    mutationFn: () => handleDataRequest(r.id, { status: status as 'done' | 'rejected', response }),
    onSuccess: async () => {
      notifySuccess(t('dataRequests.handledDone', { name: r.residentName }));
      await queryClient.invalidateQueries({ queryKey: registryKeys.all });
      props.onClose();
    },
    onError: (e) => notifyError(e, t),
  });
  return (
    <Modal
      opened
      onClose={props.onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={t('dataRequests.handleTitle', {
        kind: t(`dataRequests.kind.${r.kind}`),
        name: r.residentName,
      })}
    >
      <Stack gap="sm">
        <Radio.Group
          label={t('dataRequests.outcome')}
          required
          value={status}
          onChange={(v) => setStatus(v as 'done' | 'rejected')}
        >
          <Stack gap={6} mt={4}>
            <Radio value="done" label={t('dataRequests.outcomeDone')} />
            <Radio value="rejected" label={t('dataRequests.outcomeRejected')} />
          </Stack>
        </Radio.Group>
        {erases && (
          <Alert color="red" title={t('erase.warningTitle')}>
            {t('dataRequests.deleteWarning', { name: r.residentName })}
          </Alert>
        )}
        <Textarea
          label={t('dataRequests.response')}
          description={t('dataRequests.responseHelp')}
          required
          autosize
          minRows={2}
          value={response}
          onChange={(e) => setResponse(e.currentTarget.value)}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color={erases ? 'red' : undefined}
            disabled={status === '' || response.trim().length < 3}
            loading={mutation.isPending}
            onClick={() => mutation.mutate()}
          >
            {erases ? t('dataRequests.eraseSubmit') : t('dataRequests.handleSubmit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
