import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ContributionDto,
  InvitationDto,
  MemberHistoryDto,
  NationalCourse,
  PartnerDetailDto,
  PartnerTrainingDto,
  TrainingBody,
  TrainingCoverageDto,
  TrainingDetailDto,
  TrainingSummaryDto,
  contributionBody,
  memberRefSchema,
  partnerBody,
  partnerSummarySchema,
} from '@toso/domain/trainings';
import { api, type Page } from './client';

export type TrainingInput = z.input<typeof import('@toso/domain/trainings').trainingBody>;
export type MemberRef = z.infer<typeof memberRefSchema>;
export type PartnerSummary = z.infer<typeof partnerSummarySchema>;
export type PartnerInput = z.input<typeof partnerBody>;
export type ContributionInput = z.input<typeof contributionBody>;

export interface TrainingListParams {
  q?: string;
  unitId?: string;
  partnerId?: string;
  page?: number;
  pageSize?: number;
}

export const trainingKeys = {
  all: ['trainings'] as const,
  list: (p: TrainingListParams) => ['trainings', 'list', p] as const,
  detail: (id: string) => ['trainings', 'detail', id] as const,
  invitations: (id: string) => ['trainings', 'invitations', id] as const,
  coverage: (unitId: string | undefined, topic: string) =>
    ['trainings', 'coverage', unitId ?? '', topic] as const,
  untrained: (unitId: string | undefined, topic: string, page: number) =>
    ['trainings', 'untrained', unitId ?? '', topic, page] as const,
  member: (id: string) => ['trainings', 'member', id] as const,
};

export const partnerKeys = {
  all: ['partners'] as const,
  list: (q: string, page: number) => ['partners', 'list', q, page] as const,
  detail: (id: string) => ['partners', 'detail', id] as const,
  contributions: (id: string) => ['partners', 'contributions', id] as const,
  trainings: (id: string) => ['partners', 'trainings', id] as const,
};

export const listTrainings = (params: TrainingListParams) =>
  api<Page<TrainingSummaryDto>>('trainings', { query: { ...params } });
export const getTraining = (id: string) => api<TrainingDetailDto>(`trainings/${id}`);
export const createTraining = (body: TrainingInput | TrainingBody) =>
  api<TrainingDetailDto>('trainings', { body });
export const inviteToTraining = (id: string, body: { teamIds: string[]; memberIds: string[] }) =>
  api<TrainingDetailDto>(`trainings/${id}/invitations`, { body });
export const saveAttendance = (id: string, body: { present: string[]; absent: string[] }) =>
  api<TrainingDetailDto>(`trainings/${id}/attendance`, { method: 'PUT', body });
export const attendanceSheetUrl = (id: string) => `/api/trainings/${id}/attendance.xlsx`;
export function importAttendance(id: string, file: File) {
  const form = new FormData();
  form.append('file', file);
  return api<{ rows: number; present: number; absent: number }>(`trainings/${id}/attendance.xlsx`, {
    form,
  });
}
export const listCommunesInScope = () => api<{ id: string; name: string }[]>('trainings/communes');
export function useCommunesInScope(enabled = true) {
  return useQuery({
    queryKey: ['trainings', 'communes'],
    queryFn: listCommunesInScope,
    staleTime: 5 * 60_000,
    enabled,
  });
}
export const getCoverage = (unitId: string | undefined, topic: string) =>
  api<TrainingCoverageDto>('trainings/coverage', { query: { unitId, topic } });
export const listUntrained = (unitId: string | undefined, topic: string, page: number) =>
  api<Page<MemberRef>>('trainings/untrained', { query: { unitId, topic, page, pageSize: 50 } });
export const getMemberHistory = (id: string) => api<MemberHistoryDto>(`trainings/members/${id}`);
export const recordCourse = (id: string, body: { course: NationalCourse; completedOn: string }) =>
  api<MemberHistoryDto>(`trainings/members/${id}/courses`, { body });
