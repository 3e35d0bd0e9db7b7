import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  FileInput,
  Group,
  Loader,
  NativeSelect,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconDownload, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  IMPORT_TEMPLATE_HEADERS,
  type ImportField,
  type ImportJobDto,
} from '@toso/domain/registry';
import {
  commitImport,
  importKeys,
  setImportMapping,
  uploadResidents,
  useImportJob,
} from '../../api/imports';
import { registryKeys, residentsExportUrl, residentsTemplateUrl } from '../../api/registry';
import { useCurrentUser } from '../../app/auth-guard';
import { ErrorState } from '../../components/error-state';
import { describeError } from '../../components/notify';
import { PageHeader } from '../../components/page-header';
import { UnitPicker } from '../../components/unit-picker';
import { duplicateReasons } from '../residents/resident-labels';
import { ImportErrorsTable } from '../units/import-errors-table';

const FIELDS = Object.keys(IMPORT_TEMPLATE_HEADERS) as ImportField[];

/** Household list import: upload, (map columns), see errors or a preview, then write. */
export function ImportHouseholdsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const ownCommune = me.user.role === 'commune_officer';
  const [unit, setUnit] = useState<{ id: string; name: string | null } | null>(
    ownCommune && me.user.unitId ? { id: me.user.unitId, name: me.user.unitName } : null,
  );
  const [file, setFile] = useState<File | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const job = useImportJob(jobId);

  const upload = useMutation({
    mutationFn: () => uploadResidents(unit?.id ?? '', file as File),
    onMutate: () => {
      setUploadError(null);
      setJobId(null);
    },
    onSuccess: (created) => {
      queryClient.setQueryData(importKeys.job(created.id), created);
      setJobId(created.id);
    },
    onError: (error) => setUploadError(error),
  });
  const restart = () => {
    setJobId(null);
    setFile(null);
    setUploadError(null);
  };

  return (
    <Stack maw={1000} gap="md">
      <PageHeader
        title={t('importHouseholds.title')}
        description={t('importHouseholds.description')}
        actions={
          <Button
            component="a"
            href={residentsTemplateUrl}
            download
            variant="default"
            leftSection={<IconDownload size={16} />}
          >
            {t('importHouseholds.template')}
          </Button>
        }
      />
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <UnitPicker
              label={t('importHouseholds.unit')}
              description={t('importHouseholds.unitHelp')}
              levels={['commune', 'hamlet']}
              required
              value={unit?.id ?? null}
              valueLabel={unit?.name}
              onChange={(id, name) => {
                setUnit(id ? { id, name } : null);
                setJobId(null);
                setUploadError(null);
              }}
            />
            <FileInput
              label={t('importHouseholds.file')}
              description={t('importHouseholds.fileHelp')}
              placeholder={t('import.choose')}
              accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              leftSection={<IconFileSpreadsheet size={16} />}
              value={file}
              onChange={(f) => {
                setFile(f);
                setJobId(null);
                setUploadError(null);
              }}
              clearable
              required
            />
          </SimpleGrid>
          <Group justify="space-between" gap="xs">
            <Button
              leftSection={<IconUpload size={16} />}
              disabled={!file || !unit}
              loading={upload.isPending}
              onClick={() => upload.mutate()}
            >
              {t('importHouseholds.upload')}
            </Button>
            {unit && (
              <Anchor href={residentsExportUrl(unit.id)} download size="sm">
                <Group gap={4} component="span">
                  <IconDownload size={16} />
                  {t('importHouseholds.export', { name: unit.name ?? '' })}
                </Group>
              </Anchor>
            )}
          </Group>
        </Stack>
      </Paper>
      {uploadError !== null && (
        <Alert color="red" title={t('importHouseholds.uploadFailed')} role="alert">
          {describeError(uploadError, t)}
        </Alert>
      )}
      {jobId !== null &&
        (job.isError ? (
          <ErrorState error={job.error} onRetry={() => void job.refetch()} />
        ) : job.data ? (
          <JobView
            job={job.data}
            onRestart={restart}
            onWritten={() => void queryClient.invalidateQueries({ queryKey: registryKeys.all })}
          />
        ) : (
          <Loader size="sm" aria-label={t('common.loading')} />
        ))}
    </Stack>
  );
}

