import {
  Button,
  Group,
  Loader,
  Modal,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { chatGroupCountBody, type ChatGroupDto } from '@toso/domain/chat-groups';
import { chatGroupKeys, recordChatGroupCount, useChatGroupCounts } from '../../api/chat-groups';
import { formatDate, todayIso } from '../../components/dates';
import { ErrorState } from '../../components/error-state';
import { applyServerErrors, zodValidate } from '../../components/form-errors';
import { notifySuccess } from '../../components/notify';

interface Values {
  recordedOn: string;
  householdsJoined: number | string;
}

/** Records how many households are in the group on a date; shows the history. */
export function CountsModal(props: { group: ChatGroupDto; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const history = useChatGroupCounts(props.group.id);
  const toBody = (v: Values) => ({
    recordedOn: v.recordedOn,
    householdsJoined: typeof v.householdsJoined === 'number' ? v.householdsJoined : Number.NaN,
  });
  const form = useForm<Values>({
    initialValues: { recordedOn: todayIso(), householdsJoined: props.group.householdsJoined },
    validate: zodValidate<Values>(chatGroupCountBody, toBody),
  });
  const mutation = useMutation({
    mutationFn: (v: Values) => recordChatGroupCount(props.group.id, toBody(v)),
    onSuccess: async () => {
      notifySuccess(t('chatGroups.countSaved'));
      await queryClient.invalidateQueries({ queryKey: chatGroupKeys.all });
    },
    onError: (error) => applyServerErrors(form, error, t),
  });
  return (
    <Modal
      opened
      onClose={props.onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={t('chatGroups.countTitle', { name: props.group.name })}
    >
      <Stack>
        <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
          <Stack gap="sm">
            <Group grow gap="sm" align="flex-start">
              <TextInput
                type="date"
                label={t('chatGroups.recordedOn')}
                required
                {...form.getInputProps('recordedOn')}
              />
              <NumberInput
                label={t('chatGroups.householdsJoined')}
                required
                min={0}
                allowDecimal={false}
                allowNegative={false}
                hideControls
                {...form.getInputProps('householdsJoined')}
              />
            </Group>
            {props.group.householdsTotal !== null && (
              <Text size="sm" c="dimmed">
                {t('chatGroups.ofTotal', { total: props.group.householdsTotal })}
              </Text>
            )}
            <Group justify="flex-end">
              <Button type="submit" loading={mutation.isPending}>
                {t('chatGroups.recordSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
        <Title order={4}>{t('chatGroups.history')}</Title>
        {history.isError ? (
          <ErrorState error={history.error} onRetry={() => void history.refetch()} />
        ) : history.isPending ? (
          <Loader size="sm" aria-label={t('common.loading')} />
        ) : history.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('chatGroups.noHistory')}
          </Text>
        ) : (
          <Table striped aria-label={t('chatGroups.history')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('chatGroups.recordedOn')}</Table.Th>
                <Table.Th ta="right">{t('chatGroups.householdsJoined')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.data.map((row) => (
                <Table.Tr key={row.id}>
                  <Table.Td>{formatDate(row.recordedOn, i18n.language)}</Table.Td>
                  <Table.Td ta="right">{row.householdsJoined}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Modal>
  );
}
