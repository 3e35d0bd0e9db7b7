import {
  ActionIcon,
  Button,
  Group,
  Modal,
  MultiSelect,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  PARTNER_KINDS,
  partnerBody,
  type PartnerDetailDto,
  type PartnerKind,
} from '@toso/domain/trainings';
import { createPartner, partnerKeys, updatePartner, useCommunesInScope } from '../../api/trainings';
import { useCurrentUser } from '../../app/auth-guard';
import { applyServerErrors, zodValidate } from '../../components/form-errors';
import { notifySuccess } from '../../components/notify';

interface Values {
  name: string;
  kind: PartnerKind;
  unitId: string;
  communeIds: string[];
  contacts: { fullName: string; role: string; phone: string }[];
  notes: string;
}

/** Creates or edits a partner enterprise: contacts (staff, shown to officers), communes supported. */
export function PartnerModal(props: { partner: PartnerDetailDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const p = props.partner;
  const communes = useCommunesInScope();
  const form = useForm<Values>({
    initialValues: {
      name: p?.name ?? '',
      kind: p?.kind ?? 'telecom',
      unitId: p?.unitId ?? me.user.unitId ?? '',
      communeIds: p?.communes.map((c) => c.id) ?? [],
      contacts: p?.contacts ?? [],
      notes: p?.notes ?? '',
    },
    validate: zodValidate(partnerBody),
  });
  const mutation = useMutation({
    mutationFn: (v: Values) => (p ? updatePartner(p.id, v) : createPartner(v)),
    onSuccess: async (saved) => {
      queryClient.setQueryData(partnerKeys.detail(saved.id), saved);
      notifySuccess(t('partners.saved'));
      await queryClient.invalidateQueries({ queryKey: partnerKeys.all });
      props.onClose();
      if (!p) void navigate(`/partners/${saved.id}`);
    },
    onError: (error) => applyServerErrors(form, error, t),
  });
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={p ? t('partners.edit') : t('partners.add')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
        <Stack gap="sm">
          <TextInput label={t('partners.name')} required {...form.getInputProps('name')} />
          <NativeSelect
            label={t('partners.kindLabel')}
            data={PARTNER_KINDS.map((k) => ({ value: k, label: t(`partners.kind.${k}`) }))}
            {...form.getInputProps('kind')}
          />
          <MultiSelect
            label={t('partners.communes')}
            data={(communes.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            searchable
            {...form.getInputProps('communeIds')}
            comboboxProps={{ withinPortal: true }}
          />
          <Text size="sm" fw={600}>
            {t('partners.contacts')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('partners.contactsHelp')}
          </Text>
          {form.values.contacts.map((_, i) => (
            <Group key={i} gap="xs" align="flex-end" wrap="wrap">
              <TextInput
                label={t('partners.contactName')}
                {...form.getInputProps(`contacts.${i}.fullName`)}
                style={{ flex: '1 1 160px' }}
              />
              <TextInput
                label={t('partners.contactRole')}
                {...form.getInputProps(`contacts.${i}.role`)}
                style={{ flex: '1 1 140px' }}
              />
              <TextInput
                label={t('partners.contactPhone')}
                type="tel"
                {...form.getInputProps(`contacts.${i}.phone`)}
                style={{ flex: '1 1 120px' }}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('partners.removeContact')}
                onClick={() => form.removeListItem('contacts', i)}
                mb={4}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => form.insertListItem('contacts', { fullName: '', role: '', phone: '' })}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('partners.addContact')}
          </Button>
          <Textarea
            label={t('partners.notes')}
            autosize
            minRows={2}
            {...form.getInputProps('notes')}
          />
          <Group justify="flex-end" gap="xs">
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
