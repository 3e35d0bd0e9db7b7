import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditEntryDto } from '@toso/domain/users';
import { api, type Page } from './client';

export interface AuditListParams {
  unitId?: string;
  userId?: string;
  from?: string;
  to?: string;
  entity?: string;
  page?: number;
  pageSize?: number;
}

export const auditKeys = {
  all: ['audit'] as const,
  list: (params: AuditListParams) => ['audit', 'list', params] as const,
};

export const listAudit = (params: AuditListParams) =>
  api<Page<AuditEntryDto>>('audit', { query: { ...params } });

export function useAuditList(params: AuditListParams) {
  return useQuery({
    queryKey: auditKeys.list(params),
    queryFn: () => listAudit(params),
    placeholderData: keepPreviousData,
  });
}
