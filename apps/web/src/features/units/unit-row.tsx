import { ActionIcon, Badge, Group, Menu, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronRight, IconDots, IconPencil, IconArchive } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { UnitDto } from '@toso/domain/units';
import { formatDate } from '../../components/dates';
import { ancestorsText, isRetired, kindLabel } from './unit-labels';

interface UnitRowProps {
  unit: UnitDto;
  showPath?: boolean;
  editable: boolean;
  onRename: (unit: UnitDto) => void;
  onRetire: (unit: UnitDto) => void;
}

/** One unit: name, kind, GSO code, child count, badges; a link down the tree. */
export function UnitRow({ unit, showPath, editable, onRename, onRetire }: UnitRowProps) {
  const { t, i18n } = useTranslation();
  const retired = isRetired(unit);
  const meta = [
    kindLabel(t, unit.kind),
    unit.code ? t('units.code', { code: unit.code }) : null,
    unit.level === 'hamlet'
      ? null
      : unit.childCount > 0
        ? t('units.children', { count: unit.childCount })
        : t('units.noChildren'),
  ].filter(Boolean);

  return (
    <Paper withBorder radius="md" data-testid="unit-row" data-unit-id={unit.id}>
      <Group wrap="nowrap" gap={0} align="stretch">
        <UnstyledButton
          component={Link}
          to={`/units/${unit.id}`}
          p="sm"
          style={{ flex: 1, minWidth: 0 }}
        >
          <Group wrap="nowrap" gap="xs" justify="space-between">
            <Stack gap={4} style={{ minWidth: 0 }}>
              <Group gap={6} wrap="wrap">
                <Text fw={600} className="toso-break">
                  {unit.name}
                </Text>
                {unit.isDemo && (
                  <Badge size="sm" color="grape" variant="light">
                    {t('units.demo')}
                  </Badge>
                )}
                {unit.validTo && (
                  <Badge size="sm" color={retired ? 'gray' : 'orange'} variant="light">
                    {retired
                      ? t('units.retired')
                      : t('units.retiresOn', { date: formatDate(unit.validTo, i18n.language) })}
                  </Badge>
                )}
              </Group>
              <Text size="sm" c="dimmed" className="toso-break">
                {meta.join(' · ')}
              </Text>
              {showPath && unit.path.length > 1 && (
                <Text size="xs" c="dimmed" className="toso-break">
                  {ancestorsText(unit)}
                </Text>
              )}
            </Stack>
            {unit.level !== 'hamlet' && (
              <IconChevronRight size={18} color="var(--mantine-color-dimmed)" aria-hidden />
            )}
          </Group>
        </UnstyledButton>
        {editable && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon
                variant="subtle"
                color="gray"
                size="lg"
                m={6}
                aria-label={t('units.actionsFor', { name: unit.name })}
              >
                <IconDots size={18} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => onRename(unit)}>
                {t('units.rename')}
              </Menu.Item>
              <Menu.Item
                leftSection={<IconArchive size={16} />}
                color="red"
                onClick={() => onRetire(unit)}
              >
                {t('units.retire')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
    </Paper>
  );
}
