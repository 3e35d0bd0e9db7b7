import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type {
  CommentDto,
  GuideCardBody,
  GuideCardDto,
  MaterialBody,
  MaterialDto,
  MaterialKind,
  MaterialTopic,
  PracticeBody,
  PracticeDto,
  PracticeStatus,
  PracticeSummaryDto,
} from '@toso/domain/library';
import type { PlatformDto } from '@toso/domain/platforms';
import { api, type Page } from './client';

export interface MaterialListParams {
  q?: string;
  platformId?: string;
  topic?: MaterialTopic;
  kind?: MaterialKind;
  page?: number;
  pageSize?: number;
}

export interface PracticeListParams {
  q?: string;
  status?: PracticeStatus;
  page?: number;
  pageSize?: number;
}

export const libraryKeys = {
  materials: ['materials'] as const,
  materialList: (p: MaterialListParams) => ['materials', 'list', p] as const,
  guides: ['guide-cards'] as const,
  guide: (platformId: string) => ['guide-cards', platformId] as const,
  platforms: ['library', 'platforms'] as const,
  practices: ['practices'] as const,
  practiceList: (p: PracticeListParams) => ['practices', 'list', p] as const,
  practice: (id: string) => ['practices', 'detail', id] as const,
  comments: (id: string) => ['practices', 'comments', id] as const,
};

export const listMaterials = (params: MaterialListParams) =>
  api<Page<MaterialDto>>('materials', { query: { ...params } });
export const createMaterial = (body: MaterialBody) => api<MaterialDto>('materials', { body });
export const updateMaterial = (id: string, body: MaterialBody) =>
  api<MaterialDto>(`materials/${id}`, { method: 'PUT', body });
export const deleteMaterial = (id: string) => api<null>(`materials/${id}`, { method: 'DELETE' });

function fileForm(file: File): FormData {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
}
export const uploadMaterialFile = (id: string, file: File) =>
  api<MaterialDto>(`materials/${id}/file`, { form: fileForm(file) });
export const materialFileUrl = (id: string, inline = false) =>
  `/api/materials/${id}/file${inline ? '?inline=1' : ''}`;

export const listGuideCards = () => api<GuideCardDto[]>('guide-cards');
export const getGuideCard = (platformId: string) => api<GuideCardDto>(`guide-cards/${platformId}`);
export const saveGuideCard = (platformId: string, body: GuideCardBody) =>
  api<GuideCardDto>(`guide-cards/${platformId}`, { method: 'PUT', body });

export const listPractices = (params: PracticeListParams) =>
  api<Page<PracticeSummaryDto>>('practices', { query: { ...params } });
export const getPractice = (id: string) => api<PracticeDto>(`practices/${id}`);
export const createPractice = (body: PracticeBody) => api<PracticeDto>('practices', { body });
export const updatePractice = (id: string, body: PracticeBody) =>
  api<PracticeDto>(`practices/${id}`, { method: 'PUT', body });
export const deletePractice = (id: string) => api<null>(`practices/${id}`, { method: 'DELETE' });
export const publishPractice = (id: string) =>
  api<PracticeDto>(`practices/${id}/publish`, { method: 'POST' });
export const featurePractice = (id: string, featured: boolean) =>
  api<PracticeDto>(`practices/${id}/feature`, { body: { featured } });
export const addPracticePhoto = (id: string, file: File) =>
  api<PracticeDto>(`practices/${id}/photos`, { form: fileForm(file) });
export const removePracticePhoto = (id: string, fileId: string) =>
  api<PracticeDto>(`practices/${id}/photos/${fileId}`, { method: 'DELETE' });
export const practicePhotoUrl = (id: string, fileId: string) =>
  `/api/practices/${id}/photos/${fileId}`;
export const listComments = (id: string, page: number, pageSize: number) =>
  api<Page<CommentDto>>(`practices/${id}/comments`, { query: { page, pageSize } });
export const addComment = (id: string, body: string) =>
  api<PracticeDto>(`practices/${id}/comments`, { body: { body } });
export const deleteComment = (id: string, commentId: string) =>
  api<PracticeDto>(`practices/${id}/comments/${commentId}`, { method: 'DELETE' });

export function useMaterialList(params: MaterialListParams) {
  return useQuery({
    queryKey: libraryKeys.materialList(params),
    queryFn: () => listMaterials(params),
    placeholderData: keepPreviousData,
  });
}

export function useGuideCards() {
  return useQuery({ queryKey: libraryKeys.guides, queryFn: listGuideCards });
}

export function useGuideCard(platformId: string | undefined) {
  return useQuery({
    queryKey: libraryKeys.guide(platformId ?? ''),
    queryFn: () => getGuideCard(platformId ?? ''),
    enabled: Boolean(platformId),
  });
}

export function useLibraryPlatforms() {
  return useQuery({
    queryKey: libraryKeys.platforms,
    queryFn: () => api<PlatformDto[]>('platforms'),
    staleTime: 5 * 60_000,
  });
}

export function usePracticeList(params: PracticeListParams) {
  return useQuery({
    queryKey: libraryKeys.practiceList(params),
    queryFn: () => listPractices(params),
    placeholderData: keepPreviousData,
  });
}

export function usePractice(id: string | undefined) {
  return useQuery({
    queryKey: libraryKeys.practice(id ?? ''),
    queryFn: () => getPractice(id ?? ''),
    enabled: Boolean(id),
  });
}

export const COMMENT_PAGE_SIZE = 20;

/** The comments of a practice, newest first, one page of older ones more at each "load more". */
export function usePracticeComments(id: string) {
  return useInfiniteQuery({
    queryKey: libraryKeys.comments(id),
    queryFn: ({ pageParam }) => listComments(id, pageParam, COMMENT_PAGE_SIZE),
    initialPageParam: 1,
    getNextPageParam: (last) =>
      last.page * last.pageSize < last.total ? last.page + 1 : undefined,
  });
}
