import {
  Button,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CHAT_PLATFORMS,
  CHAT_PLATFORM_LABELS,
  chatGroupBody,
  updateChatGroupBody,
  type ChatGroupDto,
  type ChatPlatform,
} from '@toso/domain/chat-groups';
import { chatGroupKeys, createChatGroup, updateChatGroup } from '../../api/chat-groups';
import { applyServerErrors, zodValidate } from '../../components/form-errors';
import { notifySuccess } from '../../components/notify';
import { UnitPicker } from '../../components/unit-picker';

interface Values {
  unitId: string | null;
  platform: ChatPlatform;
  name: string;
  inviteLink: string;
  admins: string;
  householdsTotal: number | string;
  householdsJoined: number | string;
}

const num = (v: number | string) => (typeof v === 'number' ? v : null);

function toBody(v: Values) {
  return {
    unitId: v.unitId ?? '',
    platform: v.platform,
    name: v.name,
    inviteLink: v.inviteLink,
    admins: v.admins,
    householdsTotal: num(v.householdsTotal),
    householdsJoined: num(v.householdsJoined) ?? 0,
  };
}

export function ChatGroupModal(props: { group: ChatGroupDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const g = props.group;
  const [unitLabel, setUnitLabel] = useState<string | null>(g?.unitName ?? null);
  const schemaCheck = zodValidate<Values>(g ? updateChatGroupBody : chatGroupBody, (v) => {
    const body = toBody(v);
    if (!g) return body;
    return {
      platform: body.platform,
      name: body.name,
      inviteLink: body.inviteLink,
      admins: body.admins,
      householdsTotal: body.householdsTotal,
    };
  });
  const form = useForm<Values>({
    initialValues: {
      unitId: g?.unitId ?? null,
      platform: g?.platform ?? 'zalo',
      name: g?.name ?? '',
      inviteLink: g?.inviteLink ?? '',
      admins: g?.admins ?? '',
      householdsTotal: g?.householdsTotal ?? '',
      householdsJoined: g?.householdsJoined ?? 0,
    },
    validate: (v) => ({
      ...schemaCheck(v),
      ...(!g && !v.unitId ? { unitId: t('chatGroups.unitMissing') } : {}),
    }),
  });
  const mutation = useMutation({
    mutationFn: (v: Values) => {
      const body = toBody(v);
      if (!g) return createChatGroup(body);
      return updateChatGroup(g.id, {
        platform: body.platform,
        name: body.name,
        inviteLink: body.inviteLink,
        admins: body.admins,
        householdsTotal: body.householdsTotal,
      });
    },
    onSuccess: async (saved) => {
      notifySuccess(g ? t('chatGroups.saved') : t('chatGroups.created', { name: saved.name }));
      await queryClient.invalidateQueries({ queryKey: chatGroupKeys.all });
      props.onClose();
    },
    onError: (error) => applyServerErrors(form, error, t),
  });
  return (
    <Modal
      opened
      onClose={props.onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={g ? t('chatGroups.editTitle', { name: g.name }) : t('chatGroups.createTitle')}
      size="lg"
    >
      <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
        <Stack gap="sm">
          {!g && (
            <UnitPicker
              label={t('chatGroups.unit')}
              description={t('chatGroups.unitHelp')}
              levels={['hamlet', 'commune']}
              value={form.values.unitId}
              valueLabel={unitLabel}
              required
              error={form.errors.unitId}
              onChange={(id, name) => {
                form.setFieldValue('unitId', id);
                setUnitLabel(name);
              }}
            />
          )}
          <NativeSelect
            label={t('chatGroups.platform')}
            data={CHAT_PLATFORMS.map((p) => ({
              value: p,
              label: t(`platform.${p}`, { defaultValue: CHAT_PLATFORM_LABELS[p] }),
            }))}
            {...form.getInputProps('platform')}
          />
          <TextInput label={t('chatGroups.name')} required {...form.getInputProps('name')} />
          <TextInput
            label={t('chatGroups.inviteLink')}
            description={t('chatGroups.inviteLinkHelp')}
            type="url"
            inputMode="url"
            placeholder="https://zalo.me/g/…"
            {...form.getInputProps('inviteLink')}
          />
          <Textarea
            label={t('chatGroups.admins')}
            description={t('chatGroups.adminsHelp')}
            autosize
            minRows={1}
            {...form.getInputProps('admins')}
          />
          <Group grow gap="sm" align="flex-start">
            <NumberInput
              label={t('chatGroups.householdsTotal')}
              min={0}
              allowDecimal={false}
              allowNegative={false}
              hideControls
              {...form.getInputProps('householdsTotal')}
            />
            {!g && (
              <NumberInput
                label={t('chatGroups.householdsJoined')}
                min={0}
                allowDecimal={false}
                allowNegative={false}
                hideControls
                {...form.getInputProps('householdsJoined')}
              />
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {g?.householdsTotalSource === 'registry'
              ? t('chatGroups.householdsTotalRegistry', { total: g.householdsTotal })
              : t('chatGroups.householdsTotalHelp')}
          </Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {g ? t('common.save') : t('chatGroups.createSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
