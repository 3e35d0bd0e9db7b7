import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CreateUserBody, UpdateUserBody, UserDto } from '@toso/domain/users';
import { api, type Page } from './client';

export interface UserListParams {
  q?: string;
  unitId?: string;
  page?: number;
  pageSize?: number;
}

export const userKeys = {
  all: ['users'] as const,
  list: (params: UserListParams) => ['users', 'list', params] as const,
};

// POST: the name typed to find someone is personal data and must not be in a URL.
export const listUsers = (params: UserListParams) =>
  api<Page<UserDto>>('users/search', { body: params });

export const createUser = (body: CreateUserBody) => api<UserDto>('users', { body });

export const updateUser = (id: string, body: UpdateUserBody) =>
  api<UserDto>(`users/${id}`, { method: 'PATCH', body });

export function useUserList(params: UserListParams) {
  return useQuery({
    queryKey: userKeys.list(params),
    queryFn: () => listUsers(params),
    placeholderData: keepPreviousData,
  });
}
