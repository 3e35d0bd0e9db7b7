import { useQuery } from '@tanstack/react-query';
import type { Outcome, PlatformDto, SupportRecordInput, SyncResult } from '@toso/domain/platforms';
import { api, type Page } from './client';

export interface SupportRecordDto {
  id: string;
  residentId: string;
  residentName: string;
  hamletName: string;
  platformId: string;
  platformName: string;
  outcome: Outcome;
  supportedOn: string;
  note: string;
  voidsId: string | null;
  voidedBy: string | null;
}

export interface SupportListParams {
  residentId?: string;
  unitId?: string;
  platformId?: string;
  outcome?: Outcome;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export interface ProgressRow {
  platformId: string;
  outcome: Outcome;
  count: number;
}

export interface ProgressDto {
  unitId: string;
  unitName: string;
  from: string;
  to: string;
  rows: ProgressRow[];
  children: { unitId: string; unitName: string; rows: ProgressRow[] }[];
}

export const fieldKeys = {
  all: ['field'] as const,
  progress: (unitId: string) => ['field', 'progress', unitId] as const,
};

export const listPlatforms = () => api<PlatformDto[]>('platforms');

export const listSupports = (params: SupportListParams) =>
  api<Page<SupportRecordDto>>('supports', { query: { ...params } });

/** Sends ≤ 100 records; the answer is record by record (applied, duplicate or rejected). */
export const syncSupports = (records: SupportRecordInput[]) =>
  api<{ results: SyncResult[] }>('sync/supports', { body: { records } });

export const getProgress = (params: { unitId?: string; from?: string; to?: string }) =>
  api<ProgressDto>('progress', { query: { ...params } });

export function useProgress(unitId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: fieldKeys.progress(unitId ?? ''),
    queryFn: () => getProgress({ unitId: unitId ?? undefined }),
    enabled: enabled && Boolean(unitId),
    retry: false,
  });
}
