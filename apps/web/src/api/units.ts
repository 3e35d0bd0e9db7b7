import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { UnitLevel } from '@toso/domain/roles';
import type { CreateHamletBody, RetireUnitBody, UnitDto } from '@toso/domain/units';
import { api, type Page } from './client';

export interface UnitListParams {
  q?: string;
  parentId?: string;
  level?: UnitLevel;
  includeRetired?: boolean;
  page?: number;
  pageSize?: number;
}

export interface ImportResult {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  dryRun: boolean;
}

export const unitKeys = {
  all: ['units'] as const,
  list: (params: UnitListParams) => ['units', 'list', params] as const,
  detail: (id: string) => ['units', 'detail', id] as const,
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

export function importUnits(
  file: File,
  options: { snapshot?: string; list?: string; dryRun: boolean },
) {
  const form = new FormData();
  form.append('file', file);
  return api<ImportResult>(
    `units/import?${new URLSearchParams({
      ...(options.snapshot ? { snapshot: options.snapshot } : {}),
      ...(options.list ? { list: options.list } : {}),
      dryRun: options.dryRun ? '1' : '0',
    }).toString()}`,
    { method: 'POST', form },
  );
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
