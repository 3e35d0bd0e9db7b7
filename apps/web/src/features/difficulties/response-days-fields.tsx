import { NumberInput, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DEFAULT_RESPONSE_DAYS, URGENCIES, type Urgency } from '@toso/domain/difficulties';

type Days = Record<Urgency, number>;

/** Days to respond to a difficulty per urgency, in the programme settings (defaults 7/3/1). */
export function ResponseDaysFields(props: {
  value: Days | undefined;
  onChange: (value: Days) => void;
}) {
  const { t } = useTranslation();
  const value = props.value ?? DEFAULT_RESPONSE_DAYS;
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} radius="md">
      <Title order={3} mb={4}>
        {t('difficulties.responseDays')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('difficulties.responseDaysHelp')}
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
        {URGENCIES.map((u) => (
          <NumberInput
            key={u}
            label={t(`difficulties.urgency.${u}`)}
            suffix={` ${t('difficulties.days')}`}
            min={1}
            max={90}
            allowDecimal={false}
            value={value[u]}
            onChange={(v) => {
              if (typeof v === 'number' && v >= 1 && v <= 90) props.onChange({ ...value, [u]: v });
            }}
          />
        ))}
      </SimpleGrid>
    </Paper>
  );
}
