import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { todayIso } from './dates';

/**
 * The frame of a move kept in history (a household to another hamlet, a person to another
 * household): what moves, the picker of where to, the date of the move (today by default), and
 * cancel / submit. The caller owns the picker and its "required" error.
 */
export function MoveModal(props: {
  title: string;
  explain: string;
  submitLabel: string;
  pending: boolean;
  /** Called with the date of the move; the caller refuses it when nothing is picked. */
  onSubmit: (movedOn: string) => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [movedOn, setMovedOn] = useState(todayIso());
  return (
    <Modal
      opened
      onClose={props.onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={props.title}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit(movedOn);
        }}
        noValidate
      >
        <Stack gap="sm">
          <Text size="sm">{props.explain}</Text>
          {props.children}
          <TextInput
            type="date"
            label={t('residents.movedOn')}
            required
            value={movedOn}
            onChange={(e) => setMovedOn(e.currentTarget.value)}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={props.pending} disabled={!movedOn}>
              {props.submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