function JobView(props: { job: ImportJobDto; onRestart: () => void; onWritten: () => void }) {
  const { t } = useTranslation();
  const { job } = props;
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-label={t('importHouseholds.result')}
    >
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={3} className="toso-break">
            {job.fileName}
          </Title>
          <Text size="sm" c="dimmed">
            {job.unitName}
          </Text>
        </Group>
        <div data-testid="import-status" data-status={job.status}>
          {job.status === 'reading' && <Reading job={job} />}
          {job.status === 'needs_mapping' && <Mapping job={job} />}
          {job.status === 'invalid' && <Invalid job={job} onRestart={props.onRestart} />}
          {job.status === 'ready' && <Ready job={job} onWritten={props.onWritten} />}
          {job.status === 'writing' && <Writing job={job} />}
          {job.status === 'done' && <Done job={job} onRestart={props.onRestart} />}
          {job.status === 'failed' && (
            <Alert color="red" title={t('importHouseholds.failed')} role="alert">
              <Stack gap="xs" align="flex-start">
                <Text size="sm">{job.message}</Text>
                <Button size="xs" variant="light" color="red" onClick={props.onRestart}>
                  {t('importHouseholds.again')}
                </Button>
              </Stack>
            </Alert>
          )}
        </div>
      </Stack>
    </Paper>
  );
}

function Reading({ job }: { job: ImportJobDto }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" aria-live="polite">
      <Text>{t('importHouseholds.reading', { count: job.processed })}</Text>
      <Progress value={100} animated striped aria-label={t('importHouseholds.readingLabel')} />
    </Stack>
  );
}

function Writing({ job }: { job: ImportJobDto }) {
  const { t } = useTranslation();
  const total = job.total ?? 0;
  const value = total > 0 ? Math.min(100, (job.processed / total) * 100) : 100;
  return (
    <Stack gap="xs" aria-live="polite">
      <Text>{t('importHouseholds.writing', { processed: job.processed, total })}</Text>
      <Progress
        value={value}
        animated={total === 0}
        striped
        aria-label={t('importHouseholds.writingLabel')}
      />
    </Stack>
  );
}

function Mapping({ job }: { job: ImportJobDto }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [mapping, setMapping] = useState<Partial<Record<ImportField, number | null>>>(() => {
    const m: Partial<Record<ImportField, number | null>> = {};
    for (const [k, v] of Object.entries(job.mapping)) m[k as ImportField] = v;
    return m;
  });
  const mutation = useMutation({
    mutationFn: () => setImportMapping(job.id, mapping),
    onSuccess: (next) => queryClient.setQueryData(importKeys.job(next.id), next),
  });
  const options = [
    { value: '', label: t('importHouseholds.noColumn') },
    ...job.headers.map((h, i) => ({
      value: String(i),
      label: `${t('importHouseholds.columnN', { n: i + 1 })}: ${h || '—'}`,
    })),
  ];
  return (
    <Stack gap="sm">
      <Alert color="yellow" title={t('importHouseholds.mappingTitle')}>
        {job.message ?? t('importHouseholds.mappingHelp')}
      </Alert>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
        {FIELDS.map((field) => (
          <NativeSelect
            key={field}
            label={IMPORT_TEMPLATE_HEADERS[field]}
            required={field === 'fullName'}
            data={options}
            value={
              mapping[field] === undefined || mapping[field] === null ? '' : String(mapping[field])
            }
            onChange={(e) => {
              const v = e.currentTarget.value;
              setMapping((old) => ({ ...old, [field]: v === '' ? null : Number(v) }));
            }}
          />
        ))}
      </SimpleGrid>
      {mutation.isError && (
        <Alert color="red" role="alert">
          {describeError(mutation.error, t)}
        </Alert>
      )}
      <Group>
        <Button
          onClick={() => mutation.mutate()}
          loading={mutation.isPending}
          disabled={mapping.fullName === undefined || mapping.fullName === null}
        >
          {t('importHouseholds.applyMapping')}
        </Button>
      </Group>
    </Stack>
  );
}

