import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileButton,
  Group,
  Loader,
  NativeSelect,
  NumberInput,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  IconCircleCheck,
  IconDeviceFloppy,
  IconFileTypeDocx,
  IconRosetteDiscountCheck,
  IconUpload,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  decisionBody,
  formatDecisionNumber,
  SIGN_AUTHORITIES,
  type DecisionDto,
  type DecisionFormDto,
  type SignAuthority,
  type TeamDetailDto,
} from '@toso/domain/teams';
import { isApiError } from '../../api/client';
import { coverageKeys } from '../../api/coverage';
import {
  decisionDocxUrl,
  decisionKeys,
  decisionScanUrl,
  issueDecision,
  MAX_SCAN_BYTES,
  saveDecision,
  SCAN_TYPES,
  uploadScan,
  useDecisionForm,
} from '../../api/decisions';
import { teamKeys } from '../../api/teams';
import { formatDate, formatDateTime } from '../../components/dates';
import { applyServerErrors, zodValidate } from '../../components/form-errors';
import { describeError, notifyError, notifySuccess } from '../../components/notify';
import { ErrorState } from '../../components/error-state';
import { EditableList } from './editable-list';
import { IssueReasonModal } from './issue-reason-modal';
import { megabytes } from './team-labels';

interface Values {
  number: number | string;
  decidedOn: string;
  signerName: string;
  signAuthority: SignAuthority;
  legalGrounds: string[];
  proposer: string;
  duties: string[];
  recipients: string[];
}

const toBody = (v: Values) => ({
  ...v,
  number: typeof v.number === 'number' ? v.number : Number.NaN,
});

/** The establishment decision: draft → .docx → signed scan → issue (which establishes the team). */
export function DecisionPanel(props: { team: TeamDetailDto }) {
  const { t } = useTranslation();
  const query = useDecisionForm(props.team.id);
  return (
    <Paper
      withBorder
      p={{ base: 'sm', sm: 'md' }}
      radius="md"
      component="section"
      aria-labelledby="decision-title"
    >
      <Title order={3} id="decision-title" mb="sm">
        {t('decision.title')}
      </Title>
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.isPending ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : (
        <DecisionForm key={query.data.decision?.id ?? 'new'} team={props.team} data={query.data} />
      )}
    </Paper>
  );
}

