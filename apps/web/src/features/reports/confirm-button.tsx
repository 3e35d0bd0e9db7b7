import { Button, Group, Modal, Stack, Text, type ButtonProps } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A button that asks before it acts. */
export function ConfirmButton(
  props: ButtonProps & {
    label: ReactNode;
    question: ReactNode;
    confirmLabel: ReactNode;
    onConfirm: () => void;
    testId?: string;
  },
) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { label, question, confirmLabel, onConfirm, testId, ...button } = props;
  return (
    <>
      <Button {...button} onClick={() => setOpen(true)} data-testid={testId}>
        {label}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={label}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack>
          <Text className="toso-break">{question}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color={button.color}
              onClick={() => {
                setOpen(false);
                onConfirm();
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
