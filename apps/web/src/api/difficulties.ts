import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  CreateDifficultyBody,
  DifficultyCategory,
  DifficultyDetailDto,
  DifficultyStatus,
  DifficultySummaryDto,
  DifficultyView,
  OverdueCountsDto,
  Urgency,
} from '@toso/domain/difficulties';
import { api, type Page } from './client';

export interface DifficultyListParams {
  view?: DifficultyView;
  status?: DifficultyStatus;
  state?: 'unresolved' | 'overdue';
  category?: DifficultyCategory;
  urgency?: Urgency;
  unitId?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

export const difficultyKeys = {
  all: ['difficulties'] as const,
  list: (params: DifficultyListParams) => ['difficulties', 'list', params] as const,
  detail: (id: string) => ['difficulties', 'detail', id] as const,
  counts: (unitId?: string) => ['difficulties', 'counts', unitId ?? null] as const,
};

export const listDifficulties = (params: DifficultyListParams) =>
  api<Page<DifficultySummaryDto>>('difficulties', { query: { ...params } });

export const getDifficulty = (id: string) => api<DifficultyDetailDto>(`difficulties/${id}`);

export const raiseDifficulty = (body: CreateDifficultyBody) =>
  api<DifficultyDetailDto>('difficulties', { body });

export type DifficultyStep =
  | { action: 'assign'; assigneeId: string }
  | { action: 'answer'; answer: string }
  | { action: 'resolve'; note?: string }
  | { action: 'escalate'; note: string }
  | { action: 'reopen'; note: string };

export function actOnDifficulty(id: string, step: DifficultyStep) {
  const { action, ...body } = step;
  return api<DifficultyDetailDto>(`difficulties/${id}/${action}`, { body });
}

export function useDifficultyList(params: DifficultyListParams) {
  return useQuery({
    queryKey: difficultyKeys.list(params),
    queryFn: () => listDifficulties(params),
    placeholderData: keepPreviousData,
  });
}

export function useDifficulty(id: string) {
  return useQuery({ queryKey: difficultyKeys.detail(id), queryFn: () => getDifficulty(id) });
}

export function useOverdueCounts(unitId?: string, enabled = true) {
  return useQuery({
    queryKey: difficultyKeys.counts(unitId),
    queryFn: () => api<OverdueCountsDto>('difficulties/overdue-counts', { query: { unitId } }),
    enabled,
  });
}