function Invalid({ job, onRestart }: { job: ImportJobDto; onRestart: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Alert color="red" title={t('importHouseholds.invalidTitle')}>
        <Stack gap={4}>
          <Text size="sm">{job.message ?? t('importHouseholds.invalidHelp')}</Text>
          {job.errorCount > 0 && (
            <Text size="sm" fw={600}>
              {job.errorCount > job.errors.length
                ? t('importHouseholds.errorCountMore', {
                    count: job.errorCount,
                    listed: job.errors.length,
                  })
                : t('importHouseholds.errorCount', { count: job.errorCount })}
            </Text>
          )}
          <Text size="sm">{t('importHouseholds.nothingWritten')}</Text>
        </Stack>
      </Alert>
      {job.errors.length > 0 && <ImportErrorsTable message={null} details={job.errors} />}
      <Group>
        <Button variant="light" onClick={onRestart}>
          {t('importHouseholds.again')}
        </Button>
      </Group>
    </Stack>
  );
}

function Ready({ job, onWritten }: { job: ImportJobDto; onWritten: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [skip, setSkip] = useState(true);
  const mutation = useMutation({
    mutationFn: () => commitImport(job.id, skip),
    onSuccess: (next) => {
      queryClient.setQueryData(importKeys.job(next.id), next);
      onWritten();
    },
  });
  return (
    <Stack gap="sm">
      <Alert color="teal" title={t('importHouseholds.readyTitle')}>
        {t('importHouseholds.summary', {
          rows: job.processed,
          households: job.summary.households,
          residents: job.summary.residents,
        })}
      </Alert>
      {job.warnings.length > 0 && (
        <Stack gap={4}>
          <Title order={4}>{t('importHouseholds.warningsTitle')}</Title>
          <Table.ScrollContainer minWidth={420}>
            <Table striped withTableBorder aria-label={t('importHouseholds.warningsTitle')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('import.row')}</Table.Th>
                  <Table.Th>{t('import.column')}</Table.Th>
                  <Table.Th>{t('importHouseholds.note')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {job.warnings.map((w, i) => (
                  <Table.Tr key={`${w.row}-${w.column}-${i}`}>
                    <Table.Td>{w.row}</Table.Td>
                    <Table.Td>{w.column}</Table.Td>
                    <Table.Td>{w.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
      {job.duplicateCount > 0 && (
        <Stack gap={4}>
          <Title order={4}>
            {t('importHouseholds.duplicatesTitle', { count: job.duplicateCount })}
          </Title>
          <Table.ScrollContainer minWidth={520}>
            <Table striped withTableBorder aria-label={t('importHouseholds.duplicatesLabel')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('import.row')}</Table.Th>
                  <Table.Th>{t('residents.fullName')}</Table.Th>
                  <Table.Th>{t('importHouseholds.sameAs')}</Table.Th>
                  <Table.Th>{t('importHouseholds.why')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {job.duplicates.map((d, i) => (
                  <Table.Tr key={`${d.row}-${i}`}>
                    <Table.Td>{d.row}</Table.Td>
                    <Table.Td>{d.fullName}</Table.Td>
                    <Table.Td>
                      {d.existingId ? (
                        <Anchor component={Link} to={`/residents/${d.existingId}`} size="sm">
                          {d.existingName}
                        </Anchor>
                      ) : (
                        t('importHouseholds.sameFileRow', {
                          name: d.existingName,
                          row: d.existingRow ?? '?',
                        })
                      )}
                    </Table.Td>
                    <Table.Td>{duplicateReasons(t, d.reasons)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Checkbox
            label={t('importHouseholds.skipDuplicates')}
            checked={skip}
            onChange={(e) => setSkip(e.currentTarget.checked)}
          />
        </Stack>
      )}
      {mutation.isError && (
        <Alert color="red" role="alert">
          {describeError(mutation.error, t)}
        </Alert>
      )}
      <Group>
        <Button color="teal" onClick={() => mutation.mutate()} loading={mutation.isPending}>
          {t('importHouseholds.commit')}
        </Button>
      </Group>
    </Stack>
  );
}

function Done({ job, onRestart }: { job: ImportJobDto; onRestart: () => void }) {
  const { t } = useTranslation();
  const w = job.written ?? { households: 0, residents: 0, skipped: 0 };
  return (
    <Alert color="teal" title={t('importHouseholds.doneTitle')} role="status">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">
          {t('importHouseholds.done', {
            households: w.households,
            residents: w.residents,
            skipped: w.skipped,
          })}
        </Text>
        <Group gap="xs">
          <Button
            component={Link}
            to={`/households?unitId=${job.unitId}`}
            size="xs"
            variant="light"
          >
            {t('importHouseholds.openHouseholds')}
          </Button>
          <Button size="xs" variant="default" onClick={onRestart}>
            {t('importHouseholds.another')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
