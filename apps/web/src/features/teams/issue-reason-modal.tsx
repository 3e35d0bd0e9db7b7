import { Alert, Button, Group, List, Modal, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { issueDecisionBody, type CompositionIssue } from '@toso/domain/teams';
import { zodValidate } from '../../components/form-errors';

/** Asks why a team whose composition is incomplete is established anyway. */
export function IssueReasonModal(props: {
  issues: CompositionIssue[];
  initialReason: string;
  pending: boolean;
  serverError: string | null;
  onSubmit: (reason: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const schemaCheck = zodValidate<{ compositionReason: string }>(
    issueDecisionBody.required({ compositionReason: true }),
  );
  const form = useForm({
    initialValues: { compositionReason: props.initialReason },
    validate: schemaCheck,
  });
  return (
    <Modal
      opened
      onClose={props.onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={t('decision.reasonTitle')}
    >
      <form onSubmit={form.onSubmit((v) => props.onSubmit(v.compositionReason))} noValidate>
        <Stack>
          <Alert color="orange" title={t('decision.reasonIssues')}>
            <List size="sm" spacing={2}>
              {props.issues.map((issue) => (
                <List.Item key={`${issue.code}-${issue.affiliation ?? ''}`}>
                  {issue.message}
                </List.Item>
              ))}
            </List>
          </Alert>
          <Textarea
            label={t('decision.reason')}
            description={t('decision.reasonHelp')}
            required
            autosize
            minRows={3}
            data-autofocus
            {...form.getInputProps('compositionReason')}
            error={form.errors.compositionReason ?? props.serverError}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={props.pending}>
              {t('decision.issue')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
