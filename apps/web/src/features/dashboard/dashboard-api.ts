import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DashboardDto, PhaseDto, RankingDto } from '@toso/domain/dashboard';
import type { EvaluationWeights } from '@toso/domain/evaluation';
import { api, toQueryString } from '../../api/client';

export const dashboardKeys = {
  all: ['dashboard'] as const,
  board: (unitId?: string, date?: string) =>
    ['dashboard', 'board', unitId ?? '', date ?? ''] as const,
  ranking: (unitId: string | undefined, level: string) =>
    ['dashboard', 'ranking', unitId ?? '', level] as const,
  weights: (unitId?: string) => ['dashboard', 'weights', unitId ?? ''] as const,
};

export type WeightsDto = EvaluationWeights & {
  unitId: string;
  unitName: string;
  isDefault: boolean;
};

export function useDashboard(unitId?: string, date?: string) {
  return useQuery({
    queryKey: dashboardKeys.board(unitId, date),
    queryFn: () => api<DashboardDto>('dashboard', { query: { unitId, date } }),
  });
}

export function useRanking(unitId: string | undefined, level: 'commune' | 'team') {
  return useQuery({
    queryKey: dashboardKeys.ranking(unitId, level),
    queryFn: () => api<RankingDto>('evaluation/ranking', { query: { unitId, level } }),
  });
}

export function useWeights(unitId?: string) {
  return useQuery({
    queryKey: dashboardKeys.weights(unitId),
    queryFn: () => api<WeightsDto>('evaluation/weights', { query: { unitId } }),
  });
}

export function useSaveWeights(unitId?: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (w: EvaluationWeights) =>
      api<WeightsDto>(`evaluation/weights${toQueryString({ unitId })}`, {
        method: 'PUT',
        body: w,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: dashboardKeys.all }),
  });
}

export function useSavePhases(campaignId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (phases: Omit<PhaseDto, 'id'>[]) =>
      api<PhaseDto[]>(`campaigns/${campaignId}/phases`, { method: 'PUT', body: { phases } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: dashboardKeys.all }),
  });
}

export const evaluationReportUrl = (unitId?: string) =>
  `/api/evaluation/report.docx${toQueryString({ unitId })}`;
