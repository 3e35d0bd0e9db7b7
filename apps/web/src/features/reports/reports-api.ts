import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  ConsolidatedJobDto,
  ReportDto,
  ReportingRatesDto,
  ReportListDto,
  ReportRequestBody,
  ReportRequestDto,
  ReportSections,
} from '@toso/domain/reports';
import { api, type Page } from '../../api/client';

export const reportKeys = {
  all: ['reports'] as const,
  periods: ['reports', 'periods'] as const,
  list: (period: string, unitId?: string) => ['reports', 'list', period, unitId ?? ''] as const,
  rates: (period: string, unitId?: string) => ['reports', 'rates', period, unitId ?? ''] as const,
  detail: (id: string) => ['reports', 'detail', id] as const,
  requests: ['reports', 'requests'] as const,
  settings: ['reports', 'settings'] as const,
};

export interface PeriodDto {
  key: string;
  label: string;
  from: string;
  to: string;
}

export const usePeriods = () =>
  useQuery({ queryKey: reportKeys.periods, queryFn: () => api<PeriodDto[]>('reports/periods') });

export const useReportList = (period: string, unitId?: string) =>
  useQuery({
    queryKey: reportKeys.list(period, unitId),
    queryFn: () => api<ReportListDto>('reports', { query: { period, unitId } }),
    enabled: Boolean(period),
  });

export const useRates = (period: string, unitId: string | undefined, enabled: boolean) =>
  useQuery({
    queryKey: reportKeys.rates(period, unitId),
    queryFn: () => api<ReportingRatesDto>('reports/rates', { query: { period, unitId } }),
    enabled: enabled && Boolean(period),
  });

export const useReport = (id: string) =>
  useQuery({ queryKey: reportKeys.detail(id), queryFn: () => api<ReportDto>(`reports/${id}`) });

export const REQUESTS_PAGE_SIZE = 10;

export const useRequests = (page: number) =>
  useQuery({
    queryKey: [...reportKeys.requests, page],
    queryFn: () =>
      api<Page<ReportRequestDto>>('report-requests', {
        query: { page, pageSize: REQUESTS_PAGE_SIZE },
      }),
    placeholderData: keepPreviousData,
  });

export const useReportSettings = () =>
  useQuery({
    queryKey: reportKeys.settings,
    queryFn: () => api<{ dueDays: number }>('reports/settings'),
  });

export const createReport = (body: { unitId: string; periodKey?: string; requestId?: string }) =>
  api<ReportDto>('reports', { body });
export const saveReport = (id: string, sections: ReportSections) =>
  api<ReportDto>(`reports/${id}`, { method: 'PATCH', body: { sections } });
export const submitReport = (id: string, sections?: ReportSections) =>
  api<ReportDto>(`reports/${id}/submit`, { body: { sections } });
export const returnReport = (id: string, comment: string) =>
  api<ReportDto>(`reports/${id}/return`, { body: { comment } });
export const approveReport = (id: string) => api<ReportDto>(`reports/${id}/approve`, { body: {} });
export const amendReport = (id: string) => api<ReportDto>(`reports/${id}/amend`, { body: {} });
export const createRequest = (body: ReportRequestBody) =>
  api<ReportRequestDto>('report-requests', { body });
export const saveReportSettings = (dueDays: number) =>
  api<{ dueDays: number }>('reports/settings', { method: 'PUT', body: { dueDays } });
export const startConsolidated = (period: string, unitId?: string) =>
  api<ConsolidatedJobDto>('report-consolidations', { body: { period, unitId } });
export const getConsolidated = (id: string) =>
  api<ConsolidatedJobDto>(`report-consolidations/${id}`);

export const reportDocxUrl = (id: string) => `/api/reports/${id}/docx`;
export const reportXlsxUrl = (id: string) => `/api/reports/${id}/xlsx`;
export const consolidatedDocxUrl = (id: string) => `/api/report-consolidations/${id}/docx`;
