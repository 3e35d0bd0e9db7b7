import { Anchor, Badge, Breadcrumbs, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconArchive, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { UnitDto } from '@toso/domain/units';
import { formatDate } from '../../components/dates';
import { isRetired, kindLabel } from './unit-labels';

interface UnitHeaderProps {
  unit: UnitDto;
  editable: boolean;
  onRename: () => void;
  onRetire: () => void;
}

/** Breadcrumb (from UnitDto.path), the unit's name and facts, and its own actions. */
export function UnitHeader({ unit, editable, onRename, onRetire }: UnitHeaderProps) {
  const { t, i18n } = useTranslation();
  const facts = [
    kindLabel(t, unit.kind),
    unit.code ? t('units.code', { code: unit.code }) : null,
    unit.validFrom
      ? t('units.validFrom', { date: formatDate(unit.validFrom, i18n.language) })
      : null,
  ].filter(Boolean);
  return (
    <Stack gap="xs" mb="md">
      <nav aria-label={t('units.breadcrumb')}>
        <Breadcrumbs separator="›" separatorMargin={4} style={{ flexWrap: 'wrap' }}>
          <Anchor component={Link} to="/units" size="sm">
            {t('units.scopeRoot')}
          </Anchor>
          {unit.path
            .filter((p) => p.id !== unit.id)
            .map((p) => (
              <Anchor key={p.id} component={Link} to={`/units/${p.id}`} size="sm">
                {p.name}
              </Anchor>
            ))}
        </Breadcrumbs>
      </nav>
      <Group justify="space-between" align="flex-start" gap="xs">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 220px' }}>
          <Group gap={6}>
            <Title order={2} className="toso-break">
              {unit.name}
            </Title>
            {unit.isDemo && (
              <Badge color="grape" variant="light">
                {t('units.demo')}
              </Badge>
            )}
            {isRetired(unit) && (
              <Badge color="gray" variant="light">
                {t('units.retired')}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {facts.join(' · ')}
          </Text>
        </Stack>
        {editable && (
          <Group gap="xs">
            <Button variant="default" leftSection={<IconPencil size={16} />} onClick={onRename}>
              {t('units.rename')}
            </Button>
            <Button
              variant="light"
              color="red"
              leftSection={<IconArchive size={16} />}
              onClick={onRetire}
            >
              {t('units.retire')}
            </Button>
          </Group>
        )}
      </Group>
    </Stack>
  );
}
