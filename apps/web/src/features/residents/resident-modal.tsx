import { Modal } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { HouseholdDto, ResidentDto } from '@toso/domain/registry';
import { ResidentForm } from './resident-form';

/** Adds a person (choosing the household when not given) or edits one. */
export function ResidentModal(props: {
  resident?: ResidentDto | null;
  household?: HouseholdDto | null;
  onClose: () => void;
  onSaved?: (resident: ResidentDto) => void;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const r = props.resident ?? null;
  return (
    <Modal
      opened
      onClose={props.onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={r ? t('residents.editTitle', { name: r.fullName }) : t('residents.addTitle')}
      size="lg"
      fullScreen={phone}
    >
      <ResidentForm
        resident={r}
        household={props.household}
        onCancel={props.onClose}
        onDone={(saved) => {
          props.onSaved?.(saved);
          props.onClose();
        }}
      />
    </Modal>
  );
}
