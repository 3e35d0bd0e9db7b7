import { useQuery } from '@tanstack/react-query';
import type { Locale, MeDto } from '@toso/domain/users';
import { api, isApiError } from './client';

export const authKeys = { me: ['auth', 'me'] as const };

/** The signed-in user, or null when there is no session. */
export async function fetchMe(): Promise<MeDto | null> {
  try {
    return await api<MeDto>('auth/me');
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export const login = (username: string, password: string) =>
  api<MeDto>('auth/login', { body: { username, password } });

export const logout = () => api<unknown>('auth/logout', { method: 'POST' });

export const saveLocale = (locale: Locale) =>
  api<MeDto>('auth/locale', { method: 'PUT', body: { locale } });

export const changePassword = (currentPassword: string, newPassword: string) =>
  api<unknown>('auth/password', { body: { currentPassword, newPassword } });

export function useMe() {
  return useQuery({ queryKey: authKeys.me, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}
