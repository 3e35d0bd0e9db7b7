import { useQuery } from '@tanstack/react-query';
import type { CoverageDto } from '@toso/domain/teams';
import { api, toQueryString } from './client';

export const coverageKeys = {
  all: ['coverage'] as const,
  board: (unitId: string | undefined) => ['coverage', unitId ?? ''] as const,
};

export const getCoverage = (unitId?: string) => api<CoverageDto>('coverage', { query: { unitId } });

export const coverageXlsxUrl = (unitId?: string) =>
  `/api/coverage.xlsx${toQueryString({ unitId })}`;

export function useCoverage(unitId: string | undefined) {
  return useQuery({ queryKey: coverageKeys.board(unitId), queryFn: () => getCoverage(unitId) });
}
