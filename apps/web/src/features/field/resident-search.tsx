import { Loader, Paper, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { compareVietnamese, foldText } from '@toso/domain/text';
import { db } from '../../offline/db';
import { useLiveQuery } from '../../offline/hooks';

const SHOWN = 30;

/** Searches the residents kept on the device: instant, accent-insensitive, no connection needed. */
export function ResidentSearch(props: {
  value: string;
  onChange: (value: string) => void;
  onPick: (residentId: string) => void;
  loading: boolean;
}) {
  const { t } = useTranslation();
  const residents = useLiveQuery('residents', async () => {
    const rows = await db.residents.toArray();
    return rows.sort((a, b) => compareVietnamese(a.fullName, b.fullName));
  });
  const folded = foldText(props.value);
  const matches = useMemo(() => {
    if (!residents) return [];
    if (!folded) return residents;
    const words = folded.split(' ');
    return residents.filter(
      (r) =>
        words.every((w) => r.folded.includes(w)) ||
        (r.birthYear !== null && String(r.birthYear) === folded),
    );
  }, [residents, folded]);

  return (
    <Stack gap="xs">
      <TextInput
        label={t('field.searchLabel')}
        placeholder={t('field.searchPlaceholder')}
        leftSection={<IconSearch size={16} />}
        rightSection={props.loading ? <Loader size="xs" /> : null}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        size="md"
        autoComplete="off"
      />
      {residents && residents.length === 0 && !props.loading && (
        <Text size="sm" c="dimmed">
          {t('field.noResidents')}
        </Text>
      )}
      {residents && residents.length > 0 && matches.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('field.noMatch')}
        </Text>
      )}
      <Stack gap={6} component="ul" role="list" aria-label={t('field.results')} p={0} m={0}>
        {matches.slice(0, SHOWN).map((r) => (
          <li key={r.id} style={{ listStyle: 'none' }}>
            <UnstyledButton
              onClick={() => props.onPick(r.id)}
              w="100%"
              data-testid="field-resident"
            >
              <Paper withBorder p="xs" radius="sm">
                <Text fw={600} className="toso-break">
                  {r.fullName}
                </Text>
                <Text size="xs" c="dimmed" className="toso-break">
                  {[r.birthYear, r.householdAddress || r.householdHead, r.hamletName]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
              </Paper>
            </UnstyledButton>
          </li>
        ))}
      </Stack>
      {matches.length > SHOWN && (
        <Text size="xs" c="dimmed">
          {t('field.moreResults', { count: matches.length - SHOWN })}
        </Text>
      )}
    </Stack>
  );
}
