import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ChatGroupBody, ChatGroupDto, ChatPlatform } from '@toso/domain/chat-groups';
import { api, type Page } from './client';

export interface ChatGroupListParams {
  unitId?: string;
  platform?: ChatPlatform;
  page?: number;
  pageSize?: number;
}

export interface ChatGroupCount {
  id: string;
  recordedOn: string;
  householdsJoined: number;
}

export type UpdateChatGroupBody = Partial<Omit<ChatGroupBody, 'unitId' | 'householdsJoined'>>;

export const chatGroupKeys = {
  all: ['chat-groups'] as const,
  list: (params: ChatGroupListParams) => ['chat-groups', 'list', params] as const,
  detail: (id: string) => ['chat-groups', 'detail', id] as const,
  counts: (id: string) => ['chat-groups', 'counts', id] as const,
};

export const listChatGroups = (params: ChatGroupListParams) =>
  api<Page<ChatGroupDto>>('chat-groups', { query: { ...params } });

export const getChatGroup = (id: string) => api<ChatGroupDto>(`chat-groups/${id}`);

export const createChatGroup = (body: ChatGroupBody) => api<ChatGroupDto>('chat-groups', { body });

export const updateChatGroup = (id: string, body: UpdateChatGroupBody) =>
  api<ChatGroupDto>(`chat-groups/${id}`, { method: 'PATCH', body });

export const recordChatGroupCount = (
  id: string,
  body: { recordedOn: string; householdsJoined: number },
) => api<ChatGroupDto>(`chat-groups/${id}/counts`, { body });

export const listChatGroupCounts = (id: string) =>
  api<ChatGroupCount[]>(`chat-groups/${id}/counts`);

export const chatGroupQrUrl = (id: string) => `/api/chat-groups/${id}/qr.svg`;

export function useChatGroupList(params: ChatGroupListParams) {
  return useQuery({
    queryKey: chatGroupKeys.list(params),
    queryFn: () => listChatGroups(params),
    placeholderData: keepPreviousData,
  });
}

export function useChatGroup(id: string | undefined) {
  return useQuery({
    queryKey: chatGroupKeys.detail(id ?? ''),
    queryFn: () => getChatGroup(id ?? ''),
    enabled: Boolean(id),
  });
}

export function useChatGroupCounts(id: string) {
  return useQuery({ queryKey: chatGroupKeys.counts(id), queryFn: () => listChatGroupCounts(id) });
}