export function uploadCertificate(courseId: string, file: File) {
  const form = new FormData();
  form.append('file', file);
  return api<MemberHistoryDto>(`trainings/courses/${courseId}/certificate`, { form });
}
export const certificateUrl = (courseId: string) =>
  `/api/trainings/courses/${courseId}/certificate`;

export const listPartners = (q: string, page: number, pageSize = 20) =>
  api<Page<PartnerSummary>>('partners', { query: { q, page, pageSize } });
export const getPartner = (id: string) => api<PartnerDetailDto>(`partners/${id}`);
export const createPartner = (body: PartnerInput) => api<PartnerDetailDto>('partners', { body });
export const updatePartner = (id: string, body: PartnerInput) =>
  api<PartnerDetailDto>(`partners/${id}`, { method: 'PUT', body });
export const addContribution = (id: string, body: ContributionInput) =>
  api<PartnerDetailDto>(`partners/${id}/contributions`, { body });

export function useTrainingList(params: TrainingListParams) {
  return useQuery({
    queryKey: trainingKeys.list(params),
    queryFn: () => listTrainings(params),
    placeholderData: keepPreviousData,
  });
}
export function useTraining(id: string) {
  return useQuery({ queryKey: trainingKeys.detail(id), queryFn: () => getTraining(id) });
}
export function useTrainingCoverage(unitId: string | undefined, topic: string | null) {
  return useQuery({
    queryKey: trainingKeys.coverage(unitId, topic ?? ''),
    queryFn: () => getCoverage(unitId, topic ?? ''),
    enabled: Boolean(topic),
    placeholderData: keepPreviousData,
  });
}
export function useUntrained(unitId: string | undefined, topic: string | null, page: number) {
  return useQuery({
    queryKey: trainingKeys.untrained(unitId, topic ?? '', page),
    queryFn: () => listUntrained(unitId, topic ?? '', page),
    enabled: Boolean(topic),
    placeholderData: keepPreviousData,
  });
}
export function useMemberHistory(id: string) {
  return useQuery({ queryKey: trainingKeys.member(id), queryFn: () => getMemberHistory(id) });
}
export function usePartnerList(q: string, page: number, pageSize = 20) {
  return useQuery({
    queryKey: [...partnerKeys.list(q, page), pageSize],
    queryFn: () => listPartners(q, page, pageSize),
    placeholderData: keepPreviousData,
  });
}
/** A page of `path` searched by `q`; the page shown stays while the next one loads. */
function useSearchPage<T>(
  key: readonly unknown[],
  path: string,
  q: string,
  page: number,
  pageSize: number,
  /** 'body': a POST search, for text that is personal data. */
  send: 'query' | 'body' = 'query',
) {
  return useQuery({
    queryKey: [...key, q, page, pageSize],
    queryFn: () =>
      send === 'body'
        ? api<Page<T>>(path, { body: { q: q || undefined, page, pageSize } })
        : api<Page<T>>(path, { query: { q, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
}
export function useContributionList(id: string, q: string, page: number, pageSize: number) {
  const key = partnerKeys.contributions(id);
  return useSearchPage<ContributionDto>(key, `partners/${id}/contributions`, q, page, pageSize);
}
export function usePartnerTrainings(id: string, q: string, page: number, pageSize: number) {
  const key = partnerKeys.trainings(id);
  return useSearchPage<PartnerTrainingDto>(key, `partners/${id}/trainings`, q, page, pageSize);
}
/** By POST, the text in the body: what is typed is a member's name, which must not be in a URL. */
export function useInvitationList(id: string, q: string, page: number, pageSize: number) {
  const key = trainingKeys.invitations(id);
  const path = `trainings/${id}/invitations/search`;
  return useSearchPage<InvitationDto>(key, path, q, page, pageSize, 'body');
}
export function usePartner(id: string) {
  return useQuery({ queryKey: partnerKeys.detail(id), queryFn: () => getPartner(id) });
}
