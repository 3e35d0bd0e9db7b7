import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  consentSchema,
  dataRequestSchema,
  DuplicateDto,
  HouseholdDto,
  ResidentDto,
} from '@toso/domain/registry';
import { api, toQueryString, type Page } from './client';

export type ConsentDto = z.infer<typeof consentSchema>;
export type ConsentStatus = ConsentDto['status'];
export type DataRequestDto = z.infer<typeof dataRequestSchema>;
export type DataRequestKind = DataRequestDto['kind'];
export type DataRequestStatus = DataRequestDto['status'];

export interface ResidentListParams {
  q?: string;
  unitId?: string;
  householdId?: string;
  birthYear?: number;
  kpi?: 'working_age' | 'able' | 'unknown_age';
  on?: string;
  page?: number;
  pageSize?: number;
}

export interface HouseholdListParams {
  q?: string;
  unitId?: string;
  page?: number;
  pageSize?: number;
}

export interface DuplicateParams {
  hamletId: string;
  fullName?: string;
  birthYear?: number;
  phone?: string;
  nationalId?: string;
  exceptId?: string;
}

/** The fields sent to add a resident (residentBody). */
export interface ResidentInput {
  householdId: string;
  fullName: string;
  sex: 'male' | 'female' | null;
  birthYear: number | null;
  relation: ResidentDto['relation'];
  phone: string | null;
  nationalId: string | null;
  ethnicity: string | null;
  notes: string;
  confirmNotDuplicate?: boolean;
}

export type ResidentUpdate = Partial<Omit<ResidentInput, 'householdId' | 'confirmNotDuplicate'>>;

export type CreateResidentResult =
  | { status: 'created'; resident: ResidentDto; candidates: DuplicateDto[] }
  | { status: 'duplicates'; resident: null; candidates: DuplicateDto[] };

export interface ResidentHistory {
  residentMoves: { movedOn: string; fromHouseholdId: string; toHouseholdId: string }[];
  householdMoves: { movedOn: string; fromHamletId: string; toHamletId: string }[];
}

export interface HouseholdInput {
  hamletId: string;
  address: string;
  headName: string;
  phone: string | null;
  notes: string;
}

export const registryKeys = {
  all: ['registry'] as const,
  residents: (params: ResidentListParams) => ['registry', 'residents', params] as const,
  resident: (id: string) => ['registry', 'resident', id] as const,
  history: (id: string) => ['registry', 'resident', id, 'history'] as const,
  consents: (id: string) => ['registry', 'resident', id, 'consents'] as const,
  duplicates: (params: DuplicateParams) => ['registry', 'duplicates', params] as const,
  households: (params: HouseholdListParams) => ['registry', 'households', params] as const,
  household: (id: string) => ['registry', 'household', id] as const,
  notice: ['registry', 'consent-notice'] as const,
  dataRequests: (params: { status?: DataRequestStatus; page?: number }) =>
    ['registry', 'data-requests', params] as const,
};

// Lists are asked by POST with the filters in the body: the search text is a name, a phone or an
// ID number, and URLs are kept by proxies and browser history (the server refuses `?q=`).
export const listResidents = (params: ResidentListParams) =>
  api<Page<ResidentDto> & { isCapped: boolean }>('residents/search', { body: params });

export const getResident = (id: string) => api<ResidentDto>(`residents/${id}`);

export const createResident = (body: ResidentInput) =>
  api<CreateResidentResult>('residents', { body });

export const updateResident = (id: string, body: ResidentUpdate) =>
  api<ResidentDto>(`residents/${id}`, { method: 'PATCH', body });

export const findDuplicates = (params: DuplicateParams) =>
  api<DuplicateDto[]>('residents/duplicates', { body: params });

export const moveResident = (id: string, body: { householdId: string; movedOn: string }) =>
  api<ResidentDto>(`residents/${id}/move`, { body });

export const getResidentHistory = (id: string) => api<ResidentHistory>(`residents/${id}/history`);

export const mergeResidents = (body: { keepId: string; mergeId: string }) =>
  api<ResidentDto>('residents/merge', { body });

export const eraseResident = (id: string, reason: string) =>
  api<{ ok: true }>(`residents/${id}/erase`, { body: { reason } });

export const listConsents = (id: string) => api<ConsentDto[]>(`residents/${id}/consents`);

export const recordConsent = (
  id: string,
  body: { status: ConsentStatus; recordedOn: string; noticeVersion: string },
) => api<ConsentDto[]>(`residents/${id}/consents`, { body });

export const getConsentNotice = () => api<{ version: string; text: string }>('consent-notice');

export const listHouseholds = (params: HouseholdListParams) =>
  api<Page<HouseholdDto>>('households/search', { body: params });

export const getHousehold = (id: string) => api<HouseholdDto>(`households/${id}`);

export const createHousehold = (body: HouseholdInput) => api<HouseholdDto>('households', { body });

export const moveHousehold = (id: string, body: { hamletId: string; movedOn: string }) =>
  api<HouseholdDto>(`households/${id}/move`, { body });

export const listDataRequests = (params: { status?: DataRequestStatus; page?: number }) =>
  api<Page<DataRequestDto>>('data-requests', { query: { ...params } });

export const createDataRequest = (body: {
  residentId: string;
  kind: DataRequestKind;
  receivedOn: string;
  details: string;
}) => api<DataRequestDto>('data-requests', { body });

export const handleDataRequest = (
  id: string,
  body: { status: 'done' | 'rejected'; response: string },
) => api<DataRequestDto>(`data-requests/${id}/handle`, { body });

export const residentsTemplateUrl = '/api/residents/template.xlsx';

export const residentsExportUrl = (unitId: string) =>
  `/api/residents/export.xlsx${toQueryString({ unitId })}`;

export function useResidentList(params: ResidentListParams, enabled = true) {
  return useQuery({
    queryKey: registryKeys.residents(params),
    queryFn: () => listResidents(params),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useResident(id: string | undefined) {
  return useQuery({
    queryKey: registryKeys.resident(id ?? ''),
    queryFn: () => getResident(id ?? ''),
    enabled: Boolean(id),
  });
}

export function useHouseholdList(params: HouseholdListParams, enabled = true) {
  return useQuery({
    queryKey: registryKeys.households(params),
    queryFn: () => listHouseholds(params),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useHousehold(id: string | undefined) {
  return useQuery({
    queryKey: registryKeys.household(id ?? ''),
    queryFn: () => getHousehold(id ?? ''),
    enabled: Boolean(id),
  });
}

/** Possible duplicates of what is being typed; off until there is a name or a number to match. */
export function useDuplicates(params: DuplicateParams | null) {
  return useQuery({
    queryKey: registryKeys.duplicates(params ?? { hamletId: '' }),
    queryFn: () => findDuplicates(params as DuplicateParams),
    enabled: params !== null,
    placeholderData: keepPreviousData,
  });
}

export function useConsentNotice() {
  return useQuery({
    queryKey: registryKeys.notice,
    queryFn: getConsentNotice,
    staleTime: Infinity,
  });
}
