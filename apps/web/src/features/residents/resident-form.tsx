import {
  Button,
  Group,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  RELATIONS,
  updateResidentBody,
  type DuplicateDto,
  type HouseholdDto,
  type Relation,
  type ResidentDto,
} from '@toso/domain/registry';
import {
  createResident,
  registryKeys,
  updateResident,
  useDuplicates,
  type ResidentUpdate,
} from '../../api/registry';
import { applyServerErrors, zodValidate } from '../../components/form-errors';
import { notifySuccess } from '../../components/notify';
import { DuplicateList } from './duplicate-list';
import { HouseholdSelect } from './household-select';
import { relationLabel } from './resident-labels';

interface Values {
  fullName: string;
  sex: '' | 'male' | 'female';
  birthYear: number | string;
  relation: Relation;
  phone: string;
  nationalId: string;
  ethnicity: string;
  notes: string;
}

function toBody(v: Values) {
  return {
    fullName: v.fullName,
    sex: v.sex === '' ? null : v.sex,
    birthYear: typeof v.birthYear === 'number' ? v.birthYear : null,
    relation: v.relation,
    phone: v.phone.trim() === '' ? null : v.phone,
    nationalId: v.nationalId.replace(/\s/g, '') === '' ? null : v.nationalId.replace(/\s/g, ''),
    ethnicity: v.ethnicity.trim() === '' ? null : v.ethnicity.trim(),
    notes: v.notes,
  };
}

/** Only what changed: a masked phone or an unknown ID number is never sent back. */
function changes(initial: Values, v: Values): ResidentUpdate {
  const a = toBody(initial);
  const b = toBody(v);
  const out: ResidentUpdate = {};
  for (const key of Object.keys(b) as (keyof typeof b)[]) {
    if (key === 'nationalId' && b.nationalId === null) continue;
    if (a[key] !== b[key]) Object.assign(out, { [key]: b[key] });
  }
  return out;
}

/** Possible duplicates of what is typed, checked as the user types (debounced). */
function useLiveDuplicates(hamletId: string | null, v: Values, exceptId?: string) {
  const [d] = useDebouncedValue(
    {
      fullName: v.fullName.trim(),
      birthYear: typeof v.birthYear === 'number' ? v.birthYear : undefined,
      phone: v.phone.replace(/\D/g, ''),
      nationalId: v.nationalId.replace(/\s/g, ''),
    },
    400,
  );
  const ready =
    hamletId !== null &&
    (d.fullName.length >= 3 || d.phone.length >= 9 || /^(\d{9}|\d{12})$/.test(d.nationalId));
  const query = useDuplicates(
    ready
      ? {
          hamletId,
          fullName: d.fullName.length >= 3 ? d.fullName : undefined,
          birthYear: d.birthYear,
          phone: d.phone.length >= 9 ? d.phone : undefined,
          nationalId: /^(\d{9}|\d{12})$/.test(d.nationalId) ? d.nationalId : undefined,
          exceptId,
        }
      : null,
  );
  return ready ? (query.data ?? []) : [];
}

/**
 * Adds a person to a household (chosen here when not given) or edits one; possible duplicates
 * are shown while typing, and again by the server, which asks before adding anyway.
 */
