import { ActionIcon, Button, Group, Input, Stack, Textarea } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A list of texts edited one text area per item, with add and remove. */
export function EditableList(props: {
  label: string;
  itemLabel: (index: number) => string;
  values: string[];
  onChange: (values: string[]) => void;
  errors?: Record<string, ReactNode>;
  errorPrefix: string;
  max?: number;
}) {
  const { t } = useTranslation();
  const { values, onChange } = props;
  const listError = props.errors?.[props.errorPrefix];
  return (
    <Input.Wrapper label={props.label} error={listError}>
      <Stack gap="xs" mt={4}>
        {values.map((value, i) => (
          <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
            <Textarea
              aria-label={props.itemLabel(i)}
              value={value}
              autosize
              minRows={1}
              maxRows={6}
              style={{ flex: 1 }}
              error={props.errors?.[`${props.errorPrefix}.${i}`]}
              onChange={(e) => {
                const next = [...values];
                next[i] = e.currentTarget.value;
                onChange(next);
              }}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={t('list.remove', { item: props.itemLabel(i) })}
              onClick={() => onChange(values.filter((_, j) => j !== i))}
            >
              <IconTrash size={18} />
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} />}
            disabled={props.max !== undefined && values.length >= props.max}
            onClick={() => onChange([...values, ''])}
          >
            {t('list.add')}
          </Button>
        </Group>
      </Stack>
    </Input.Wrapper>
  );
}
