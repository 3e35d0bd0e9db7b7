import { Alert, Anchor, Button, Group, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DuplicateDto } from '@toso/domain/registry';
import { duplicateReasons } from './resident-labels';

/** "Có thể trùng với: …" with a link to open each existing person; optionally "add anyway". */
export function DuplicateList(props: {
  candidates: DuplicateDto[];
  title: string;
  onConfirm?: () => void;
  confirming?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Alert
      color="orange"
      icon={<IconAlertTriangle size={18} />}
      title={props.title}
      data-testid="duplicate-warning"
    >
      <Stack gap="xs">
        <List size="sm" spacing={4}>
          {props.candidates.map((c) => (
            <List.Item key={c.id}>
              <Text size="sm" component="span" className="toso-break">
                <Anchor component={Link} to={`/residents/${c.id}`} fw={600} size="sm">
                  {c.fullName}
                </Anchor>{' '}
                {t('duplicates.facts', {
                  year: c.birthYear ?? '?',
                  hamlet: c.hamletName,
                  head: c.householdHead || '—',
                })}{' '}
                ({duplicateReasons(t, c.reasons)})
              </Text>
            </List.Item>
          ))}
        </List>
        {props.onConfirm && (
          <Group gap="xs">
            <Button size="xs" color="orange" onClick={props.onConfirm} loading={props.confirming}>
              {t('duplicates.addAnyway')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