export function ResidentForm(props: {
  household?: HouseholdDto | null;
  resident?: ResidentDto | null;
  defaultRelation?: Relation;
  onDone: (resident: ResidentDto) => void;
  onCancel?: () => void;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const r = props.resident ?? null;
  const [household, setHousehold] = useState<HouseholdDto | null>(props.household ?? null);
  const [householdError, setHouseholdError] = useState<string | null>(null);
  const [candidates, setCandidates] = useState<DuplicateDto[] | null>(null);
  const [initial] = useState<Values>({
    fullName: r?.fullName ?? '',
    sex: r?.sex ?? '',
    birthYear: r?.birthYear ?? '',
    relation: r?.relation ?? props.defaultRelation ?? 'other',
    phone: r && !r.phoneMasked ? (r.phone ?? '') : '',
    nationalId: '',
    ethnicity: r?.ethnicity ?? '',
    notes: r?.notes ?? '',
  });
  const form = useForm<Values>({
    initialValues: initial,
    validate: zodValidate<Values>(updateResidentBody, toBody),
    onValuesChange: () => setCandidates(null),
  });
  const hamletId = r?.hamletId ?? household?.hamletId ?? null;
  const live = useLiveDuplicates(hamletId, form.values, r?.id);

  const finish = async (saved: ResidentDto, message: string) => {
    notifySuccess(message);
    await queryClient.invalidateQueries({ queryKey: registryKeys.all });
    form.reset();
    setCandidates(null);
    props.onDone(saved);
  };
  const mutation = useMutation({
    mutationFn: async (args: { values: Values; confirm: boolean }) => {
      if (r)
        return {
          status: 'updated' as const,
          resident: await updateResident(r.id, changes(initial, args.values)),
        };
      return createResident({
        householdId: household?.id ?? '',
        ...toBody(args.values),
        confirmNotDuplicate: args.confirm,
      });
    },
    onSuccess: async (result, args) => {
      if (result.status === 'duplicates') {
        setCandidates(result.candidates);
        return;
      }
      if (!result.resident) return;
      await finish(
        result.resident,
        r
          ? t('residents.saved', { name: result.resident.fullName })
          : t('residents.added', { name: args.values.fullName.trim() }),
      );
    },
    onError: (error) => applyServerErrors(form, error, t),
  });
  const submit = (values: Values, confirm: boolean) => {
    if (!r && !household) {
      setHouseholdError(t('residents.householdRequired'));
      return;
    }
    mutation.mutate({ values, confirm });
  };

  return (
    <form
      onSubmit={form.onSubmit((v) => submit(v, false))}
      noValidate
      aria-label={r ? t('residents.editTitle', { name: r.fullName }) : t('residents.addTitle')}
    >
      <Stack gap="sm">
        {!r && props.household === undefined && (
          <HouseholdSelect
            label={t('residents.household')}
            required
            value={household}
            onChange={(h) => {
              setHousehold(h);
              setHouseholdError(null);
            }}
            error={householdError}
          />
        )}
        <TextInput
          label={t('residents.fullName')}
          required
          data-autofocus
          autoFocus={props.autoFocus}
          {...form.getInputProps('fullName')}
        />
        <SimpleGrid cols={{ base: 2 }} spacing="sm">
          <NumberInput
            label={t('residents.birthYear')}
            min={1900}
            max={new Date().getFullYear()}
            allowDecimal={false}
            allowNegative={false}
            hideControls
            inputMode="numeric"
            {...form.getInputProps('birthYear')}
          />
          <NativeSelect
            label={t('residents.sex')}
            data={[
              { value: '', label: t('residents.sexUnknown') },
              { value: 'male', label: t('sex.male') },
              { value: 'female', label: t('sex.female') },
            ]}
            {...form.getInputProps('sex')}
          />
        </SimpleGrid>
        <NativeSelect
          label={t('residents.relation')}
          data={RELATIONS.map((x) => ({ value: x, label: relationLabel(t, x) }))}
          {...form.getInputProps('relation')}
        />
        {live.length > 0 && !candidates && (
          <DuplicateList candidates={live} title={t('duplicates.maybe')} />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('residents.phone')}
            type="tel"
            inputMode="tel"
            description={r?.phoneMasked ? t('residents.phoneMaskedHelp') : undefined}
            {...form.getInputProps('phone')}
          />
          <TextInput
            label={t('residents.nationalId')}
            inputMode="numeric"
            description={
              r?.nationalIdLast4
                ? t('residents.nationalIdKnown', { last4: r.nationalIdLast4 })
                : t('residents.nationalIdHelp')
            }
            {...form.getInputProps('nationalId')}
          />
        </SimpleGrid>
        <TextInput
          label={t('residents.ethnicity')}
          description={t('residents.ethnicityHelp')}
          {...form.getInputProps('ethnicity')}
        />
        <Textarea
          label={t('residents.notes')}
          autosize
          minRows={1}
          {...form.getInputProps('notes')}
        />
        {candidates && (
          <DuplicateList
            candidates={candidates}
            title={t('duplicates.serverTitle')}
            onConfirm={() => submit(form.values, true)}
            confirming={mutation.isPending}
          />
        )}
        <Group justify="flex-end" gap="xs">
          {props.onCancel && (
            <Button variant="default" onClick={props.onCancel}>
              {t('common.cancel')}
            </Button>
          )}
          <Button
            type="submit"
            loading={mutation.isPending && !candidates}
            disabled={Boolean(candidates)}
          >
            {r ? t('common.save') : t('residents.addSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
