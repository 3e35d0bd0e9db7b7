import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { UnitDto } from '@toso/domain/units';
import type { Page } from '../../api/client';
import { useCan } from '../../app/auth-guard';
import { EmptyState } from '../../components/empty-state';
import { canEditUnit, kindLabel } from './unit-labels';
import { UnitRow } from './unit-row';

interface UnitListProps {
  page: Page<UnitDto>;
  searching: boolean;
  query: string;
  current: UnitDto | undefined;
  canAdd: boolean;
  onRename: (unit: UnitDto) => void;
  onRetire: (unit: UnitDto) => void;
}

/** The children of a unit (or search results), with an empty state saying what to do next. */
export function UnitList(props: UnitListProps) {
  const { t } = useTranslation();
  const can = useCan();
  const { page, current } = props;

  if (page.items.length === 0) {
    let message: string;
    if (props.searching) message = t('units.emptySearch', { q: props.query });
    else if (!current) message = t('units.emptyRoot');
    else if (current.level === 'hamlet') message = t('units.emptyHamlet');
    else if (current.level === 'commune')
      message = props.canAdd
        ? t('units.emptyCommune', { kind: kindLabel(t, current.kind) })
        : t('units.emptyCommuneReadOnly', { kind: kindLabel(t, current.kind) });
    else message = t('units.emptyOther');
    return <EmptyState>{message}</EmptyState>;
  }

  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed" aria-live="polite">
        {props.searching
          ? t('units.searchCount', { count: page.total, q: props.query })
          : current
            ? t('units.childCount', { count: page.total })
            : t('units.rootCount', { count: page.total })}
      </Text>
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {page.items.map((unit) => (
          <li key={unit.id}>
            <UnitRow
              unit={unit}
              showPath={props.searching}
              editable={canEditUnit(unit, can)}
              onRename={props.onRename}
              onRetire={props.onRetire}
            />
          </li>
        ))}
      </Stack>
    </Stack>
  );
}
