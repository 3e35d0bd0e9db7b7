import { useQuery } from '@tanstack/react-query';
import type { ImportField, ImportJobDto } from '@toso/domain/registry';
import { api } from './client';

export const importKeys = {
  job: (id: string) => ['imports', id] as const,
};

export function uploadResidents(unitId: string, file: File) {
  const form = new FormData();
  form.append('file', file);
  return api<ImportJobDto>(`imports/residents?${new URLSearchParams({ unitId }).toString()}`, {
    method: 'POST',
    form,
  });
}

export const getImport = (id: string) => api<ImportJobDto>(`imports/${id}`);

export const setImportMapping = (
  id: string,
  mapping: Partial<Record<ImportField, number | null>>,
) => api<ImportJobDto>(`imports/${id}/mapping`, { body: { mapping } });

export const commitImport = (id: string, skipDuplicates: boolean) =>
  api<ImportJobDto>(`imports/${id}/commit`, { body: { skipDuplicates } });

const RUNNING: ImportJobDto['status'][] = ['reading', 'writing'];

export const isImportRunning = (job: ImportJobDto | undefined) =>
  job !== undefined && RUNNING.includes(job.status);

/** An import job, polled every half second while it is reading or writing. */
export function useImportJob(id: string | null) {
  return useQuery({
    queryKey: importKeys.job(id ?? ''),
    queryFn: () => getImport(id ?? ''),
    enabled: id !== null,
    refetchInterval: (query) => (isImportRunning(query.state.data) ? 500 : false),
  });
}
