import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { UnitLevel } from '@toso/domain/roles';
import type {
  CreateHamletBody,
  RetireUnitBody,
  UnitDto,
  UnitImportJobDto,
  UnitImportResult,
} from '@toso/domain/units';
import { api, ApiError, type Page } from './client';

export interface UnitListParams {
  q?: string;
  parentId?: string;
  level?: UnitLevel;
  includeRetired?: boolean;
  page?: number;
  pageSize?: number;
}

export type ImportResult = UnitImportResult;

export const unitKeys = {
  all: ['units'] as const,
  list: (params: UnitListParams) => ['units', 'list', params] as const,
  detail: (id: string) => ['units', 'detail', id] as const,
  importJob: (id: string) => ['units', 'import-job', id] as const,
};

export const listUnits = (params: UnitListParams) =>
  api<Page<UnitDto>>('units', {
    query: { ...params, includeRetired: params.includeRetired ? '1' : undefined },
  });

export const getUnit = (id: string) => api<UnitDto>(`units/${id}`);

export const createHamlet = (body: CreateHamletBody) => api<UnitDto>('units', { body });

export const renameUnit = (id: string, name: string) =>
  api<UnitDto>(`units/${id}`, { method: 'PATCH', body: { name } });

export const retireUnit = (id: string, body: RetireUnitBody) =>
  api<UnitDto>(`units/${id}/retire`, { body });

function importQuery(options: { snapshot?: string; list?: string }) {
  return {
    ...(options.snapshot ? { snapshot: options.snapshot } : {}),
    ...(options.list ? { list: options.list } : {}),
  };
}

function fileForm(file: File) {
  const form = new FormData();
  form.append('file', file);
  return form;
}

/** A preview of the import (writes nothing): what would be created, updated and moved. */
export function previewUnitImport(file: File, options: { snapshot?: string; list?: string }) {
  const query = new URLSearchParams({ ...importQuery(options), dryRun: '1' });
  return api<ImportResult>(`units/import?${query.toString()}`, {
    method: 'POST',
    form: fileForm(file),
  });
}

/** Starts writing the list in the background; its progress is polled with `useUnitImportJob`. */
export function startUnitImport(file: File, options: { snapshot?: string; list?: string }) {
  const query = new URLSearchParams(importQuery(options));
  return api<UnitImportJobDto>(`units/import/jobs?${query.toString()}`, {
    method: 'POST',
    form: fileForm(file),
  });
}

/** A unit import job, polled every half second while it runs. */
export function useUnitImportJob(id: string | null) {
  return useQuery({
    queryKey: unitKeys.importJob(id ?? ''),
    queryFn: () => api<UnitImportJobDto>(`units/import/jobs/${id ?? ''}`),
    enabled: id !== null,
    // A lost poll (weak signal) is tried again; a job not found (expired, server restarted) is not.
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 5,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 500 : false),
  });
}

export function useUnitList(params: UnitListParams, enabled = true) {
  return useQuery({
    queryKey: unitKeys.list(params),
    queryFn: () => listUnits(params),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useUnit(id: string | undefined) {
  return useQuery({
    queryKey: unitKeys.detail(id ?? ''),
    queryFn: () => getUnit(id ?? ''),
    enabled: Boolean(id),
  });
}
