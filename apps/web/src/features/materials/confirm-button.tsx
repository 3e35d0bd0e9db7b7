import { Button, Group, Modal, Stack, Text, type ButtonProps } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A button that asks before a destructive act. */
export function ConfirmButton(
  props: ButtonProps & {
    label: ReactNode;
    'aria-label'?: string;
    question: ReactNode;
    confirmLabel: string;
    loading?: boolean;
    onConfirm: () => Promise<unknown> | void;
  },
) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { label, question, confirmLabel, onConfirm, loading, ...button } = props;
  return (
    <>
      <Button {...button} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={confirmLabel}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack>
          <Text className="toso-break">{question}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={loading}
              onClick={async () => {
                await onConfirm();
                setOpen(false);
              }}
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