function DecisionForm(props: { team: TeamDetailDto; data: DecisionFormDto }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const decision = props.data.decision;
  const start = decision ?? props.data.proposal;
  const issued = decision?.status === 'issued';
  const [reasonOpen, setReasonOpen] = useState(false);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const schemaCheck = zodValidate<Values>(decisionBody, toBody);
  const form = useForm<Values>({
    initialValues: {
      number: start.number,
      decidedOn: start.decidedOn,
      signerName: start.signerName,
      signAuthority: start.signAuthority,
      legalGrounds: start.legalGrounds,
      proposer: start.proposer,
      duties: start.duties,
      recipients: start.recipients,
    },
    validate: schemaCheck,
  });

  const refresh = async (saved: DecisionDto) => {
    queryClient.setQueryData<DecisionFormDto>(decisionKeys.form(props.team.id), (old) =>
      old ? { ...old, decision: saved } : old,
    );
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: teamKeys.all }),
      queryClient.invalidateQueries({ queryKey: coverageKeys.all }),
    ]);
  };

  const save = useMutation({
    mutationFn: (v: Values) => saveDecision(props.team.id, decisionBody.parse(toBody(v))),
    onSuccess: async (saved, v) => {
      form.resetDirty(v);
      notifySuccess(t('decision.saved', { number: saved.formattedNumber }));
      await refresh(saved);
    },
    onError: (error) => applyServerErrors(form, error, t),
  });

  const scan = useMutation({
    mutationFn: (file: File) => uploadScan(decision?.id ?? '', file),
    onSuccess: async (saved) => {
      notifySuccess(t('decision.scanUploaded'));
      await refresh(saved);
    },
    onError: (error) => notifyError(error, t),
  });

  const issue = useMutation({
    mutationFn: (reason: string | undefined) => issueDecision(decision?.id ?? '', reason),
    onSuccess: async (saved) => {
      setReasonOpen(false);
      notifySuccess(t('decision.issuedDone', { name: props.team.name }));
      await refresh(saved);
    },
    onError: (error) => {
      if (isApiError(error) && error.details.some((d) => d.path === 'body.compositionReason')) {
        setReasonError(reasonOpen ? describeError(error, t) : null);
        setReasonOpen(true);
      } else notifyError(error, t);
    },
  });

  const scanProblem = (file: File): string | null =>
    file.size > MAX_SCAN_BYTES
      ? t('decision.scanTooLarge', { size: megabytes(file.size) })
      : file.type && !SCAN_TYPES.includes(file.type)
        ? t('decision.scanWrongType')
        : null;
  const [scanError, setScanError] = useState<string | null>(null);

  const startIssue = () => {
    setReasonError(null);
    if (!props.team.composition.isComplete) setReasonOpen(true);
    else issue.mutate(undefined);
  };

  if (issued && decision) {
    return (
      <Stack gap="sm">
        <Alert color="teal" icon={<IconCircleCheck />} title={t('decision.issued')}>
          {t('decision.issuedSummary', {
            number: decision.formattedNumber,
            date: formatDate(decision.decidedOn, i18n.language),
            signer: decision.signerName,
          })}
          {decision.issuedAt && (
            <Text size="xs" c="dimmed" mt={4}>
              {t('decision.issuedAt', { at: formatDateTime(decision.issuedAt, i18n.language) })}
            </Text>
          )}
        </Alert>
        <Group gap="xs">
          <Button
            component="a"
            href={decisionDocxUrl(decision.id)}
            download
            variant="light"
            leftSection={<IconFileTypeDocx size={16} />}
          >
            {t('decision.docx')}
          </Button>
          {decision.hasScan && (
            <Button component="a" href={decisionScanUrl(decision.id)} download variant="default">
              {t('decision.viewScan')}
            </Button>
          )}
        </Group>
      </Stack>
    );
  }

  const dirty = form.isDirty();
  return (
    <>
      <form
        onSubmit={form.onSubmit((v) => save.mutate(v))}
        noValidate
        aria-label={t('decision.formLabel')}
      >
        <Stack gap="sm">
          <Group gap="xs">
            <Badge color={decision ? 'blue' : 'gray'} variant="light">
              {decision ? t('decision.draft') : t('decision.none')}
            </Badge>
            {decision && <Text size="sm">{decision.formattedNumber}</Text>}
          </Group>
          <Group grow gap="sm" align="flex-start" wrap="wrap">
            <NumberInput
              label={t('decision.number')}
              description={t('decision.numberHelp', {
                example:
                  typeof form.values.number === 'number'
                    ? formatDecisionNumber(form.values.number)
                    : '…',
              })}
              min={1}
              max={9999}
              allowDecimal={false}
              allowNegative={false}
              required
              style={{ minWidth: 140 }}
              {...form.getInputProps('number')}
            />
            <TextInput
              type="date"
              label={t('decision.decidedOn')}
              required
              style={{ minWidth: 140 }}
              {...form.getInputProps('decidedOn')}
            />
          </Group>
          <Group grow gap="sm" align="flex-start" wrap="wrap">
            <TextInput
              label={t('decision.signerName')}
              required
              style={{ minWidth: 200 }}
              {...form.getInputProps('signerName')}
            />
            <NativeSelect
              label={t('decision.signAuthority')}
              data={SIGN_AUTHORITIES.map((a) => ({ value: a, label: t(`signAuthority.${a}`) }))}
              style={{ minWidth: 200 }}
              {...form.getInputProps('signAuthority')}
            />
          </Group>
          <EditableList
            label={t('decision.legalGrounds')}
            itemLabel={(i) => t('decision.legalGround', { n: i + 1 })}
            values={form.values.legalGrounds}
            onChange={(v) => form.setFieldValue('legalGrounds', v)}
            errors={form.errors}
            errorPrefix="legalGrounds"
            max={20}
          />
          <Textarea
            label={t('decision.proposer')}
            description={t('decision.proposerHelp')}
            autosize
            minRows={2}
            {...form.getInputProps('proposer')}
          />
          <EditableList
            label={t('decision.duties')}
            itemLabel={(i) => t('decision.duty', { n: i + 1 })}
            values={form.values.duties}
            onChange={(v) => form.setFieldValue('duties', v)}
            errors={form.errors}
            errorPrefix="duties"
            max={20}
          />
          <EditableList
            label={t('decision.recipients')}
            itemLabel={(i) => t('decision.recipient', { n: i + 1 })}
            values={form.values.recipients}
            onChange={(v) => form.setFieldValue('recipients', v)}
            errors={form.errors}
            errorPrefix="recipients"
            max={20}
          />
          <Group gap="xs">
            <Button
              type="submit"
              loading={save.isPending}
              leftSection={<IconDeviceFloppy size={16} />}
            >
              {t('decision.saveDraft')}
            </Button>
          </Group>
        </Stack>
      </form>
      {decision && (
        <Stack gap="xs" mt="md">
          {dirty && <Alert color="yellow">{t('decision.unsaved')}</Alert>}
          <Group gap="xs">
            <Button
              component="a"
              href={decisionDocxUrl(decision.id)}
              download
              variant="light"
              leftSection={<IconFileTypeDocx size={16} />}
            >
              {t('decision.docx')}
            </Button>
            <FileButton
              accept="application/pdf,image/png,image/jpeg"
              onChange={(file) => {
                if (!file) return;
                const problem = scanProblem(file);
                setScanError(problem);
                if (!problem) scan.mutate(file);
              }}
            >
              {(fileProps) => (
                <Button
                  {...fileProps}
                  variant="light"
                  loading={scan.isPending}
                  leftSection={<IconUpload size={16} />}
                >
                  {decision.hasScan ? t('decision.replaceScan') : t('decision.uploadScan')}
                </Button>
              )}
            </FileButton>
            {decision.hasScan && (
              <Anchor href={decisionScanUrl(decision.id)} download size="sm">
                {t('decision.viewScan')}
              </Anchor>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {t('decision.scanHelp')}
          </Text>
          {scanError && (
            <Alert color="red" role="alert">
              {scanError}
            </Alert>
          )}
          {decision.hasScan && (
            <Text size="sm" c="teal" data-testid="scan-status">
              {t('decision.hasScan')}
            </Text>
          )}
          <Group gap="xs">
            <Button
              color="teal"
              leftSection={<IconRosetteDiscountCheck size={16} />}
              loading={issue.isPending && !reasonOpen}
              disabled={dirty || !decision.hasScan}
              onClick={startIssue}
            >
              {t('decision.issue')}
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            {t('decision.issueHelp')}
          </Text>
        </Stack>
      )}
      {reasonOpen && (
        <IssueReasonModal
          issues={props.team.composition.issues}
          initialReason={props.team.compositionReason ?? ''}
          pending={issue.isPending}
          serverError={reasonError}
          onSubmit={(reason) => issue.mutate(reason)}
          onClose={() => setReasonOpen(false)}
        />
      )}
    </>
  );
}
